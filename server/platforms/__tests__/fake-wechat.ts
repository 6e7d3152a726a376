import { expect } from 'vitest'
import { wechatTokenSource, type TokenSource } from '../wechat/messages'

export interface WechatCall {
  path: string
  query: Record<string, string>
  body: unknown
}

/** The token GET every fake WeChat sees first (app wx-app / wx-secret). */
export const TOKEN_CALL: WechatCall = { path: '/cgi-bin/token', query: { grant_type: 'client_credential', appid: 'wx-app', secret: 'wx-secret' }, body: undefined }

/** The API calls WeChat documents as GET. */
const GET_PATHS = new Set(['/cgi-bin/message/wxopen/activityid/create'])

/**
 * A fake api.weixin.qq.com for the facets over the shared access_token: records every request
 * (token GETs and POST bodies), hands out TOKEN-1, TOKEN-2, … and answers each call with `answer(path)`.
 */
export function fakeWechatApi(answer: (path: string) => Response, now: () => Date): { calls: WechatCall[]; fetch: typeof fetch; tokens: TokenSource } {
  const calls: WechatCall[] = []
  let tokens = 0
  const impl = (async (url: string | URL, init?: RequestInit) => {
    const u = new URL(String(url))
    calls.push({ path: u.pathname, query: Object.fromEntries(u.searchParams), body: init?.body === undefined ? undefined : JSON.parse(String(init.body)) })
    if (u.pathname === '/cgi-bin/token') return Response.json({ access_token: `TOKEN-${++tokens}`, expires_in: 7200 })
    // Every API call is a POST, except the few WeChat documents as GET (activityid/create).
    if (!GET_PATHS.has(u.pathname)) expect(init?.method).toBe('POST')
    return answer(u.pathname)
  }) as typeof fetch
  return { calls, fetch: impl, tokens: wechatTokenSource({ appId: 'wx-app', secret: 'wx-secret', fetch: impl, now }) }
}
