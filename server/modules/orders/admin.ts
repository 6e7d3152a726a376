import type { Order } from '../../../src/domain/contract'
import { PAID_STATUSES, type OrderActor, type OrderStatus } from '../../../src/domain/order-state'
import type { Queryable } from '../../db'
import { iso, parseJson } from '../../lib/rows'
import { specText } from '../catalog'
import { hydrate, ORDER_COLUMNS, ORDER_GIFT, ORDER_GROUP, ORDER_PLAN, ORDER_PICKUP, type OrderRow } from './repository'
import type { AdminOrder, OrderBuyer, TimelineEvent, PackingList, PromotionUsage } from '../../../src/domain/admin-contract'
export type { AdminOrder, OrderBuyer, TimelineEvent, PackingList, PromotionUsage }

/**
 * The merchant console's side of orders: search, detail timeline, packing list, CSV export,
 * and what promotions need to show their usage. Read-only: status changes stay in service.ts.
 */

/** The shop's time zone: dates typed in the console and days on the dashboard are Beijing time. */
export const SHOP_TZ = 'Asia/Shanghai'

export type Platform = 'weapp' | 'alipay' | 'h5'

export interface AdminOrderFilter {
  status?: OrderStatus
  /** YYYY-MM-DD, shop time, inclusive: orders placed from the start of that day. */
  from?: string
  /** YYYY-MM-DD, shop time, inclusive: orders placed until the end of that day. */
  to?: string
  /** The receiver's phone in the order's address snapshot (exact). */
  phone?: string
  /** An order number or its beginning (letters and digits only: checked by the route). */
  orderNo?: string
  platform?: Platform
}

/** WHERE over orders `o` joined to users `u`; parameters appended to `params`. */
function whereOf(f: AdminOrderFilter, params: unknown[]): string {
  const where: string[] = []
  const add = (sql: (n: string) => string, v: unknown) => {
    params.push(v)
    where.push(sql(`$${params.length}`))
  }
  if (f.status) add((n) => `o.status = ${n}`, f.status)
  // Day bounds in shop time: midnight Beijing of `from`, and of the day after `to`.
  if (f.from) add((n) => `o.created_at >= (${n}::date::timestamp AT TIME ZONE '${SHOP_TZ}')`, f.from)
  if (f.to) add((n) => `o.created_at < ((${n}::date + 1)::timestamp AT TIME ZONE '${SHOP_TZ}')`, f.to)
  if (f.phone) add((n) => `o.address->>'phone' = ${n}`, f.phone)
  // A prefix match (an exact number is its own prefix); the route allows no LIKE wildcards.
  if (f.orderNo) add((n) => `o.order_no LIKE ${n} || '%'`, f.orderNo)
  if (f.platform) add((n) => `u.platform = ${n}`, f.platform)
  return where.length ? `WHERE ${where.join(' AND ')}` : ''
}

/** The console's order list: the shopper's Order shape plus who bought it, on which platform. */
export async function listAdminOrders(db: Queryable, f: AdminOrderFilter, page: number, pageSize: number): Promise<{ items: AdminOrder[]; total: number; page: number; pageSize: number }> {
  const params: unknown[] = []
  const where = whereOf(f, params)
  const cols = ORDER_COLUMNS.split(', ').map((c) => `o.${c}`).join(', ')
  const [rows, count] = await Promise.all([
    db.query<OrderRow & { user_id: number; platform: Platform; nickname: string; paid_at: Date | null }>(
      `SELECT ${cols}, ${ORDER_GIFT}, ${ORDER_GROUP}, ${ORDER_PLAN}, ${ORDER_PICKUP}, o.user_id, o.paid_at, u.platform, u.nickname FROM orders o JOIN users u ON u.id = o.user_id ${where}
       ORDER BY o.id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, pageSize, (page - 1) * pageSize],
    ),
    db.one<{ total: number }>(`SELECT count(*)::int AS total FROM orders o JOIN users u ON u.id = o.user_id ${where}`, params),
  ])
  const orders = await hydrate(db, rows.rows)
  const items = orders.map((o, i) => {
    const r = rows.rows[i]
    return { ...o, userId: r.user_id, platform: r.platform, buyer: r.nickname, phone: o.address?.phone ?? null, paidAt: iso(r.paid_at) }
  })
  return { items, total: count.total, page, pageSize }
}

export async function countAdminOrders(db: Queryable, f: AdminOrderFilter): Promise<number> {
  const params: unknown[] = []
  return (await db.one<{ n: number }>(`SELECT count(*)::int AS n FROM orders o JOIN users u ON u.id = o.user_id ${whereOf(f, params)}`, params)).n
}

export async function orderBuyer(db: Queryable, orderId: number): Promise<OrderBuyer | null> {
  const r = await db.maybeOne<{ id: number; nickname: string; platform: Platform }>(
    'SELECT u.id, u.nickname, u.platform FROM orders o JOIN users u ON u.id = o.user_id WHERE o.id = $1',
    [orderId],
  )
  return r ? { userId: r.id, nickname: r.nickname, platform: r.platform } : null
}

/** The order's timeline as moves: each entry's `from` is the status before it. */
export async function orderEvents(db: Queryable, orderId: number): Promise<TimelineEvent[]> {
  const r = await db.query<{ at: Date; from: OrderStatus | null; to: OrderStatus; actor: OrderActor; note: string | null }>(
    `SELECT at, lag(status) OVER (ORDER BY at, id) AS "from", status AS "to", actor, note
     FROM order_events WHERE order_id = $1 ORDER BY at, id`,
    [orderId],
  )
  return r.rows.map((e) => ({ ...e, at: iso(e.at) }))
}

/** What goes in the parcel: the lines still owed (refunded units left out), with the SKU code when the catalog has one. */
export async function packingList(db: Queryable, orderId: number): Promise<PackingList | null> {
  const o = await db.maybeOne<{ order_no: string; created_at: Date; address: Order['address'] | string | null; note: string | null }>(
    'SELECT order_no, created_at, address, note FROM orders WHERE id = $1',
    [orderId],
  )
  if (!o) return null
  // The SKU's code (catalog admin) for the packer; archived SKUs keep theirs.
  const lines = await db.query<{ title: string; specs: Record<string, string> | string; code: string | null; quantity: number }>(
    `SELECT i.title, i.specs, k.code, i.quantity - i.refunded_quantity AS quantity
     FROM order_items i JOIN skus k ON k.id = i.sku_id
     WHERE i.order_id = $1 AND i.quantity > i.refunded_quantity ORDER BY i.id`,
    [orderId],
  )
  const a = o.address ? parseJson(o.address) : null
  return {
    orderNo: o.order_no,
    createdAt: iso(o.created_at),
    receiver: a ? { name: a.name, phone: a.phone, address: `${a.region.join(' ')} ${a.detail}` } : null,
    lines: lines.rows.map((l) => ({ title: l.title, specs: specText(parseJson(l.specs)), code: l.code, quantity: l.quantity })),
    note: o.note,
  }
}

/** One CSV row per order line, as the export writes it. */
export interface ExportLine {
  orderId: number
  orderNo: string
  createdAt: string
  paidAt: string | null
  status: OrderStatus
  platform: Platform
  buyer: string
  receiver: string
  phone: string
  address: string
  title: string
  specs: string
  unitPrice: number
  quantity: number
  lineTotal: number
  lineDiscount: number
  refundedQuantity: number
  orderTotal: number
  shipping: number
  carrier: string
  trackingNo: string
  note: string
}

const EXPORT_BATCH = 500

/**
 * The export's lines, a batch of orders at a time (keyset on id, newest first): memory stays
 * at one batch whatever the filter matches, and the stream can start at once.
 */
export async function* exportLines(db: Queryable, f: AdminOrderFilter): AsyncGenerator<ExportLine[]> {
  let before = 2_147_483_647
  for (;;) {
    const params: unknown[] = []
    const where = whereOf(f, params)
    params.push(before, EXPORT_BATCH)
    const ids = await db.query<{ id: number }>(
      `SELECT o.id FROM orders o JOIN users u ON u.id = o.user_id ${where ? `${where} AND` : 'WHERE'} o.id < $${params.length - 1}
       ORDER BY o.id DESC LIMIT $${params.length}`,
      params,
    )
    if (ids.rows.length === 0) return
    const r = await db.query<{
      order_id: number; order_no: string; created_at: string; paid_at: string | null; status: OrderStatus; platform: Platform; nickname: string
      address: Order['address'] | string | null; title: string; specs: Record<string, string> | string; unit_price: number; quantity: number
      line_total: number; discount: number; refunded_quantity: number; total: number; shipping: number; tracking_carrier: string | null; tracking_no: string | null; note: string | null
    }>(
      `SELECT o.id AS order_id, o.order_no,
              to_char(o.created_at AT TIME ZONE '${SHOP_TZ}', 'YYYY-MM-DD HH24:MI:SS') AS created_at,
              to_char(o.paid_at AT TIME ZONE '${SHOP_TZ}', 'YYYY-MM-DD HH24:MI:SS') AS paid_at,
              o.status, u.platform, u.nickname, o.address, i.title, i.specs, i.unit_price, i.quantity, i.line_total, i.discount,
              i.refunded_quantity, o.total, o.shipping, o.tracking_carrier, o.tracking_no, o.note
       FROM orders o JOIN users u ON u.id = o.user_id JOIN order_items i ON i.order_id = o.id
       WHERE o.id = ANY($1::int[]) ORDER BY o.id DESC, i.id`,
      [ids.rows.map((x) => x.id)],
    )
    yield r.rows.map((x) => {
      const a = x.address ? parseJson(x.address) : null
      return {
        orderId: x.order_id,
        orderNo: x.order_no,
        createdAt: x.created_at,
        paidAt: x.paid_at,
        status: x.status,
        platform: x.platform,
        buyer: x.nickname,
        receiver: a?.name ?? '',
        phone: a?.phone ?? '',
        address: a ? `${a.region.join(' ')} ${a.detail}` : '',
        title: x.title,
        specs: specText(parseJson(x.specs)),
        unitPrice: x.unit_price,
        quantity: x.quantity,
        lineTotal: x.line_total,
        lineDiscount: x.discount,
        refundedQuantity: x.refunded_quantity,
        orderTotal: x.total,
        shipping: x.shipping,
        carrier: x.tracking_carrier ?? '',
        trackingNo: x.tracking_no ?? '',
        note: x.note ?? '',
      }
    })
    if (ids.rows.length < EXPORT_BATCH) return
    before = ids.rows[ids.rows.length - 1].id
  }
}

/**
 * Usage of promotions on paid orders (paid and every later status, refunded ones included: the
 * offer was given): orders, units (limited-time: units sold at the offer price; other kinds: the
 * quantity of the lines it discounted) and the discount given, from the orders' stored breakdown.
 */
export async function promotionUsage(db: Queryable, promotionIds: number[]): Promise<Map<number, PromotionUsage>> {
  if (promotionIds.length === 0) return new Map()
  const r = await db.query<{ id: number; orders: number; units: string | number; discount: string | number }>(
    `WITH d AS (
       SELECT o.id AS order_id, (x->>'id')::int AS id, (x->>'amount')::int AS amount, x
       FROM orders o CROSS JOIN LATERAL jsonb_array_elements(o.discounts) x
       WHERE o.paid_at IS NOT NULL AND o.status = ANY($2::text[])
         AND x->>'source' = 'promotion' AND (x->>'id')::int = ANY($1::int[])
     )
     SELECT d.id, count(DISTINCT d.order_id)::int AS orders, COALESCE(sum(d.amount), 0)::bigint AS discount,
       COALESCE(sum(CASE WHEN d.x ? 'units'
         THEN (SELECT COALESCE(sum((u->>'quantity')::int), 0) FROM jsonb_array_elements(d.x->'units') u)
         ELSE (SELECT COALESCE(sum(i.quantity), 0) FROM jsonb_array_elements(d.x->'lines') l
               JOIN order_items i ON i.order_id = d.order_id AND i.sku_id = (l->>'skuId')::int
               WHERE (l->>'amount')::int > 0) END), 0)::bigint AS units
     FROM d GROUP BY d.id`,
    [promotionIds, PAID_STATUSES],
  )
  return new Map(r.rows.map((x) => [x.id, { orders: x.orders, units: Number(x.units), discount: Number(x.discount) }]))
}
