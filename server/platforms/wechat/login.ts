import { LoginRejected, type LoginFacet } from '../types'
import { WECHAT_API, type WechatApp } from './core'

interface Code2SessionAnswer {
  openid?: string
  unionid?: string
  session_key?: string
  errcode?: number
  errmsg?: string
}

/** jscode2session: https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/user-login/code2Session.html */
export function wechatLogin(app: WechatApp, fetchImpl: typeof fetch = fetch): LoginFacet {
  return async (code) => {
    const url = new URL(`${WECHAT_API}/sns/jscode2session`)
    url.search = new URLSearchParams({ appid: app.appId, secret: app.secret, js_code: code, grant_type: 'authorization_code' }).toString()
    const res = await fetchImpl(url, { signal: AbortSignal.timeout(5000) })
    const body = (await res.json()) as Code2SessionAnswer
    // errcode 40029 invalid code, 40163 code used, 45011 rate limited ... all mean "no login".
    if (!res.ok || body.errcode || !body.openid) throw new LoginRejected(`wechat: ${body.errcode ?? res.status} ${body.errmsg ?? ''}`)
    // session_key stays with WeChat's answer: we don't decrypt user data, so we don't keep it.
    return { externalId: body.openid, openId: body.openid, unionId: body.unionid ?? null }
  }
}
