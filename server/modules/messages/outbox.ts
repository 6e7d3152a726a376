import type { OutboxEntry, Paged } from '../../../src/domain/contract'
import type { MessageEvent } from '../../../src/domain/messages'
import type { OrderStatus } from '../../../src/domain/order-state'
import type { Db, Queryable } from '../../db'
import { conflict } from '../../lib/errors'
import { iso } from '../../lib/rows'
import { recordAudit, type AdminIdentity } from '../staff'

/** The order statuses that tell the shopper something, and the message each one sends. */
const EVENT_FOR_STATUS: Partial<Record<OrderStatus, MessageEvent>> = {
  paid: 'order_paid',
  shipped: 'order_shipped',
  refunded: 'refund_done',
}

export const dedupeKey = (orderId: number, event: MessageEvent) => `order:${orderId}:${event}`

/**
 * Called by transition() inside the order change's own transaction: the message row commits
 * or rolls back with the change. The unique dedupe key makes a repeated change enqueue nothing.
 */
export async function enqueueForStatus(q: Queryable, orderId: number, status: OrderStatus, at: Date): Promise<void> {
  const event = EVENT_FOR_STATUS[status]
  if (event) await enqueueOrderEvent(q, orderId, event, at)
}

export async function enqueueOrderEvent(q: Queryable, orderId: number, event: MessageEvent, at: Date): Promise<boolean> {
  const r = await q.query(
    `INSERT INTO message_outbox (dedupe_key, user_id, order_id, event, next_attempt_at, occurred_at, created_at)
     SELECT $2, user_id, id, $3, $4, $4, $4 FROM orders WHERE id = $1
     ON CONFLICT (dedupe_key) DO NOTHING`,
    [orderId, dedupeKey(orderId, event), event, at],
  )
  return r.rowCount > 0
}

/**
 * An order message under the caller's own dedupe key, in the change's own transaction: for
 * events that happen more than once per order (after_sale_update: `after_sale:<id>:<status>`).
 * The user is the order's; the unique key makes a repeated change enqueue nothing.
 */
export async function enqueueOrderMessage(q: Queryable, orderId: number, event: MessageEvent, at: Date, key: string): Promise<boolean> {
  const r = await q.query(
    `INSERT INTO message_outbox (dedupe_key, user_id, order_id, event, next_attempt_at, occurred_at, created_at)
     SELECT $2, user_id, id, $3, $4, $4, $4 FROM orders WHERE id = $1
     ON CONFLICT (dedupe_key) DO NOTHING`,
    [orderId, key, event, at],
  )
  return r.rowCount > 0
}

/** A credit order's message (credit/store.ts), in the change's own transaction; the dedupe key makes it one per event per record (and per period). */
export async function enqueueCreditEvent(q: Queryable, ref: { creditOrderId: number; userId: number }, event: MessageEvent, at: Date, key: string): Promise<void> {
  await q.query(
    `INSERT INTO message_outbox (dedupe_key, user_id, credit_order_id, event, next_attempt_at, occurred_at, created_at)
     VALUES ($1, $2, $3, $4, $5, $5, $5) ON CONFLICT (dedupe_key) DO NOTHING`,
    [key, ref.userId, ref.creditOrderId, event, at],
  )
}

/**
 * order_closing_soon for unpaid orders that close within `withinMs`. Only orders whose time
 * to pay is longer than the window: a reminder at checkout would be noise.
 */
export async function enqueueClosingSoon(q: Queryable, now: Date, withinMs: number): Promise<number> {
  const r = await q.query(
    `INSERT INTO message_outbox (dedupe_key, user_id, order_id, event, next_attempt_at, occurred_at, created_at)
     SELECT 'order:' || id || ':order_closing_soon', user_id, id, 'order_closing_soon', $1, $1, $1 FROM orders
     WHERE status = 'created' AND expires_at > $1 AND expires_at <= $1 + $2 * interval '1 millisecond'
       AND expires_at - $2 * interval '1 millisecond' >= created_at
     ON CONFLICT (dedupe_key) DO NOTHING`,
    [now, withinMs],
  )
  return r.rowCount
}

export interface OutboxRow {
  id: number
  dedupe_key: string
  user_id: number
  order_id: number | null
  /** Credit messages (rental_due, credit_charged, membership_settled) name their credit order instead. */
  credit_order_id: number | null
  event: MessageEvent
  attempts: number
  channel: string | null
  template_id: string | null
  quota_taken: boolean
  call_started_at: Date | null
  occurred_at: Date
}

/**
 * Leases due rows to one worker: pending rows whose time has come, and rows whose holder's
 * lease ran out (it crashed or hung). FOR UPDATE SKIP LOCKED lets workers on PostgreSQL
 * claim side by side without waiting on each other; PGlite is one connection, where it is a
 * plain conditional update. Either way a row has one holder at a time.
 */
export async function claimDue(q: Queryable, owner: string, now: Date, leaseMs: number, limit: number): Promise<OutboxRow[]> {
  const r = await q.query<OutboxRow>(
    `UPDATE message_outbox SET status = 'sending', lease_owner = $1, lease_until = $2 + $3 * interval '1 millisecond', attempts = attempts + 1
     WHERE id IN (
       SELECT id FROM message_outbox
       WHERE (status = 'pending' AND next_attempt_at <= $2) OR (status = 'sending' AND lease_until <= $2)
       ORDER BY next_attempt_at, id LIMIT $4 FOR UPDATE SKIP LOCKED
     )
     RETURNING id, dedupe_key, user_id, order_id, credit_order_id, event, attempts, channel, template_id, quota_taken, call_started_at, occurred_at`,
    [owner, now, leaseMs, limit],
  )
  return r.rows.sort((a, b) => a.id - b.id)
}

export type FinalStatus = 'sent' | 'failed' | 'unknown' | 'skipped_no_quota' | 'skipped_no_template' | 'skipped_stale'

/** Ends a row. Only its current holder may, except 'sent': a delivery is a fact whoever holds the lease. */
export async function finish(q: Queryable, id: number, owner: string, status: FinalStatus, at: Date, error: string | null = null): Promise<boolean> {
  const holder = status === 'sent' ? "status <> 'sent'" : "lease_owner = $5 AND status = 'sending'"
  const params = status === 'sent' ? [id, status, at, error] : [id, status, at, error, owner]
  const r = await q.query(
    `UPDATE message_outbox SET status = $2, finished_at = $3, last_error = COALESCE($4, last_error), lease_owner = NULL, lease_until = NULL
     WHERE id = $1 AND ${holder}`,
    params,
  )
  return r.rowCount > 0
}

/** Back to pending for another try later; the call surely did not deliver, so call_started_at is cleared. */
export async function retryLater(q: Queryable, id: number, owner: string, at: Date, error: string): Promise<boolean> {
  const r = await q.query(
    `UPDATE message_outbox SET status = 'pending', next_attempt_at = $3, last_error = $4, call_started_at = NULL, lease_owner = NULL, lease_until = NULL
     WHERE id = $1 AND lease_owner = $2 AND status = 'sending'`,
    [id, owner, at, error],
  )
  return r.rowCount > 0
}

/**
 * No quota yet, but the shopper may still be answering the subscribe dialog (it opens in the
 * payment callback, often after the notify): park the row until `until` (the end of the wait),
 * unless an accept wakes it first (wakeConsentWaiters). Not an attempt: it doesn't count
 * towards giving up.
 */
export async function waitForQuota(q: Queryable, id: number, owner: string, until: Date): Promise<boolean> {
  const r = await q.query(
    `UPDATE message_outbox SET status = 'pending', next_attempt_at = $3, attempts = attempts - 1, lease_owner = NULL, lease_until = NULL
     WHERE id = $1 AND lease_owner = $2 AND status = 'sending'`,
    [id, owner, until],
  )
  return r.rowCount > 0
}

/** The shopper just allowed sends: their rows parked for consent are due now (a row that took quota is not parked). */
export async function wakeConsentWaiters(q: Queryable, userId: number, now: Date): Promise<void> {
  await q.query("UPDATE message_outbox SET next_attempt_at = $2 WHERE user_id = $1 AND status = 'pending' AND NOT quota_taken AND next_attempt_at > $2", [userId, now])
}

/**
 * A person sends a failed or unknown message again (admin). An 'unknown' one keeps its quota
 * unit (it may have been spent); a failed one gave it back and takes a new one.
 */
export async function requeue(q: Queryable, id: number, at: Date): Promise<boolean> {
  const r = await q.query(
    `UPDATE message_outbox SET status = 'pending', attempts = 0, next_attempt_at = $2, call_started_at = NULL, finished_at = NULL,
       quota_taken = (status = 'unknown' AND quota_taken)
     WHERE id = $1 AND status IN ('failed', 'unknown')`,
    [id, at],
  )
  return r.rowCount > 0
}

/** A person sends a failed or unknown message again: the requeue and its audit row in one transaction. */
export async function requeueByAdmin(db: Db, actor: AdminIdentity, id: number, at: Date): Promise<{ id: number; status: 'pending' }> {
  await db.tx(async (q) => {
    if (!(await requeue(q, id, at))) throw conflict('NOT_REQUEUABLE', '只有失败或结果未知的消息可以重发')
    await recordAudit(q, actor, { action: 'outbox.requeue', entity: 'message_outbox', entityId: id, after: { status: 'pending' } })
  })
  return { id, status: 'pending' }
}

/** Admin: the outbox as it stands, newest first, by status and/or order. */
export async function listOutbox(db: Queryable, q: { status?: OutboxEntry['status']; orderId?: number; page: number; pageSize: number }): Promise<Paged<OutboxEntry>> {
  const params: unknown[] = [q.status ?? null, q.orderId ?? null]
  const where = 'WHERE ($1::text IS NULL OR status = $1) AND ($2::int IS NULL OR order_id = $2)'
  const [rows, count] = await Promise.all([
    db.query<OutboxEntry & { nextAttemptAt: Date; createdAt: Date; finishedAt: Date | null }>(
      `SELECT id, dedupe_key AS "dedupeKey", user_id AS "userId", order_id AS "orderId", event, status, attempts, channel, template_id AS "templateId",
              next_attempt_at AS "nextAttemptAt", last_error AS "lastError", created_at AS "createdAt", finished_at AS "finishedAt"
       FROM message_outbox ${where} ORDER BY id DESC LIMIT $3 OFFSET $4`,
      [...params, q.pageSize, (q.page - 1) * q.pageSize],
    ),
    db.one<{ total: number }>(`SELECT count(*)::int AS total FROM message_outbox ${where}`, params),
  ])
  const items = rows.rows.map((r) => ({ ...r, nextAttemptAt: iso(r.nextAttemptAt), createdAt: iso(r.createdAt), finishedAt: iso(r.finishedAt) }))
  return { items, total: count.total, page: q.page, pageSize: q.pageSize }
}
