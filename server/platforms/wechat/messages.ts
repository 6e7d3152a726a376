import { networkOutcome, type MessagesFacet, type OutgoingMessage, type SendOutcome } from '../types'
import { WECHAT_API, type WechatApp } from './core'

/**
 * The WeChat access_token (GET cgi-bin/token): cached, renewed a while before it expires,
 * and fetched by one caller at a time (single flight) so a burst of sends makes one request.
 * WeChat keeps the previous token valid for five minutes after a new one is issued, which is
 * why renewing early is safe. Several server instances should share one token source
 * (or use cgi-bin/stable_token); one instance per app id is assumed here.
 */
export interface TokenSource {
  get(): Promise<string>
  /** This token was refused (40001/42001): drop it unless a newer one already replaced it. */
  invalidate(token: string): void
}

export class TokenError extends Error {}

export interface TokenOptions extends WechatApp {
  fetch: typeof fetch
  now: () => Date
  /** Renew this long before expiry (default 5 min). */
  refreshBeforeMs?: number
}

export function wechatTokenSource(o: TokenOptions): TokenSource {
  const early = o.refreshBeforeMs ?? 5 * 60_000
  let cached: { token: string; renewAt: number } | null = null
  let inflight: Promise<string> | null = null

  async function fetchToken(): Promise<string> {
    const url = new URL(`${WECHAT_API}/cgi-bin/token`)
    url.search = new URLSearchParams({ grant_type: 'client_credential', appid: o.appId, secret: o.secret }).toString()
    const res = await o.fetch(url, { signal: AbortSignal.timeout(5000) })
    const body = (await res.json().catch(() => ({}))) as { access_token?: string; expires_in?: number; errcode?: number; errmsg?: string }
    if (!body.access_token) throw new TokenError(`cgi-bin/token: ${body.errcode ?? res.status} ${body.errmsg ?? ''}`.trim())
    const lifeMs = (body.expires_in ?? 7200) * 1000
    cached = { token: body.access_token, renewAt: o.now().getTime() + Math.max(lifeMs - early, lifeMs / 2) }
    return body.access_token
  }

  return {
    get() {
      if (cached && o.now().getTime() < cached.renewAt) return Promise.resolve(cached.token)
      inflight ??= fetchToken().finally(() => {
        inflight = null
      })
      return inflight
    },
    invalidate(token) {
      if (cached?.token === token) cached = null
    },
  }
}

/** errcodes of cgi-bin/message/subscribe/send that say the token is bad: renew and send again. */
const TOKEN_ERRORS = new Set([40001, 40014, 42001])
/** Busy or rate limited: nothing was sent, try later. */
const TRY_LATER = new Set([-1, 45009, 45011])
/** No send left for this user and template on WeChat's side. */
const NO_QUOTA = 43101

export interface WechatMessageOptions extends WechatApp {
  /** formal | trial | developer: which version of the mini-program the message opens. */
  state: 'formal' | 'trial' | 'developer'
  fetch?: typeof fetch
  now?: () => Date
  tokens?: TokenSource
}

/**
 * WeChat subscribe messages: POST cgi-bin/message/subscribe/send. WeChat has no idempotency
 * key for this call, so this facet is not idempotent: a send whose answer was lost is
 * never repeated (the worker marks it 'unknown').
 */
export function wechatMessages(o: WechatMessageOptions): MessagesFacet {
  const fetchImpl = o.fetch ?? fetch
  const tokens = o.tokens ?? wechatTokenSource({ appId: o.appId, secret: o.secret, fetch: fetchImpl, now: o.now ?? (() => new Date()) })

  async function post(token: string, m: OutgoingMessage): Promise<{ errcode: number; errmsg: string } | SendOutcome> {
    const url = `${WECHAT_API}/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(token)}`
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
