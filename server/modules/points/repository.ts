import type { PointsEntryView, PointsKind } from '../../../src/domain/points'
import type { Queryable } from '../../db'
import { iso } from '../../lib/rows'

/** The shopper's entries, newest first (GET /api/points). */
export async function entriesOf(q: Queryable, userId: number, page: number, pageSize: number): Promise<{ items: PointsEntryView[]; total: number }> {
  const [rows, count] = await Promise.all([
    q.query<{ id: string; delta: number; kind: PointsKind; title: string; at: Date; expires_at: Date | null }>(
      'SELECT id, delta, kind, title, at, expires_at FROM points_entries WHERE user_id = $1 ORDER BY at DESC, id DESC LIMIT $2 OFFSET $3',
      [userId, pageSize, (page - 1) * pageSize],
    ),
    q.one<{ n: number }>('SELECT count(*)::int AS n FROM points_entries WHERE user_id = $1', [userId]),
  ])
  return {
    items: rows.rows.map((r) => ({ id: Number(r.id), delta: r.delta, kind: r.kind, title: r.title, at: iso(r.at), expiresAt: r.expires_at === null ? null : iso(r.expires_at) })),
    total: count.n,
  }
}

/** The next lot to expire with points left (all lots of that instant together). */
export async function nextExpiring(q: Queryable, userId: number): Promise<{ points: number; at: string } | null> {
  const r = await q.maybeOne<{ points: number; at: Date }>(
    `SELECT sum(remaining)::int AS points, expires_at AS at FROM points_entries
     WHERE user_id = $1 AND remaining > 0 GROUP BY expires_at ORDER BY expires_at LIMIT 1`,
    [userId],
  )
  return r ? { points: r.points, at: iso(r.at) } : null
}

export async function balanceOf(q: Queryable, userId: number): Promise<number> {
  return (await q.maybeOne<{ balance: number }>('SELECT balance FROM points_accounts WHERE user_id = $1', [userId]))?.balance ?? 0
}

/** The points one order's entries moved, by kind (earned, spent, taken back, returned), as positive numbers. */
export async function orderPoints(q: Queryable, orderId: number): Promise<Record<'order' | 'checkout' | 'take_back' | 'return', number>> {
  const rows = await q.query<{ kind: string; points: number }>(
    "SELECT kind, abs(sum(delta))::int AS points FROM points_entries WHERE order_id = $1 AND kind IN ('order', 'checkout', 'take_back', 'return') GROUP BY kind",
    [orderId],
  )
  const by = Object.fromEntries(rows.rows.map((r) => [r.kind, r.points]))
  return { order: by.order ?? 0, checkout: by.checkout ?? 0, take_back: by.take_back ?? 0, return: by.return ?? 0 }
}

/** The last check-in (its day as YYYY-MM-DD, the shop's day). */
export async function lastCheckIn(q: Queryable, userId: number): Promise<{ day: string; streak: number } | null> {
  return q.maybeOne<{ day: string; streak: number }>("SELECT to_char(day, 'YYYY-MM-DD') AS day, streak FROM check_ins WHERE user_id = $1 ORDER BY day DESC LIMIT 1", [userId])
}

/** Checked-in days of a month (YYYY-MM). */
export async function checkInDays(q: Queryable, userId: number, month: string): Promise<string[]> {
  const rows = await q.query<{ day: string }>(
    "SELECT to_char(day, 'YYYY-MM-DD') AS day FROM check_ins WHERE user_id = $1 AND day >= $2::date AND day < ($2::date + interval '1 month') ORDER BY day",
    [userId, `${month}-01`],
  )
  return rows.rows.map((r) => r.day)
}
