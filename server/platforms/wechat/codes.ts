import { ProviderError, unreachable, type CodeRequest, type CodesFacet } from '../types'
import { asPng } from '../png'
import { WECHAT_API } from './core'
import { TokenError, type TokenSource } from './messages'

/** errcodes that say the access_token is bad: renew it and ask again. */
const TOKEN_ERRORS = new Set([40001, 40014, 42001])

export interface WechatCodesOptions {
  tokens: TokenSource
  /** env_version: release | trial | develop (WECHAT_CODE_ENV). */
  envVersion: 'release' | 'trial' | 'develop'
  fetch?: typeof fetch
}

/**
 * WeChat's unlimited mini-program codes: POST /wxa/getwxacodeunlimit?access_token=… with JSON
 * {scene (≤ 32 visible characters), page (no leading slash, no query), check_path, env_version,
 * width (280–1280, default 430)}. The answer is the image itself, or JSON {errcode, errmsg}
 * (41030 page not found / not released, 45009 over 5,000 a minute, …): told apart by content-type.
 * The image is a JPEG unless is_hyaline: it is converted to the facet's PNG.
 * check_path is true only for release: trial and develop versions' pages aren't published yet.
 */
export function wechatCodes(o: WechatCodesOptions): CodesFacet {
  const fetchImpl = o.fetch ?? fetch
  const fail = unreachable('WeChat getwxacodeunlimit')

  async function post(token: string, req: CodeRequest): Promise<Buffer | { errcode: number; errmsg: string }> {
    const body = { scene: req.scene, page: req.page, check_path: o.envVersion === 'release', env_version: o.envVersion, width: req.width ?? 430 }
    const res = await fetchImpl(`${WECHAT_API}/wxa/getwxacodeunlimit?access_token=${encodeURIComponent(token)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    }).catch(fail)
    const type = res.headers.get('content-type') ?? ''
    if (res.ok && type.startsWith('image/')) return asPng(Buffer.from(await res.arrayBuffer().catch(fail)), 'WeChat getwxacodeunlimit')
    const json = (await res.json().catch(() => null)) as { errcode?: number; errmsg?: string } | null
    if (!json || typeof json.errcode !== 'number') throw new ProviderError(`WeChat getwxacodeunlimit: HTTP ${res.status}, ${type || 'no content-type'}, no image`)
    return { errcode: json.errcode, errmsg: json.errmsg ?? '' }
  }

  return {
    id: 'wechat',
    sandbox: false,
    async create(req) {
      for (let round = 0; round < 2; round++) {
        const token = await o.tokens.get().catch((err: unknown) => {
          throw new ProviderError(err instanceof TokenError ? err.message : `WeChat access_token: ${(err as Error).message}`)
        })
        const r = await post(token, req)
        if (Buffer.isBuffer(r)) return r
        if (TOKEN_ERRORS.has(r.errcode)) {
          o.tokens.invalidate(token)
          continue
        }
        throw new ProviderError(`WeChat getwxacodeunlimit: errcode ${r.errcode} ${r.errmsg}`.trim())
      }
      throw new ProviderError('WeChat getwxacodeunlimit: access_token refused twice')
    },
  }
}
