import { deviceId } from './device-id'
import type { HostLoginResult, LoginAdapter } from './types'

interface WxLoginResult {
  code?: string
  errMsg: string
}
declare const wx: { login(options: { timeout?: number; success(res: WxLoginResult): void; fail(err: { errMsg: string }): void }): void }

function wxLogin(): Promise<WxLoginResult> {
  return new Promise((resolve, reject) => wx.login({ timeout: 10_000, success: resolve, fail: reject }))
}

// wx.login -> a one-time code; the server trades it for openid with jscode2session (services/auth).
// Typed as the interface for callers (so they see every status); `satisfies` still rejects extra or missing members.
export const loginAdapter: LoginAdapter = {
  kind: 'platform',
  buttonText: '微信一键登录',
  async login(): Promise<HostLoginResult> {
    let code: string | undefined
    try {
      code = (await wxLogin()).code
    } catch (err) {
      const msg = (err as { errMsg?: string }).errMsg ?? ''
      if (/cancel/i.test(msg)) return { status: 'cancelled' }
      return { status: 'failed', message: '微信登录失败，请稍后重试' }
    }
    if (!code) return { status: 'failed', message: '微信登录失败，请稍后重试' }
    return { status: 'ok', credential: { platform: 'weapp', code, deviceId: deviceId() } }
  },
} satisfies LoginAdapter
