import type { Db } from '../../db'

const BATCH = 100

/**
 * Lots past expires_at with points left: one 'expire' entry each (keyed by the lot, so it is
 * written once), the lot emptied and the balance lowered, one shopper per transaction. The
 * shopper's account row is taken with SKIP LOCKED: a second server sweeping at the same time
 * (or a spend in progress) moves on to the next shopper instead of waiting, and whoever comes
 * later finds the lots already empty. Answers how many lots expired.
 */
export async function expireDue(db: Db, now: Date): Promise<number> {
  let expired = 0
  const skipped = new Set<number>()
  for (;;) {
    const due = await db.query<{ user_id: number }>(
      'SELECT DISTINCT user_id FROM points_entries WHERE remaining > 0 AND expires_at <= $1 AND NOT (user_id = ANY($2::int[])) LIMIT $3',
      [now, [...skipped], BATCH],
    )
    for (const { user_id: userId } of due.rows) {
      const n = await db.tx(async (q) => {
        const account = await q.maybeOne('SELECT 1 FROM points_accounts WHERE user_id = $1 FOR UPDATE SKIP LOCKED', [userId])
        if (!account) return null
        const lots = await q.query<{ id: string; remaining: number }>(
          'SELECT id, remaining FROM points_entries WHERE user_id = $1 AND remaining > 0 AND expires_at <= $2 ORDER BY expires_at, id',
          [userId, now],
        )
        if (lots.rows.length === 0) return 0
        const gone = lots.rows.reduce((s, l) => s + l.remaining, 0)
        await q.query(
          `WITH x AS (SELECT * FROM json_to_recordset($2::json) AS x(id bigint, remaining int)),
           e AS (
             INSERT INTO points_entries (user_id, delta, kind, key, title, at)
             SELECT $1, -x.remaining, 'expire', 'expire:' || x.id, '积分过期', $3 FROM x
           )
           UPDATE points_entries p SET remaining = 0 FROM x WHERE p.id = x.id`,
          [userId, JSON.stringify(lots.rows.map((l) => ({ id: Number(l.id), remaining: l.remaining }))), now],
        )
        await q.query('UPDATE points_accounts SET balance = balance - $2, updated_at = $3 WHERE user_id = $1', [userId, gone, now])
        return lots.rows.length
      })
      // Locked by someone else: left for the next tick (not asked again in this one).
      if (n === null) skipped.add(userId)
      else expired += n
    }
    if (due.rows.length < BATCH) return expired
  }
}
