import { LIMITS } from '@/domain/validation'
import { devLogin } from '@/services/auth'
import { errorMessage } from '@/services/http'
import type { LoginAdapter, LoginOptions, LoginResult } from './types'

// The H5 preview has no host app to ask: the sandbox server accepts a dev login by nickname.
// Typed as the interface for callers (so they see every status); `satisfies` still rejects extra or missing members.
export const loginAdapter: LoginAdapter = {
  kind: 'nickname',
  buttonText: '登录预览账号',
  async login(options?: LoginOptions): Promise<LoginResult> {
    const nickname = options?.nickname?.trim() ?? ''
    if (!nickname) return { status: 'failed', message: '请填写昵称' }
    if ([...nickname].length > LIMITS.nickname) return { status: 'failed', message: `昵称最多 ${LIMITS.nickname} 个字` }
    try {
      return { status: 'ok', session: await devLogin(nickname) }
    } catch (err) {
      return { status: 'failed', message: errorMessage(err) }
    }
  },
} satisfies LoginAdapter
