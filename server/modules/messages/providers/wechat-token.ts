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

export interface TokenOptions {
  appId: string
  secret: string
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
    const url = new URL('https://api.weixin.qq.com/cgi-bin/token')
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
