import type { SceneTarget } from '../../../src/domain/sharing'
import type { Queryable, Tx } from '../../db'

/** A shopper opening the same scene again within this time adds no row: a page-view storm stays one visit. */
export const VISIT_DEDUP_MS = 60 * 60_000

/**
 * Records a signed-in shopper's visit through a scene, in the caller's transaction. The very
 * first visit of a user is the first touch (first = true; visits_first_idx lets one such row
 * exist, so racing first visits insert it once and the others fall through). Later visits are
 * plain rows, at most one per (user, scene) per VISIT_DEDUP_MS. Answers whether a row was written.
 */
export async function recordVisit(q: Tx, userId: number, scene: string, at: Date): Promise<boolean> {
  const first = await q.maybeOne('INSERT INTO visits (user_id, scene, first, at) VALUES ($1, $2, true, $3) ON CONFLICT (user_id) WHERE first DO NOTHING RETURNING id', [userId, scene, at])
  if (first) return true
  // The first-touch row exists (ours or a committed one): locking it queues this user's later
  // visits one after another, so two taps at once can't both pass the hourly check below.
  await q.query('SELECT id FROM visits WHERE user_id = $1 AND first FOR UPDATE', [userId])
  const recent = await q.maybeOne('SELECT 1 FROM visits WHERE user_id = $1 AND scene = $2 AND at > $3 LIMIT 1', [userId, scene, new Date(at.getTime() - VISIT_DEDUP_MS)])
  if (recent) return false
  await q.query('INSERT INTO visits (user_id, scene, first, at) VALUES ($1, $2, false, $3)', [userId, scene, at])
  return true
}

export type FirstTouch = SceneTarget & { scene: string; at: string }

/** The scene of the shopper's first visit (first touch) and when, or null when they never came through one. */
export async function firstTouchOf(q: Queryable, userId: number): Promise<FirstTouch | null> {
  const r = await q.maybeOne<{ scene: string; at: Date; promoter_id: number | null; product_id: number | null; channel: SceneTarget['channel']; store_id: number | null }>(
    `SELECT v.scene, v.at, s.promoter_id, s.product_id, s.channel, s.store_id
       FROM visits v JOIN scenes s ON s.id = v.scene WHERE v.user_id = $1 AND v.first`,
    [userId],
  )
  return r && { scene: r.scene, at: new Date(r.at).toISOString(), promoterId: r.promoter_id, productId: r.product_id, channel: r.channel, storeId: r.store_id }
}

export interface PromoterVisits {
  /** Visit rows through the promoter's scenes (at most one per shopper, scene and hour). */
  visits: number
  /** Distinct shoppers who came through them. */
  visitors: number
  /** Shoppers whose first touch was one of them. */
  firstTouches: number
}

/** Visit counts through a promoter's scenes, for the promoter centre. */
export async function visitsOf(q: Queryable, promoterId: number): Promise<PromoterVisits> {
  return q.one<PromoterVisits>(
    `SELECT count(*)::int AS visits, count(DISTINCT v.user_id)::int AS visitors, (count(*) FILTER (WHERE v.first))::int AS "firstTouches"
       FROM visits v JOIN scenes s ON s.id = v.scene WHERE s.promoter_id = $1`,
    [promoterId],
  )
}
