import { networkOutcome, type MessageProvider, type OutgoingMessage, type SendOutcome } from './types'
import { TokenError, wechatTokenSource, type TokenSource } from './wechat-token'

/** errcodes of cgi-bin/message/subscribe/send that say the token is bad: renew and send again. */
const TOKEN_ERRORS = new Set([40001, 40014, 42001])
/** Busy or rate limited: nothing was sent, try later. */
const TRY_LATER = new Set([-1, 45009, 45011])
/** No send left for this user and template on WeChat's side. */
const NO_QUOTA = 43101

export interface WechatMessageOptions {
  appId: string
  secret: string
  /** formal | trial | developer: which version of the mini-program the message opens. */
  state: 'formal' | 'trial' | 'developer'
  fetch?: typeof fetch
  now?: () => Date
  tokens?: TokenSource
}

/**
 * WeChat subscribe messages: POST cgi-bin/message/subscribe/send. WeChat has no idempotency
 * key for this call, so this provider is not idempotent: a send whose answer was lost is
 * never repeated (the worker marks it 'unknown').
 */
export function wechatMessageProvider(o: WechatMessageOptions): MessageProvider {
  const fetchImpl = o.fetch ?? fetch
  const tokens = o.tokens ?? wechatTokenSource({ appId: o.appId, secret: o.secret, fetch: fetchImpl, now: o.now ?? (() => new Date()) })

  async function post(token: string, m: OutgoingMessage): Promise<{ errcode: number; errmsg: string } | SendOutcome> {
    const url = `https://api.weixin.qq.com/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(token)}`
    const body = {
      touser: m.recipient.openId ?? m.recipient.externalId,
      template_id: m.templateId,
      page: m.page,
      data: Object.fromEntries(Object.entries(m.data).map(([k, value]) => [k, { value }])),
      miniprogram_state: o.state,
      lang: 'zh_CN',
    }
    let res: Response
    try {
      res = await fetchImpl(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(10_000) })
    } catch (err) {
      return networkOutcome(err)
    }
    // A gateway error page: WeChat's front door answered, the API did not take the message.
    if (res.status >= 500) return { kind: 'retry', detail: `HTTP ${res.status}` }
    const json = (await res.json().catch(() => null)) as { errcode?: number; errmsg?: string } | null
    if (!json) return { kind: 'ambiguous', detail: `HTTP ${res.status}, unreadable answer` }
    return { errcode: json.errcode ?? 0, errmsg: json.errmsg ?? '' }
  }

  return {
    id: 'wechat',
    idempotent: false,
    async send(m) {
      for (let round = 0; round < 2; round++) {
        let token: string
        try {
          token = await tokens.get()
        } catch (err) {
          // No token, no request: nothing went out.
          return { kind: 'retry', detail: err instanceof TokenError ? err.message : `token: ${(err as Error).message}` }
        }
        const r = await post(token, m)
        if ('kind' in r) return r
        const detail = `errcode ${r.errcode} ${r.errmsg}`.trim()
        if (r.errcode === 0) return { kind: 'sent' }
        if (r.errcode === NO_QUOTA) return { kind: 'no_quota', detail }
        if (TOKEN_ERRORS.has(r.errcode)) {
          tokens.invalidate(token)
          continue
        }
        if (TRY_LATER.has(r.errcode)) return { kind: 'retry', detail }
        // 40003 bad openid, 40037 bad template id, 47003 bad data, 41030 bad page ...: sending again won't help.
        return { kind: 'rejected', detail }
      }
      return { kind: 'retry', detail: 'access_token refused twice' }
    },
  }
}
