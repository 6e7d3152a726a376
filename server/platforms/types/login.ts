/** What a platform login gives us: a stable id for the user on that platform. */
export interface PlatformIdentity {
  /** WeChat openid, or Alipay user_id (falls back to open_id for apps that only get one). */
  externalId: string
  openId: string | null
  unionId: string | null
}

/** A login code from the app -> the user's identity; throws LoginRejected when the platform refuses the code. */
export type LoginFacet = (code: string) => Promise<PlatformIdentity>

export interface LoginFacets {
  /** WeChat: wx.login code -> jscode2session. */
  wechat?: LoginFacet
  /** Alipay: my.getAuthCode code -> alipay.system.oauth.token. */
  alipay?: LoginFacet
}

/** The platform refused the code (expired, used twice, wrong app). */
export class LoginRejected extends Error {}
