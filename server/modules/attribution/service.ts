import { parseSceneId, type AttributionResult, type SceneChannel } from '../../../src/domain/sharing'
import type { Db, Tx } from '../../db'
import { notFound } from '../../lib/errors'
import { resolveScene, sceneFor } from './scenes'
import { recordVisit } from './visits'

/** What attribution asks of the promoters module: bind the shopper to the scene's promoter (its lock rules decide). */
export interface BindEvent {
  userId: number
  promoterId: number
  scene: string
  at: Date
}
/** promoters.bindIn has exactly this shape; true when the shopper is (now) bound to this promoter. */
export type BindHook = (q: Tx, e: BindEvent) => Promise<boolean>

export interface AttributionDeps {
  now: () => Date
  /** Default: nobody is bound (no promoters module yet). */
  bind?: BindHook
}

/** What a scene opens, as GET /api/scenes/:id answers it: never the promoter (public, before login). */
export interface SceneInfo {
  scene: string
  productId: number | null
  storeId: number | null
  channel: SceneChannel
}

const IGNORED: AttributionResult = { scene: null, productId: null, storeId: null, channel: null, recorded: false, bound: false }

export function attributionService(db: Db, deps: AttributionDeps) {
  const bind: BindHook = deps.bind ?? (async () => false)

  return {
    /**
     * POST /api/attribution: what the scene opens and, for a signed-in shopper, the visit recorded
     * and the promoter bound, in one transaction. A scene that doesn't parse or doesn't exist is
     * ignored (all nulls), never an error: codes and shares live on outside our control.
     */
    async attribute(userId: number | null, raw: unknown): Promise<AttributionResult> {
      const id = parseSceneId(raw)
      if (!id) return IGNORED
      const scene = await resolveScene(db, id)
      if (!scene) return IGNORED
      const base = { scene: scene.id, productId: scene.productId, storeId: scene.storeId, channel: scene.channel }
      // Without a session nothing is written: the app sends the scene again after login.
      if (userId === null) return { ...base, recorded: false, bound: false }
      const at = deps.now()
      return db.tx(async (q) => {
        await recordVisit(q, userId, scene.id, at)
        // Recorded: this visit is on record for the shopper (a new row, or one within the hour already counts it).
        const bound = scene.promoterId === null ? false : await bind(q, { userId, promoterId: scene.promoterId, scene: scene.id, at })
        return { ...base, recorded: true, bound }
      })
    },

    /** GET /api/scenes/:id: the scene's product, store and channel (404 SCENE_NOT_FOUND). */
    async info(raw: unknown): Promise<SceneInfo> {
      const id = parseSceneId(raw)
      const scene = id && (await resolveScene(db, id))
      if (!scene) throw notFound('分享码', 'SCENE_NOT_FOUND')
      return { scene: scene.id, productId: scene.productId, storeId: scene.storeId, channel: scene.channel }
    },

    /**
     * POST /api/scenes: the signed-in shopper's share scene for a product (or the shop). An
     * approved promoter's carries their promoter id (their customers are bound to them); anyone
     * else's carries none, so a plain shopper's share still opens the product.
     */
    async shareScene(userId: number, input: { productId?: number; channel: SceneChannel }): Promise<{ scene: string }> {
      if (input.productId !== undefined && !(await db.maybeOne('SELECT 1 FROM products WHERE id = $1', [input.productId]))) throw notFound('商品', 'PRODUCT_NOT_FOUND')
      const promoter = await db.maybeOne<{ id: number }>("SELECT id FROM promoters WHERE user_id = $1 AND status = 'approved'", [userId])
      const scene = await sceneFor(db, { promoterId: promoter?.id ?? null, productId: input.productId ?? null, channel: input.channel, storeId: null }, deps.now())
      return { scene }
    },
  }
}

export type AttributionService = ReturnType<typeof attributionService>
