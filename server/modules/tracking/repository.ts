import type { FulfilmentKind, TrackingEvent, TrackingState } from '../../../src/domain/shipping'
import type { Queryable } from '../../db'
import { parseJson } from '../../lib/rows'

/** The tracking module's one table, parcels (migration 019): only this module writes it. */
export interface ParcelRow {
  id: number
  order_id: number
  kind: 'delivery' | 'return'
  fulfilment: FulfilmentKind | null
  carrier: string
  tracking_no: string
  phone_tail: string | null
  state: TrackingState
  events: TrackingEvent[]
  created_at: Date
  subscribed_at: Date | null
  updated_at: Date | null
  checked_at: Date | null
  delivered_at: Date | null
}

const COLUMNS = 'id, order_id, kind, fulfilment, carrier, tracking_no, phone_tail, state, events, created_at, subscribed_at, updated_at, checked_at, delivered_at'

function row(r: ParcelRow): ParcelRow {
  return { ...r, events: parseJson(r.events) }
}

/** A new parcel; an already watched one (same carrier, number and order) is left as it is. Answers the new row's id, or null. */
export async function insertParcel(
  q: Queryable,
  p: { orderId: number; kind: 'delivery' | 'return'; fulfilment: FulfilmentKind | null; carrier: string; trackingNo: string; phoneTail: string | null; at: Date },
): Promise<number | null> {
  const r = await q.maybeOne<{ id: number }>(
    `INSERT INTO parcels (order_id, kind, fulfilment, carrier, tracking_no, phone_tail, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (carrier, tracking_no, order_id) DO NOTHING RETURNING id`,
    [p.orderId, p.kind, p.fulfilment, p.carrier, p.trackingNo, p.phoneTail, p.at],
  )
  return r?.id ?? null
}

export async function parcelById(q: Queryable, id: number): Promise<ParcelRow | null> {
  const r = await q.maybeOne<ParcelRow>(`SELECT ${COLUMNS} FROM parcels WHERE id = $1`, [id])
  return r && row(r)
}

export async function parcelsOfOrder(q: Queryable, orderId: number): Promise<ParcelRow[]> {
  const r = await q.query<ParcelRow>(`SELECT ${COLUMNS} FROM parcels WHERE order_id = $1 ORDER BY id`, [orderId])
  return r.rows.map(row)
}

/**
 * Every parcel of the order, locked in id order: a change to one parcel and the question
 * "are all of this order's parcels delivered now?" then happen one push at a time per order,
 * so of two parcels delivered at once exactly one push sees both delivered.
 */
export async function lockParcelsOfOrder(q: Queryable, orderId: number): Promise<ParcelRow[]> {
  const r = await q.query<ParcelRow>(`SELECT ${COLUMNS} FROM parcels WHERE order_id = $1 ORDER BY id FOR UPDATE`, [orderId])
  return r.rows.map(row)
}

/** The parcels with this number (it may be on more than one order, e.g. a return reusing it), whatever the carrier. */
export async function parcelsByNumber(q: Queryable, trackingNo: string): Promise<{ id: number; order_id: number; carrier: string }[]> {
  const r = await q.query<{ id: number; order_id: number; carrier: string }>('SELECT id, order_id, carrier FROM parcels WHERE tracking_no = $1 ORDER BY id', [trackingNo])
  return r.rows
}

export async function saveTrace(q: Queryable, id: number, t: { state: TrackingState; events: TrackingEvent[] }, at: Date): Promise<void> {
  await q.query(
    `UPDATE parcels SET state = $2, events = $3, updated_at = $4,
       delivered_at = CASE WHEN $2 = 'delivered' THEN COALESCE(delivered_at, $4) ELSE delivered_at END
     WHERE id = $1`,
    [id, t.state, JSON.stringify(t.events), at],
  )
}

export async function markChecked(q: Queryable, id: number, at: Date): Promise<void> {
  await q.query('UPDATE parcels SET checked_at = $2 WHERE id = $1', [id, at])
}

export async function markSubscribed(q: Queryable, id: number, at: Date, error: string | null): Promise<void> {
  await q.query(
    `UPDATE parcels SET subscribe_tried_at = $2, subscribe_error = $3, subscribed_at = CASE WHEN $3::text IS NULL THEN $2 ELSE subscribed_at END WHERE id = $1`,
    [id, at, error],
  )
}

/** Parcels never subscribed whose last try (or creation) is older than `retryMs`, oldest first. */
export async function dueForSubscribe(q: Queryable, now: Date, retryMs: number, limit: number): Promise<number[]> {
  const r = await q.query<{ id: number }>(
    `SELECT id FROM parcels WHERE subscribed_at IS NULL AND COALESCE(subscribe_tried_at, created_at) <= $1::timestamptz - $2 * interval '1 millisecond'
     ORDER BY created_at, id LIMIT $3`,
    [now, retryMs, limit],
  )
  return r.rows.map((x) => x.id)
}

/** Parcels not final that nobody has heard of (push or query) for `afterMs`, longest silent first. */
export async function dueForPoll(q: Queryable, now: Date, afterMs: number, limit: number): Promise<number[]> {
  const r = await q.query<{ id: number }>(
    `SELECT id FROM parcels
     WHERE state NOT IN ('delivered', 'returned')
       AND GREATEST(COALESCE(updated_at, created_at), COALESCE(checked_at, created_at)) <= $1::timestamptz - $2 * interval '1 millisecond'
     ORDER BY GREATEST(COALESCE(updated_at, created_at), COALESCE(checked_at, created_at)), id LIMIT $3`,
    [now, afterMs, limit],
  )
  return r.rows.map((x) => x.id)
}

/** Parcels subscribed and not final (the sandbox picks them up again after a restart). */
export async function openSubscribed(q: Queryable, limit: number): Promise<ParcelRow[]> {
  const r = await q.query<ParcelRow>(
    `SELECT ${COLUMNS} FROM parcels WHERE subscribed_at IS NOT NULL AND state NOT IN ('delivered', 'returned') ORDER BY id DESC LIMIT $1`,
    [limit],
  )
  return r.rows.map(row)
}
