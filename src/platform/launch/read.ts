import { parseSceneId } from '@/domain/sharing'

/** What getLaunchOptionsSync / getEnterOptionsSync answer, as far as the scene is concerned. */
export interface LaunchOptionsLike {
  path?: string
  query?: Record<string, unknown> | null
}

/**
 * WeChat: a mini-program code (getwxacodeunlimit) arrives as `query.scene`, URI-encoded; a
 * chat share as `?scene=` on its path, which the host also puts in `query.scene`.
 */
export function weappScene(options: LaunchOptionsLike | null | undefined): string | null {
  return parseSceneId(options?.query?.scene)
}

/**
 * Alipay: a code made by alipay.open.app.qrcode.create carries `query_param` ("scene=<id>"),
 * which the host hands over as `query` ({scene: id}); some hosts pass the raw string on as
 * `query.query_param` or as `query` itself. A chat share's `?scene=` lands in `query.scene` too.
 */
export function alipayScene(options: (Omit<LaunchOptionsLike, 'query'> & { query?: Record<string, unknown> | string | null }) | null | undefined): string | null {
  const q = options?.query
  if (typeof q === 'string') return sceneInQueryString(q)
  return parseSceneId(q?.scene) ?? (typeof q?.query_param === 'string' ? sceneInQueryString(q.query_param) : null)
}

/** "scene=abc12345&x=1" (or "?scene=…") → the scene id, when it is one of ours. */
export function sceneInQueryString(qs: string): string | null {
  for (const part of qs.replace(/^\?/, '').split('&')) {
    const [k, v = ''] = part.split('=')
    if (k === 'scene') return parseSceneId(v)
  }
  return null
}

/**
 * Any other key of the launch query (the invite code of an invite share, `?invite=`), raw as
 * the host hands it: WeChat's `query` object; Alipay's `query` object, or the string itself,
 * or its `query_param`. The caller checks what the value is.
 */
export function launchQueryValue(options: (Omit<LaunchOptionsLike, 'query'> & { query?: Record<string, unknown> | string | null }) | null | undefined, key: string): string | null {
  const q = options?.query
  if (typeof q === 'string') return valueInQueryString(q, key)
  const direct = q?.[key]
  if (typeof direct === 'string' && direct) return direct
  return typeof q?.query_param === 'string' ? valueInQueryString(q.query_param, key) : null
}

/** "invite=abc&x=1" (or "?invite=…") → "abc"; null when the key is absent or empty. */
export function valueInQueryString(qs: string, key: string): string | null {
  for (const part of qs.replace(/^\?/, '').split('&')) {
    const [k, v = ''] = part.split('=')
    if (k === key && v) return v
  }
  return null
}

/**
 * A store's code (the codes facet) opens the shop with that store chosen: its scene is
 * `st=<id>` (WeChat hands a getwxacodeunlimit scene over URI-encoded in `query.scene`), and a
 * path share may carry `?st=<id>` itself. The raw id, or null; the caller checks it.
 */
export function launchStoreValue(options: (Omit<LaunchOptionsLike, 'query'> & { query?: Record<string, unknown> | string | null }) | null | undefined): string | null {
  const direct = launchQueryValue(options, 'st')
  if (direct) return direct
  const q = options?.query
  const scene = typeof q === 'object' && q && typeof q.scene === 'string' ? q.scene : null
  if (!scene) return null
  let text = scene
  try {
    text = decodeURIComponent(scene)
  } catch {
    return null
  }
  return valueInQueryString(text, 'st')
}
