import { cutoffAt, type DeliveryStatus, type PlanDelivery, type PlanDeliveryRow, type PlanInterval, type PlanOffer, type PlanStatus, type PlanView } from '../../../src/domain/plans'
import type { Queryable } from '../../db'
import { iso, parseJson } from '../../lib/rows'

/** The plans module's own tables (plan_offers, plan_settings, plans, plan_deliveries); the order tables are only read. */

export interface PlanRow {
  id: number
  user_id: number
  order_id: number
  product_id: number
  sku_id: number
  quantity: number
  interval: PlanInterval
  delivery_count: number
  first_date: string
  percent_off: number
  unit_price: number
  options: PlanOffer['options'] | string
  cutoff_hours: number
  address: PlanView['address'] | string
  status: PlanStatus
  refunded: number
  created_at: Date
}

export interface DeliveryRow {
  plan_id: number
  n: number
  date: string
  status: DeliveryStatus
  address: PlanView['address'] | string
  carrier: string | null
  tracking_no: string | null
  shipped_at: Date | null
}

type OfferRow = { product_id: number; enabled: boolean; intervals: PlanInterval[] | string; options: PlanOffer['options'] | string; cutoff_hours: number }

const pgArray = (v: string[] | string): string[] => (Array.isArray(v) ? v : v.replace(/^\{|\}$/g, '').split(',').filter(Boolean))

export async function findOffer(q: Queryable, productId: number): Promise<PlanOffer | null> {
  const r = await q.maybeOne<OfferRow>('SELECT product_id, enabled, intervals, options, cutoff_hours FROM plan_offers WHERE product_id = $1', [productId])
  return r && { productId: r.product_id, enabled: r.enabled, intervals: pgArray(r.intervals) as PlanInterval[], options: parseJson(r.options) as PlanOffer['options'], cutoffHours: r.cutoff_hours }
}

export async function saveOffer(q: Queryable, o: PlanOffer, at: Date): Promise<void> {
  await q.query(
    `INSERT INTO plan_offers (product_id, enabled, intervals, options, cutoff_hours, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (product_id) DO UPDATE SET enabled = $2, intervals = $3, options = $4, cutoff_hours = $5, updated_at = $6`,
    [o.productId, o.enabled, o.intervals, JSON.stringify(o.options), o.cutoffHours, at],
  )
}

export async function holidays(q: Queryable): Promise<string[]> {
  const r = await q.maybeOne<{ holidays: string[] | string }>('SELECT holidays FROM plan_settings WHERE id = 1')
  return r ? pgArray(r.holidays) : []
}

export async function saveHolidays(q: Queryable, days: string[], at: Date): Promise<void> {
  await q.query('INSERT INTO plan_settings (id, holidays, updated_at) VALUES (1, $1, $2) ON CONFLICT (id) DO UPDATE SET holidays = $1, updated_at = $2', [days, at])
}

/** The SKU as the shop sells it now (catalog price, product), for the quote; null when unknown or off sale. */
export async function skuForPlan(q: Queryable, skuId: number): Promise<{ productId: number; price: number } | null> {
  const r = await q.maybeOne<{ product_id: number; price: number }>(
    'SELECT s.product_id, s.price FROM skus s JOIN products p ON p.id = s.product_id WHERE s.id = $1 AND p.on_shelf AND NOT s.archived',
    [skuId],
  )
  return r && { productId: r.product_id, price: r.price }
}

export async function planById(q: Queryable, id: number, lock = false): Promise<PlanRow | null> {
  return q.maybeOne<PlanRow>(`SELECT * FROM plans WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id])
}

export async function planByOrder(q: Queryable, orderId: number, lock = false): Promise<PlanRow | null> {
  return q.maybeOne<PlanRow>(`SELECT * FROM plans WHERE order_id = $1${lock ? ' FOR UPDATE' : ''}`, [orderId])
}

export async function planByKey(q: Queryable, userId: number, key: string): Promise<PlanRow | null> {
  return q.maybeOne<PlanRow>('SELECT * FROM plans WHERE user_id = $1 AND idempotency_key = $2', [userId, key])
}

export async function deliveriesOf(q: Queryable, planId: number): Promise<DeliveryRow[]> {
  return (await q.query<DeliveryRow>('SELECT plan_id, n, date, status, address, carrier, tracking_no, shipped_at FROM plan_deliveries WHERE plan_id = $1 ORDER BY n', [planId])).rows
}

export async function insertDelivery(q: Queryable, planId: number, n: number, date: string, address: PlanView['address']): Promise<void> {
  await q.query("INSERT INTO plan_deliveries (plan_id, n, date, status, address) VALUES ($1, $2, $3, 'scheduled', $4)", [planId, n, date, JSON.stringify(address)])
}

/** A conditional move: only while the delivery is in `from` (answers whether it moved). */
export async function moveDelivery(q: Queryable, planId: number, n: number, from: DeliveryStatus, to: DeliveryStatus, extra: { shipmentId?: number; carrier?: string; trackingNo?: string; at?: Date } = {}): Promise<boolean> {
  const r = await q.query(
    `UPDATE plan_deliveries SET status = $4, shipment_id = COALESCE($5, shipment_id), carrier = COALESCE($6, carrier), tracking_no = COALESCE($7, tracking_no), shipped_at = COALESCE($8, shipped_at)
     WHERE plan_id = $1 AND n = $2 AND status = $3`,
    [planId, n, from, to, extra.shipmentId ?? null, extra.carrier ?? null, extra.trackingNo ?? null, extra.at ?? null],
  )
  return r.rowCount > 0
}

/** A scheduled delivery's new day, only if it is still scheduled on the day it was read with. */
export async function postponeDelivery(q: Queryable, planId: number, n: number, from: string, to: string): Promise<boolean> {
  const r = await q.query("UPDATE plan_deliveries SET date = $4 WHERE plan_id = $1 AND n = $2 AND status = 'scheduled' AND date = $3", [planId, n, from, to])
  return r.rowCount > 0
}

export async function movePlan(q: Queryable, id: number, from: readonly PlanStatus[], to: PlanStatus, at: Date, refunded?: number): Promise<boolean> {
  const stamp = to === 'active' ? 'activated_at' : 'ended_at'
  const r = await q.query(`UPDATE plans SET status = $3, ${stamp} = $4, refunded = refunded + $5 WHERE id = $1 AND status = ANY($2::text[])`, [id, [...from], to, at, refunded ?? 0])
  return r.rowCount > 0
}

export function deliveryView(d: DeliveryRow, cutoffHours: number): PlanDelivery {
  return {
    n: d.n,
    date: d.date,
    status: d.status,
    shippedAt: d.shipped_at ? iso(d.shipped_at) : null,
    tracking: d.carrier && d.tracking_no ? { carrier: d.carrier, number: d.tracking_no } : null,
    cutoffAt: cutoffAt(d.date, cutoffHours),
  }
}

type LineRow = { title: string; image: string; specs: Record<string, string> | string; total: number }

/** The plan's goods as its order line shows them (title, image, specs at purchase) and the order's total. */
async function lineOf(q: Queryable, p: PlanRow): Promise<LineRow> {
  return q.one<LineRow>('SELECT i.title, i.image, i.specs, o.total FROM order_items i JOIN orders o ON o.id = i.order_id WHERE i.order_id = $1 AND i.sku_id = $2 LIMIT 1', [p.order_id, p.sku_id])
}

export async function planView(q: Queryable, p: PlanRow): Promise<PlanView> {
  const [line, ds] = await Promise.all([lineOf(q, p), deliveriesOf(q, p.id)])
  return {
    id: p.id,
    orderId: p.order_id,
    status: p.status,
    skuId: p.sku_id,
    productId: p.product_id,
    title: line.title,
    image: line.image,
    specs: parseJson(line.specs) as Record<string, string>,
    quantity: p.quantity,
    interval: p.interval,
    deliveryCount: p.delivery_count,
    deliveries: ds.map((d) => deliveryView(d, p.cutoff_hours)),
    total: line.total,
    refunded: p.refunded,
    address: parseJson(p.address) as PlanView['address'],
    createdAt: iso(p.created_at),
  }
}

export async function plansOf(q: Queryable, where: { userId?: number; status?: PlanStatus }, limit: number, offset: number): Promise<{ rows: PlanRow[]; total: number }> {
  const conds: string[] = []
  const params: unknown[] = []
  if (where.userId !== undefined) conds.push(`user_id = $${params.push(where.userId)}`)
  if (where.status) conds.push(`status = $${params.push(where.status)}`)
  const sql = conds.length ? `WHERE ${conds.join(' AND ')}` : ''
  const [rows, count] = await Promise.all([
    q.query<PlanRow>(`SELECT * FROM plans ${sql} ORDER BY id DESC LIMIT ${limit} OFFSET ${offset}`, params),
    q.one<{ n: number }>(`SELECT count(*)::int AS n FROM plans ${sql}`, params),
  ])
  return { rows: rows.rows, total: count.n }
}

/** What ships on `date` (the console's daily list): every delivery of that day not skipped, with its order. */
export async function deliveriesOn(q: Queryable, date: string, only?: { planId: number; n: number }): Promise<PlanDeliveryRow[]> {
  const r = await q.query<DeliveryRow & { order_id: number; order_no: string; title: string; specs: Record<string, string> | string; quantity: number }>(
    `SELECT d.plan_id, d.n, d.date, d.status, d.address, d.carrier, d.tracking_no, d.shipped_at, p.order_id, o.order_no, i.title, i.specs, p.quantity
     FROM plan_deliveries d JOIN plans p ON p.id = d.plan_id JOIN orders o ON o.id = p.order_id
     JOIN LATERAL (SELECT title, specs FROM order_items WHERE order_id = p.order_id AND sku_id = p.sku_id LIMIT 1) i ON true
     WHERE ${only ? 'd.plan_id = $1 AND d.n = $2' : "d.date = $1 AND d.status IN ('scheduled', 'shipped') AND p.status IN ('active', 'completed')"}
     ORDER BY d.plan_id, d.n`,
    only ? [only.planId, only.n] : [date],
  )
  return r.rows.map((d) => ({
    planId: d.plan_id,
    orderId: d.order_id,
    orderNo: d.order_no,
    n: d.n,
    date: d.date,
    status: d.status,
    title: d.title,
    specs: parseJson(d.specs) as Record<string, string>,
    quantity: d.quantity,
    address: parseJson(d.address) as PlanView['address'],
    tracking: d.carrier && d.tracking_no ? { carrier: d.carrier, number: d.tracking_no } : null,
  }))
}
