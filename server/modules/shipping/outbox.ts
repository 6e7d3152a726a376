import type { Paged } from '../../../src/domain/contract'
import type { ShippingUpload, ShippingUploadStatus } from '../../../src/domain/shipping'
import type { Db, Queryable } from '../../db'
import { iso, parseJson } from '../../lib/rows'
import type { ProviderId } from '../../platforms/types'

/** WeChat's call; Alipay's are `merchant.order.sync:<step>`. */
export const WECHAT_UPLOAD = 'upload_shipping_info'
export const alipaySyncAction = (step: string) => `merchant.order.sync:${step}`
/** WeChat's 特殊发货报备 for an order that ships more than 15 days after payment. */
export const WECHAT_SPECIAL_ORDER = 'opspecialorder'
export const isWechatAction = (action: string) => action === WECHAT_UPLOAD

/**
 * An upload, written in the transaction of the order change that causes it (outbox): it
 * commits with the change or not at all. The dedupe key order:<id>:<action> makes a repeated
 * event enqueue nothing; answers whether this call added it.
 */
export async function enqueueUpload(q: Queryable, u: { orderId: number; provider: ProviderId; action: string; request: unknown; at: Date; part?: string }): Promise<boolean> {
  // `part`: one of several parcels sent on their own (a plan's deliveries), each its own upload.
  const key = `order:${u.orderId}:${u.action}${u.part ? `:${u.part}` : ''}`
  const r = await q.query(
    `INSERT INTO shipping_uploads (order_id, provider, action, request, dedupe_key, next_attempt_at, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $6) ON CONFLICT (dedupe_key) DO NOTHING`,
    [u.orderId, u.provider, u.action, JSON.stringify(u.request), key, u.at],
  )
  return r.rowCount > 0
}

export interface UploadRow {
  id: number
  order_id: number
  provider: ProviderId
  action: string
  status: ShippingUploadStatus
  attempts: number
  request: unknown
  response: unknown
  last_error: string | null
  created_at: Date
  sent_at: Date | null
}

const COLUMNS = 'id, order_id, provider, action, status, attempts, request, response, last_error, created_at, sent_at'

export function toUpload(r: UploadRow): ShippingUpload {
  return {
    id: r.id,
    orderId: r.order_id,
    provider: r.provider,
    action: r.action,
    status: r.status,
    attempts: r.attempts,
    request: parseJson(r.request),
    response: r.response === null ? null : parseJson(r.response),
    lastError: r.last_error,
    createdAt: iso(r.created_at),
    sentAt: iso(r.sent_at),
  }
}

export async function findUpload(q: Queryable, id: number): Promise<ShippingUpload | null> {
  const r = await q.maybeOne<UploadRow>(`SELECT ${COLUMNS} FROM shipping_uploads WHERE id = $1`, [id])
  return r && toUpload(r)
}

export async function listUploads(db: Db, f: { orderId?: number; status?: ShippingUploadStatus; page: number; pageSize: number }): Promise<Paged<ShippingUpload>> {
  const where: string[] = []
  const params: unknown[] = []
  if (f.orderId !== undefined) where.push(`order_id = $${params.push(f.orderId)}`)
  if (f.status !== undefined) where.push(`status = $${params.push(f.status)}`)
  const w = where.length ? `WHERE ${where.join(' AND ')}` : ''
  const [rows, count] = await Promise.all([
    db.query<UploadRow>(`SELECT ${COLUMNS} FROM shipping_uploads ${w} ORDER BY id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`, [...params, f.pageSize, (f.page - 1) * f.pageSize]),
    db.one<{ total: number }>(`SELECT count(*)::int AS total FROM shipping_uploads ${w}`, params),
  ])
  return { items: rows.rows.map(toUpload), total: count.total, page: f.page, pageSize: f.pageSize }
}

/** Leases up to `batch` due rows to `owner` (SKIP LOCKED: two workers never take the same row) and counts the attempt. */
export async function claimDue(db: Db, owner: string, now: Date, leaseMs: number, batch: number): Promise<(UploadRow & { request: unknown })[]> {
  const r = await db.query<UploadRow>(
    `UPDATE shipping_uploads SET lease_owner = $1, lease_until = $2, attempts = attempts + 1
     WHERE id IN (
       SELECT id FROM shipping_uploads
       WHERE status = 'pending' AND next_attempt_at <= $3 AND (lease_until IS NULL OR lease_until <= $3)
       ORDER BY next_attempt_at, id LIMIT $4 FOR UPDATE SKIP LOCKED
     ) RETURNING ${COLUMNS}`,
    [owner, new Date(now.getTime() + leaseMs), now, batch],
  )
  // RETURNING keeps no order: oldest first, so an order's syncs go out in the order they happened.
  return r.rows.sort((a, b) => a.id - b.id)
}

/** Records the call's end, only while `owner` still holds the lease. */
export async function settle(
  q: Queryable,
  id: number,
  owner: string,
  end: { status: ShippingUploadStatus; response: unknown; error: string | null; at: Date; nextAttemptAt?: Date },
): Promise<boolean> {
  const r = await q.query(
    `UPDATE shipping_uploads SET status = $3, response = $4, last_error = $5, sent_at = CASE WHEN $3 = 'sent' THEN $6 ELSE sent_at END,
       next_attempt_at = COALESCE($7, next_attempt_at), lease_owner = NULL, lease_until = NULL
     WHERE id = $1 AND lease_owner = $2`,
    [id, owner, end.status, end.response === undefined || end.response === null ? null : JSON.stringify(end.response), end.error, end.at, end.nextAttemptAt ?? null],
  )
  return r.rowCount > 0
}

/** An admin sends a failed (or stuck) upload again: pending now, a fresh count of attempts. Answers the row before, or null. */
export async function requeue(q: Queryable, id: number, at: Date): Promise<ShippingUpload | null> {
  const before = await q.maybeOne<UploadRow>(`SELECT ${COLUMNS} FROM shipping_uploads WHERE id = $1 FOR UPDATE`, [id])
  if (!before) return null
  await q.query("UPDATE shipping_uploads SET status = 'pending', attempts = 0, next_attempt_at = $2, lease_owner = NULL, lease_until = NULL WHERE id = $1", [id, at])
  return toUpload(before)
}
