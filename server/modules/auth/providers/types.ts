/** What a platform login gives us: a stable id for the user on that platform. */
export interface PlatformIdentity {
  /** WeChat openid, or Alipay user_id (falls back to open_id for apps that only get one). */
  externalId: string
  openId: string | null
  unionId: string | null
}

export interface LoginProviders {
  /** WeChat: wx.login code -> jscode2session. */
  wechat?: (code: string) => Promise<PlatformIdentity>
  /** Alipay: my.getAuthCode code -> alipay.system.oauth.token. */
  alipay?: (authCode: string) => Promise<PlatformIdentity>
}

/** The platform refused the code (expired, used twice, wrong app). */
export class LoginRejected extends Error {}
