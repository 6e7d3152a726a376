/** What a platform login gives us: a stable id for the user on that platform. */
export interface PlatformIdentity {
  /** WeChat openid, or Alipay user_id (falls back to open_id for apps that only get one). */
  externalId: string
  openId: string | null
  unionId: string | null
}

/** What the app sends besides the code. Live platforms ignore it; the sandbox's login keys its shopper on it. */
export interface LoginHints {
  /** A random id the app keeps in its storage (one per installation / IDE). */
  deviceId?: string
}

/** A login code from the app -> the user's identity; throws LoginRejected when the platform refuses the code. */
export type LoginFacet = (code: string, hints?: LoginHints) => Promise<PlatformIdentity>

/** Sandbox mode only (no merchant keys): the sandbox's login plays both platforms. Its ids start with this. */
export const SANDBOX_LOGIN_PREFIX = 'sandbox-'

export interface LoginFacets {
  /** WeChat: wx.login code -> jscode2session. */
  wechat?: LoginFacet
  /** Alipay: my.getAuthCode code -> alipay.system.oauth.token. */
  alipay?: LoginFacet
}

/** The platform refused the code (expired, used twice, wrong app). */
export class LoginRejected extends Error {}
