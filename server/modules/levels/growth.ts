/**
 * The growth ledger's writes (src/domain/levels.ts has the rules). Every change first locks the
 * shopper's growth_accounts row, so two changes of one shopper run one after the other and each
 * sees what the other left; the entry's unique `key` makes a repeated event write once. The
 * CHECK (growth >= 0) is the last guard.
 */
import type { Tx } from '../../db'

export interface GrowthEntry {
  userId: number
  /** Positive: earned; negative: taken back. Zero writes nothing. */
  delta: number
  kind: 'order' | 'take_back'
  key: string
  orderId: number | null
  at: Date
}

/** The shopper's growth with their account row locked (created at 0 on the first change: an upsert that takes the lock). */
export async function lockGrowth(q: Tx, userId: number, at: Date): Promise<number> {
  const row = await q.one<{ growth: number }>(
    `INSERT INTO growth_accounts (user_id, growth, updated_at) VALUES ($1, 0, $2)
     ON CONFLICT (user_id) DO UPDATE SET growth = growth_accounts.growth RETURNING growth`,
    [userId, at],
  )
  return row.growth
}

/** Writes the entry once (by its key) and moves the growth; answers the growth before and after. The caller holds the lock. */
export async function moveGrowth(q: Tx, e: GrowthEntry, before: number): Promise<{ applied: boolean; before: number; after: number }> {
  if (e.delta === 0) return { applied: false, before, after: before }
  const inserted = await q.maybeOne(
    'INSERT INTO growth_entries (user_id, delta, kind, key, order_id, at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (key) DO NOTHING RETURNING id',
    [e.userId, e.delta, e.kind, e.key, e.orderId, e.at],
  )
  if (!inserted) return { applied: false, before, after: before }
  const row = await q.one<{ growth: number }>('UPDATE growth_accounts SET growth = growth + $2, updated_at = $3 WHERE user_id = $1 RETURNING growth', [e.userId, e.delta, e.at])
  return { applied: true, before, after: row.growth }
}

/** What one order's entries moved: growth earned and taken back, as positive numbers. */
export async function orderGrowth(q: Tx, orderId: number): Promise<{ earned: number; takenBack: number }> {
  const r = await q.one<{ earned: number; taken: number }>(
    `SELECT coalesce(sum(delta) FILTER (WHERE kind = 'order'), 0)::int AS earned,
            coalesce(-sum(delta) FILTER (WHERE kind = 'take_back'), 0)::int AS taken
     FROM growth_entries WHERE order_id = $1`,
    [orderId],
  )
  return { earned: r.earned, takenBack: r.taken }
}
