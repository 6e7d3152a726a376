import Taro from '@tarojs/taro'
import { isSceneId, parseSceneId, type AttributionResult, type SceneChannel } from '@/domain/sharing'
import { api, ApiError, signedIn } from './http'

/**
 * Attribution: the scene a shopper arrived with (a code, a poster, a chat share) is posted to
 * POST /api/attribution. A guest's visit can't be recorded for anyone, so the scene waits in
 * storage and is sent again right after login (store/session calls resendPendingAttribution).
 * A scene the server doesn't know is ignored silently: never an error the shopper sees.
 */

const PENDING_KEY = 'duet-pending-scene'
/** Scenes already sent this run (as guest or signed in): the launch and the page it opens don't post twice. */
const sent = new Set<string>()

function readPending(): string | null {
  try {
    const v: unknown = Taro.getStorageSync(PENDING_KEY)
    return isSceneId(v) ? v : null
  } catch {
    return null
  }
}

function writePending(scene: string | null): void {
  try {
    if (scene) Taro.setStorageSync(PENDING_KEY, scene)
    else Taro.removeStorageSync(PENDING_KEY)
  } catch {
    // Storage full or unavailable: the visit is only lost for attribution, nothing else.
  }
}

export function postAttribution(scene: string): Promise<AttributionResult> {
  return api<AttributionResult>('POST', '/api/attribution', { body: { scene } })
}

/**
 * Report a scene (raw: `query.scene` as received, encoded or not). Signed in: posted once per
 * run. A guest: posted too (the server may count the visit) and kept pending for after login.
 */
export async function attributeScene(raw: unknown): Promise<AttributionResult | null> {
  const scene = parseSceneId(raw)
  if (!scene) return null
  const signed = signedIn()
  const key = `${signed ? 'user' : 'guest'}:${scene}`
  if (sent.has(key)) return null
  sent.add(key)
  if (!signed) writePending(scene)
  try {
    const r = await postAttribution(scene)
    // No such scene: nothing to send again later either.
    if (r.scene === null) writePending(null)
    else if (signed || r.recorded) writePending(null)
    return r
  } catch (err) {
    // A network failure may be sent again; a 4xx answer about the scene won't change.
    if (err instanceof ApiError && err.retryable) sent.delete(key)
    else if (err instanceof ApiError && err.status !== 401) writePending(null)
    return null
  }
}

/** After login: the scene a guest arrived with, recorded now for the signed-in shopper. */
export async function resendPendingAttribution(): Promise<AttributionResult | null> {
  const scene = readPending()
  if (!scene || !signedIn()) return null
  return attributeScene(scene)
}

/** GET /api/scenes/:id (public): what a code stands for; null when there is no such scene. */
export async function resolveScene(scene: string): Promise<{ scene: string; productId: number | null; storeId: number | null; channel: SceneChannel } | null> {
  try {
    return await api('GET', `/api/scenes/${encodeURIComponent(scene)}`, { auth: false })
  } catch {
    return null
  }
}

/** The shopper's own share scenes, per product ('' for the shop), fetched once per run. */
const shareScenes = new Map<string, Promise<string | null>>()

/**
 * POST /api/scenes {productId?, channel} → the signed-in shopper's scene for sharing (it
 * carries their promoter id when they are one). Guests share without a scene.
 */
export function myShareScene(productId: number | null, channel: SceneChannel = 'share'): Promise<string | null> {
  if (!signedIn()) return Promise.resolve(null)
  const key = `${productId ?? ''}:${channel}`
  let p = shareScenes.get(key)
  if (!p) {
    p = api<{ scene: string }>('POST', '/api/scenes', { body: productId ? { productId, channel } : { channel } }).then(
      (r) => (isSceneId(r.scene) ? r.scene : null),
      () => {
        shareScenes.delete(key)
        return null
      },
    )
    shareScenes.set(key, p)
  }
  return p
}

/** Signing out: the next shopper on this device shares with their own scenes. */
export function forgetShareScenes(): void {
  shareScenes.clear()
  sent.clear()
}
