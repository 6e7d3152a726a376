import { LIMITS } from '@/domain/validation'
import type { HostLoginResult, LoginAdapter, LoginOptions } from './types'

// The H5 preview has no host app to ask: its credential is the nickname the shopper typed,
// which the sandbox server accepts as a dev login (services/auth).
// Typed as the interface for callers (so they see every status); `satisfies` still rejects extra or missing members.
export const loginAdapter: LoginAdapter = {
  kind: 'nickname',
  buttonText: '登录预览账号',
  async login(options?: LoginOptions): Promise<HostLoginResult> {
    const nickname = options?.nickname?.trim() ?? ''
    if (!nickname) return { status: 'failed', message: '请填写昵称' }
    if ([...nickname].length > LIMITS.nickname) return { status: 'failed', message: `昵称最多 ${LIMITS.nickname} 个字` }
    return { status: 'ok', credential: { platform: 'h5', nickname } }
  },
} satisfies LoginAdapter
