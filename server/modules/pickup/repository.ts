import crypto from 'node:crypto'
import type { PickupSettings, AdminPickupRow, PickupStatus } from '../../../src/domain/stores'
import type { Queryable } from '../../db'
import { iso } from '../../lib/rows'

/** The pickup module's SQL: order_pickups and pickup_settings are its own (orders, stores and users are only read). */

export async function readSettings(q: Queryable): Promise<PickupSettings> {
  const r = await q.one<{ remind_after_hours: number; refund_after_days: number }>('SELECT remind_after_hours, refund_after_days FROM pickup_settings')
  return { remindAfterHours: r.remind_after_hours, refundAfterDays: r.refund_after_days }
}

export async function writeSettings(q: Queryable, s: PickupSettings, at: Date): Promise<void> {
  await q.query('UPDATE pickup_settings SET remind_after_hours = $1, refund_after_days = $2, updated_at = $3', [s.remindAfterHours, s.refundAfterDays, at])
}

/** 8 digits, uniform, from the CSPRNG: a guessable code would let anyone collect someone else's order. */
function newCode(): string {
  return String(crypto.randomInt(0, 100_000_000)).padStart(8, '0')
}

/** The pickup row of a new order; a code already taken (1 in 10^8 per pickup alive) draws again. */
export async function insertPickup(q: Queryable, p: { orderId: number; storeId: number; slot: string; slotEnd: Date; at: Date }): Promise<string> {
  for (let i = 0; i < 5; i++) {
    const code = newCode()
    const r = await q.query(
      `INSERT INTO order_pickups (order_id, store_id, slot, slot_end, code, created_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (code) DO NOTHING`,
      [p.orderId, p.storeId, p.slot, p.slotEnd, code, p.at],
    )
    if (r.rowCount > 0) return code
  }
  throw new Error('no free pickup code after 5 draws')
}

export interface PickupRow {
  orderId: number
  storeId: number
  code: string
  status: PickupStatus
}

const toRow = (r: { order_id: number; store_id: number; code: string; status: PickupStatus }): PickupRow => ({ orderId: r.order_id, storeId: r.store_id, code: r.code, status: r.status })

/** The pickup with this code, unlocked (to find its order), or null. */
export async function pickupByCode(q: Queryable, code: string): Promise<PickupRow | null> {
  const r = await q.maybeOne<{ order_id: number; store_id: number; code: string; status: PickupStatus }>('SELECT order_id, store_id, code, status FROM order_pickups WHERE code = $1', [code])
  return r && toRow(r)
}

/** The order's pickup, its row locked until the caller's commit. */
export async function lockPickup(q: Queryable, orderId: number): Promise<PickupRow | null> {
  const r = await q.maybeOne<{ order_id: number; store_id: number; code: string; status: PickupStatus }>('SELECT order_id, store_id, code, status FROM order_pickups WHERE order_id = $1 FOR UPDATE', [orderId])
  return r && toRow(r)
}

export async function isPickupOrder(q: Queryable, orderId: number): Promise<boolean> {
  return !!(await q.maybeOne('SELECT 1 FROM order_pickups WHERE order_id = $1', [orderId]))
}

export async function markPicked(q: Queryable, orderId: number, at: Date, staffId: number | null): Promise<void> {
  await q.query("UPDATE order_pickups SET status = 'picked', verified_at = $2, verified_by = $3 WHERE order_id = $1 AND status = 'waiting'", [orderId, at, staffId])
}

/** waiting → expired; false when it was not waiting (another sweeper, a verify, an earlier end). */
export async function markExpired(q: Queryable, orderId: number): Promise<boolean> {
  return (await q.query("UPDATE order_pickups SET status = 'expired' WHERE order_id = $1 AND status = 'waiting'", [orderId])).rowCount > 0
}

/**
 * Marks the paid, waiting, not yet reminded pickups whose slot ended before `cutoff` as
 * reminded and answers their orders. Rows another sweeper holds are skipped (SKIP LOCKED) and
 * the update is conditional: two sweepers at once remind each order once.
 */
export async function takeReminders(q: Queryable, cutoff: Date, at: Date, limit: number): Promise<number[]> {
  const r = await q.query<{ order_id: number }>(
    `UPDATE order_pickups SET reminded_at = $2 WHERE order_id IN (
       SELECT p.order_id FROM order_pickups p JOIN orders o ON o.id = p.order_id
       WHERE p.status = 'waiting' AND p.reminded_at IS NULL AND p.slot_end <= $1 AND o.status = 'paid'
       ORDER BY p.slot_end LIMIT $3 FOR UPDATE OF p SKIP LOCKED
     ) AND reminded_at IS NULL RETURNING order_id`,
    [cutoff, at, limit],
  )
  return r.rows.map((x) => x.order_id)
}

/** Paid, waiting pickups whose slot ended before `cutoff`: due for the automatic refund. */
export async function dueForRefund(q: Queryable, cutoff: Date, limit: number): Promise<number[]> {
  const r = await q.query<{ order_id: number }>(
    `SELECT p.order_id FROM order_pickups p JOIN orders o ON o.id = p.order_id
     WHERE p.status = 'waiting' AND p.slot_end <= $1 AND o.status = 'paid' ORDER BY p.slot_end LIMIT $2`,
    [cutoff, limit],
  )
  return r.rows.map((x) => x.order_id)
}

/** The order's waiting pickup, locked unless another transaction holds it (then null: that one deals with it). */
export async function lockWaitingOrSkip(q: Queryable, orderId: number): Promise<boolean> {
  return !!(await q.maybeOne("SELECT 1 FROM order_pickups WHERE order_id = $1 AND status = 'waiting' FOR UPDATE SKIP LOCKED", [orderId]))
}

export interface PickupFilter {
  storeId?: number
  status?: PickupStatus
  page: number
  pageSize: number
}

export async function listPickups(q: Queryable, f: PickupFilter): Promise<{ items: AdminPickupRow[]; total: number }> {
  const where: string[] = []
  const params: unknown[] = []
  if (f.storeId !== undefined) where.push(`p.store_id = $${params.push(f.storeId)}`)
  if (f.status) where.push(`p.status = $${params.push(f.status)}`)
  const w = where.length ? `WHERE ${where.join(' AND ')}` : ''
  const [rows, count] = await Promise.all([
    q.query<{ order_id: number; order_no: string; code: string; store_id: number; store_name: string; slot: string; status: PickupStatus; order_status: string; user_id: number; nickname: string; total: number; verified_at: Date | null; created_at: Date }>(
      `SELECT p.order_id, o.order_no, p.code, p.store_id, s.name AS store_name, p.slot, p.status, o.status AS order_status, u.id AS user_id, u.nickname, o.total, p.verified_at, p.created_at
       FROM order_pickups p JOIN orders o ON o.id = p.order_id JOIN stores s ON s.id = p.store_id JOIN users u ON u.id = o.user_id
       ${w} ORDER BY p.order_id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, f.pageSize, (f.page - 1) * f.pageSize],
    ),
    q.one<{ total: number }>(`SELECT count(*)::int AS total FROM order_pickups p ${w}`, params),
  ])
  return {
    total: count.total,
    items: rows.rows.map((r) => ({
      orderId: r.order_id,
      orderNo: r.order_no,
      code: r.code,
      storeId: r.store_id,
      storeName: r.store_name,
      slot: r.slot,
      status: r.status,
      orderStatus: r.order_status,
      buyer: { userId: r.user_id, nickname: r.nickname },
      total: r.total,
      verifiedAt: r.verified_at ? iso(r.verified_at) : null,
      createdAt: iso(r.created_at),
    })),
  }
}
