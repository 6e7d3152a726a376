/**
 * Sharing and attribution: the short scene ids that mini-program codes, posters and chat
 * shares carry, and which pages a code may open. Pure: no I/O.
 *
 * WeChat's getwxacodeunlimit takes `scene` (≤ 32 visible characters) and a page without a
 * query; the page reads `decodeURIComponent(query.scene)`. Alipay's qrcode.create takes
 * `url_param` (the page) and `query_param` (`scene=<id>`), and the app sees it in the launch
 * options' `query`. Shares in chats carry `?scene=<id>` on their path. One id everywhere, so
 * the server maps it to (promoter, product, channel, store) and nothing else travels.
 */

/** 8 characters of [0-9A-Za-z]: 62^8 ≈ 2·10^14 ids, short enough for any code or path. */
export const SCENE_ID_LENGTH = 8
const SCENE_RE = /^[0-9A-Za-z]{8}$/

export const SCENE_CHANNELS = ['share', 'poster', 'code', 'link', 'store'] as const
/** share: a chat share card; poster: a saved poster's code; code: a printed code; link: a copied link; store: a store's own code. */
export type SceneChannel = (typeof SCENE_CHANNELS)[number]

/** What a scene id stands for (server table scenes). Any field may be null: a shop code has none of them. */
export interface SceneTarget {
  promoterId: number | null
  productId: number | null
  channel: SceneChannel
  storeId: number | null
}

/**
 * The id the app received (raw `query.scene`, maybe URI-encoded, maybe `scene=<id>` from an
 * Alipay query string), or null when it isn't one of ours: a scene that doesn't parse is
 * ignored, never an error page.
 */
export function parseSceneId(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 96) return null
  let s = raw
  try {
    s = decodeURIComponent(raw)
  } catch {
    return null
  }
  if (s.startsWith('scene=')) s = s.slice('scene='.length)
  return SCENE_RE.test(s) ? s : null
}

export function isSceneId(s: unknown): s is string {
  return typeof s === 'string' && SCENE_RE.test(s)
}

/**
 * Pages a mini-program code may open (GET /api/codes?page=): no leading slash, no query, as
 * WeChat wants them. Anything else is a 400: the endpoint draws nothing for arbitrary input.
 */
export const CODE_PAGES = ['pages/index/index', 'pkg-shop/product/index', 'pkg-share/gift/index', 'pkg-share/promoter/index'] as const
export type CodePage = (typeof CODE_PAGES)[number]

export function isCodePage(p: unknown): p is CodePage {
  return typeof p === 'string' && (CODE_PAGES as readonly string[]).includes(p)
}

/** POST /api/attribution {scene} → what the scene stands for and what the visit did. */
export interface AttributionResult {
  /** null: no such scene (ignored). */
  scene: string | null
  productId: number | null
  storeId: number | null
  channel: SceneChannel | null
  /** A first-touch visit was recorded for the signed-in shopper (false without a session: the app sends it again after login). */
  recorded: boolean
  /** The shopper is (now) bound to this scene's promoter. */
  bound: boolean
}
