import { deviceId } from './device-id'
import type { HostLoginResult, LoginAdapter } from './types'

interface AuthCodeResult {
  authCode?: string
}
interface AlipayError {
  error?: number
  errorMessage?: string
}
declare const my: {
  getAuthCode(options: { scopes: string; success(res: AuthCodeResult): void; fail(err: AlipayError): void }): void
}

// Called on `my` directly: Taro's login alias for Alipay renames the result field.
function getAuthCode(): Promise<AuthCodeResult> {
  return new Promise((resolve, reject) => my.getAuthCode({ scopes: 'auth_base', success: resolve, fail: reject }))
}

// my.getAuthCode (silent auth_base) -> authCode; the server trades it with alipay.system.oauth.token (services/auth).
// Typed as the interface for callers (so they see every status); `satisfies` still rejects extra or missing members.
export const loginAdapter: LoginAdapter = {
  kind: 'platform',
  buttonText: '支付宝一键登录',
  async login(): Promise<HostLoginResult> {
    let authCode: string | undefined
    try {
      authCode = (await getAuthCode()).authCode
    } catch (err) {
      // 11 USER_CANCEL / 1001 ERROR_CODE_USER_CANCEL: the shopper closed the authorization sheet.
      const code = (err as AlipayError).error
      if (code === 11 || code === 1001) return { status: 'cancelled' }
      return { status: 'failed', message: '支付宝授权失败，请稍后重试' }
    }
    if (!authCode) return { status: 'failed', message: '支付宝授权失败，请稍后重试' }
    return { status: 'ok', credential: { platform: 'alipay', authCode, deviceId: deviceId() } }
  },
} satisfies LoginAdapter
