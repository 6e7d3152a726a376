import crypto from 'node:crypto'
import { SCENE_ID_LENGTH, type SceneTarget } from '../../../src/domain/sharing'
import type { Queryable } from '../../db'

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

/** A fresh random scene id: 8 of [0-9A-Za-z] from the CSPRNG (ids are handed out in public codes; they must not be guessable in sequence). */
export function newSceneId(): string {
  // 248 is the largest multiple of 62 below 256: bytes above it are dropped so every character is equally likely.
  let out = ''
  while (out.length < SCENE_ID_LENGTH) {
    for (const b of crypto.randomBytes(16)) if (b < 248 && out.length < SCENE_ID_LENGTH) out += ALPHABET[b % 62]
  }
  return out
}

/**
 * The scene id for a target, made once: the same (promoter, product, channel, store) always
 * answers the same id (scenes_target_idx), so a promoter's poster code stays valid and cached.
 * `id` chooses the id of a new row (a promoter's own scene, chosen before its row exists).
 * Safe under concurrency: a racing insert of the same target loses to ON CONFLICT and reads the winner's.
 */
export async function sceneFor(q: Queryable, target: SceneTarget, at: Date, id: string = newSceneId()): Promise<string> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const found = await q.maybeOne<{ id: string }>(
      `SELECT id FROM scenes WHERE COALESCE(promoter_id, 0) = COALESCE($1::int, 0) AND COALESCE(product_id, 0) = COALESCE($2::int, 0)
         AND channel = $3 AND COALESCE(store_id, 0) = COALESCE($4::int, 0)`,
      [target.promoterId, target.productId, target.channel, target.storeId],
    )
    if (found) return found.id
    const inserted = await q.maybeOne<{ id: string }>(
      `INSERT INTO scenes (id, promoter_id, product_id, channel, store_id, created_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT DO NOTHING RETURNING id`,
      [attempt === 0 ? id : newSceneId(), target.promoterId, target.productId, target.channel, target.storeId, at],
    )
    if (inserted) return inserted.id
    // Either the same target was inserted meanwhile (read it above) or the random id collided (try another).
  }
  throw new Error('could not allocate a scene id')
}

/** What a scene id stands for, or null (unknown ids are ignored by callers, never an error page). */
export async function resolveScene(q: Queryable, id: string): Promise<(SceneTarget & { id: string }) | null> {
  const r = await q.maybeOne<{ id: string; promoter_id: number | null; product_id: number | null; channel: SceneTarget['channel']; store_id: number | null }>(
    'SELECT id, promoter_id, product_id, channel, store_id FROM scenes WHERE id = $1',
    [id],
  )
  return r && { id: r.id, promoterId: r.promoter_id, productId: r.product_id, channel: r.channel, storeId: r.store_id }
}
