import type { Db, Queryable } from '../../db'

/**
 * Card updates (level and points) to send to the platforms. One pending row per shopper at
 * most (a partial unique index): a burst of changes enqueues once, and the worker reads the
 * values current when it sends. A row being sent is 'sending' (leased), so a change meanwhile
 * enqueues a new pending row and is not lost.
 */
export async function enqueueUpdate(q: Queryable, userId: number, at: Date): Promise<boolean> {
  const r = await q.query(
    `INSERT INTO member_card_updates (user_id, next_attempt_at, created_at)
     SELECT $1, $2, $2 WHERE EXISTS (SELECT 1 FROM member_cards WHERE user_id = $1 AND status = 'active')
     ON CONFLICT (user_id) WHERE status = 'pending' DO NOTHING`,
    [userId, at],
  )
  return r.rowCount > 0
}

export interface UpdateRow {
  id: number
  user_id: number
  attempts: number
}

/** Leases up to `batch` due rows (pending and due, or sending with the lease run out); SKIP LOCKED: two workers never take the same row. */
export async function claimDue(db: Db, owner: string, now: Date, leaseMs: number, batch: number): Promise<UpdateRow[]> {
  const r = await db.query<UpdateRow>(
    `UPDATE member_card_updates SET status = 'sending', lease_owner = $1, lease_until = $2, attempts = attempts + 1
     WHERE id IN (
       SELECT id FROM member_card_updates
       WHERE (status = 'pending' AND next_attempt_at <= $3) OR (status = 'sending' AND lease_until < $3)
       ORDER BY id LIMIT $4 FOR UPDATE SKIP LOCKED)
     RETURNING id, user_id, attempts`,
    [owner, new Date(now.getTime() + leaseMs), now, batch],
  )
  return r.rows
}

export async function markSent(db: Db, id: number, owner: string, payload: unknown, at: Date): Promise<void> {
  await db.query("UPDATE member_card_updates SET status = 'sent', payload = $3, last_error = NULL, sent_at = $4, lease_owner = NULL WHERE id = $1 AND lease_owner = $2", [
    id,
    owner,
    JSON.stringify(payload),
    at,
  ])
}

/**
 * A failed send: tried again at `retryAt`, or 'failed' (retryAt null: out of attempts). When a
 * newer pending row for the shopper exists it carries the latest values: this one is superseded.
 */
export async function markFailed(db: Db, row: UpdateRow, owner: string, error: string, retryAt: Date | null): Promise<void> {
  await db.query(
    `UPDATE member_card_updates SET lease_owner = NULL, last_error = $3, next_attempt_at = coalesce($4, next_attempt_at),
       status = CASE WHEN EXISTS (SELECT 1 FROM member_card_updates p WHERE p.user_id = $5 AND p.status = 'pending') THEN 'superseded'
                     WHEN $4::timestamptz IS NULL THEN 'failed' ELSE 'pending' END
     WHERE id = $1 AND lease_owner = $2`,
    [row.id, owner, error.slice(0, 500), retryAt, row.user_id],
  )
}
