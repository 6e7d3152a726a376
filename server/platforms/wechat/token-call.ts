import { ProviderError, unreachable } from '../types'
import { TokenError, type TokenSource } from './messages'

/** errcodes that say the access_token is bad: renew it and ask again. */
const TOKEN_ERRORS = new Set([40001, 40014, 42001])

/**
 * One WeChat call with a fresh access_token, again once with a renewed token if WeChat refused
 * it; any other errcode is a ProviderError. Shared by the calls over the app's token
 * (updatable messages, member cards).
 */
export function wechatTokenCall(tokens: TokenSource) {
  return async function withToken<T extends { errcode?: number; errmsg?: string }>(what: string, call: (token: string) => Promise<Response>): Promise<T> {
    const fail = unreachable(`WeChat ${what}`)
    for (let round = 0; round < 2; round++) {
      const token = await tokens.get().catch((err: unknown) => {
        throw new ProviderError(err instanceof TokenError ? err.message : `WeChat access_token: ${(err as Error).message}`)
      })
      const res = await call(token).catch(fail)
      const json = (await res.json().catch(() => null)) as T | null
      if (!json) throw new ProviderError(`WeChat ${what}: HTTP ${res.status}, no JSON`)
      if (json.errcode && TOKEN_ERRORS.has(json.errcode)) {
        tokens.invalidate(token)
        continue
      }
      if (json.errcode) throw new ProviderError(`WeChat ${what}: errcode ${json.errcode} ${json.errmsg ?? ''}`.trim())
      return json
    }
    throw new ProviderError(`WeChat ${what}: access_token refused twice`)
  }
}
