import type { AppliedDiscount, Order, OrderEventEntry, OrderItem, OrderRefund, Paged } from '../../../src/domain/contract'
import type { OrderGift } from '../../../src/domain/gifts'
import type { OrderPickup } from '../../../src/domain/stores'
import type { OrderStatus } from '../../../src/domain/order-state'
import type { Queryable } from '../../db'
import { parseJson } from '../../lib/rows'

export interface OrderRow {
  id: number
  order_no: string
  status: OrderStatus
  subtotal: number
  shipping: number
  discount: number
  total: number
  address: Order['address']
  note: string | null
  created_at: Date
  expires_at: Date | null
  tracking_carrier: string | null
  tracking_no: string | null
  refunded_total: number
  discounts: AppliedDiscount[] | string
  shipped_at: Date | null
  received_at: Date | null
  /** A gift order's gift (ORDER_GIFT), null for any other order. */
  gift?: OrderGift | string | null
  /** A group-buying order's group (ORDER_GROUP), null for any other order. */
  group_ref?: NonNullable<Order['group']> | string | null
  /** A periodic purchase's order: its plan (ORDER_PLAN), null for any other order. */
  plan_ref?: NonNullable<Order['plan']> | string | null
  /** A pickup order's pickup (ORDER_PICKUP), null for any other order. */
  pickup?: OrderPickup | string | null
}

export const ORDER_COLUMNS = `id, order_no, status, subtotal, shipping, discount, total, address, note, created_at, expires_at, tracking_carrier, tracking_no, refunded_total, discounts, shipped_at, received_at`

/**
 * A gift order's gift (Order.gift) as a column of the same SELECT over `orders o` (a lookup by
 * the gifts table's unique order_id): no extra query for the many orders that are no gift.
 * The gifts module owns the table; the order read only looks.
 */
export const ORDER_GIFT = `(SELECT json_build_object('code', g.code, 'status', g.status, 'message', g.message, 'recipients', g.recipients, 'claimed', g.claimed,
  'expiresAt', to_char(g.expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) FROM gifts g WHERE g.order_id = o.id) AS gift`

/**
 * A group-buying order's group (Order.group) as a column of the same SELECT, like ORDER_GIFT:
 * group_members.order_id is unique. The groups module owns both tables; the order read only looks.
 */
export const ORDER_GROUP = `(SELECT json_build_object('id', d.id, 'status', d.status) FROM group_members m JOIN deal_groups d ON d.id = m.group_id WHERE m.order_id = o.id) AS group_ref`

/** A periodic purchase's plan (Order.plan), by plans.order_id (unique); the plans module owns the table. */
export const ORDER_PLAN = `(SELECT json_build_object('id', p.id) FROM plans p WHERE p.order_id = o.id) AS plan_ref`
const UTC_ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`

/**
 * A pickup order's pickup (Order.pickup) as a column of the same SELECT, like ORDER_GIFT:
 * order_pickups.order_id is its key. The pickup module owns it (and stores the stores module);
 * the order read only looks. It refunds itself refund_after_days after the slot ends.
 */
export const ORDER_PICKUP = `(SELECT json_build_object('code', p.code, 'storeId', p.store_id, 'slot', p.slot, 'storeName', s.name, 'storeAddress', s.address, 'storePhone', s.phone,
  'latitude', s.latitude, 'longitude', s.longitude, 'status', p.status, 'verifiedAt', to_char(p.verified_at AT TIME ZONE 'UTC', ${UTC_ISO}),
  'expiresAt', to_char((p.slot_end + ps.refund_after_days * interval '1 day') AT TIME ZONE 'UTC', ${UTC_ISO}))
  FROM order_pickups p JOIN stores s ON s.id = p.store_id CROSS JOIN pickup_settings ps WHERE p.order_id = o.id) AS pickup`

/** Rows of child tables by order id, mapped to their wire shape, in query order. */
function groupBy<R extends { order_id: number }, T>(rows: R[], map: (row: R) => T): Map<number, T[]> {
  const by = new Map<number, T[]>()
  for (const r of rows) {
    const list = by.get(r.order_id)
    if (list) list.push(map(r))
    else by.set(r.order_id, [map(r)])
  }
  return by
}

/** Full orders (items, timeline, refunds) for these rows, in the rows' order: four queries, not 1 + 3n. */
export async function hydrate(db: Queryable, rows: OrderRow[]): Promise<Order[]> {
  if (rows.length === 0) return []
  const ids = rows.map((r) => r.id)
  const [items, events, refunds] = await Promise.all([
    db.query<{ id: number; order_id: number; sku_id: number; product_id: number; title: string; image: string; specs: Record<string, string>; unit_price: number; quantity: number; line_total: number; discount: number; refunded_quantity: number }>(
      'SELECT id, order_id, sku_id, product_id, title, image, specs, unit_price, quantity, line_total, discount, refunded_quantity FROM order_items WHERE order_id = ANY($1::int[]) ORDER BY id',
      [ids],
    ),
    db.query<{ order_id: number; status: OrderStatus; at: Date; note: string | null }>(
      'SELECT order_id, status, at, note FROM order_events WHERE order_id = ANY($1::int[]) ORDER BY at, id',
      [ids],
    ),
    db.query<{ order_id: number; amount: number; status: OrderRefund['status']; reason: string; lines: OrderRefund['lines'] | string; created_at: Date; succeeded_at: Date | null }>(
      'SELECT order_id, amount, status, reason, lines, created_at, succeeded_at FROM refunds WHERE order_id = ANY($1::int[]) ORDER BY id',
      [ids],
    ),
  ])
  const itemsBy = groupBy(items.rows, (i): OrderItem => ({
    id: i.id,
    skuId: i.sku_id,
    productId: i.product_id,
    title: i.title,
    image: i.image,
    specs: i.specs,
    unitPrice: i.unit_price,
    quantity: i.quantity,
    lineTotal: i.line_total,
    discount: i.discount,
    refundedQuantity: i.refunded_quantity,
  }))
  const eventsBy = groupBy(events.rows, (e): OrderEventEntry => ({ status: e.status, at: new Date(e.at).toISOString(), note: e.note }))
  const refundsBy = groupBy(refunds.rows, (f): OrderRefund => ({
    amount: f.amount,
    status: f.status,
    reason: f.reason,
    lines: typeof f.lines === 'string' ? JSON.parse(f.lines) : f.lines,
    createdAt: new Date(f.created_at).toISOString(),
    succeededAt: f.succeeded_at ? new Date(f.succeeded_at).toISOString() : null,
  }))
  return rows.map((r) => {
    const its = itemsBy.get(r.id) ?? []
    return {
      id: r.id,
      orderNo: r.order_no,
      status: r.status,
      items: its,
      itemCount: its.reduce((n, i) => n + i.quantity, 0),
      subtotal: r.subtotal,
      shipping: r.shipping,
      discount: r.discount,
      total: r.total,
      address: r.address,
      note: r.note,
      createdAt: new Date(r.created_at).toISOString(),
      expiresAt: r.status === 'created' && r.expires_at ? new Date(r.expires_at).toISOString() : null,
      tracking: r.tracking_carrier && r.tracking_no ? { carrier: r.tracking_carrier, number: r.tracking_no } : null,
      timeline: eventsBy.get(r.id) ?? [],
      refundedTotal: r.refunded_total,
      refunds: refundsBy.get(r.id) ?? [],
      discounts: typeof r.discounts === 'string' ? JSON.parse(r.discounts) : r.discounts,
      shippedAt: r.shipped_at ? new Date(r.shipped_at).toISOString() : null,
      receivedAt: r.received_at ? new Date(r.received_at).toISOString() : null,
      ...(r.gift ? { gift: parseJson(r.gift) } : {}),
      ...(r.group_ref ? { group: parseJson(r.group_ref) } : {}),
      ...(r.plan_ref ? { plan: parseJson(r.plan_ref) } : {}),
      ...(r.pickup ? { pickup: parseJson(r.pickup) } : {}),
    }
  })
}

/** One order; with userId, only if it is that user's (someone else's order is "not found"). */
export async function findOrder(db: Queryable, id: number, userId?: number): Promise<Order | null> {
  const r = await db.query<OrderRow>(
    `SELECT ${ORDER_COLUMNS}, ${ORDER_GIFT}, ${ORDER_GROUP}, ${ORDER_PLAN}, ${ORDER_PICKUP} FROM orders o WHERE id = $1 ${userId === undefined ? '' : 'AND user_id = $2'}`,
    userId === undefined ? [id] : [id, userId],
  )
  return (await hydrate(db, r.rows))[0] ?? null
}

export async function findOrderByKey(db: Queryable, userId: number, key: string): Promise<Order | null> {
  const r = await db.query<OrderRow>(`SELECT ${ORDER_COLUMNS}, ${ORDER_GIFT}, ${ORDER_GROUP}, ${ORDER_PLAN}, ${ORDER_PICKUP} FROM orders o WHERE user_id = $1 AND idempotency_key = $2`, [userId, key])
  return (await hydrate(db, r.rows))[0] ?? null
}

export async function listOrders(
  db: Queryable,
  q: { userId?: number; status?: OrderStatus; page: number; pageSize: number },
): Promise<Paged<Order>> {
  const where: string[] = []
  const params: unknown[] = []
  if (q.userId !== undefined) {
    params.push(q.userId)
    where.push(`user_id = $${params.length}`)
  }
  if (q.status) {
    params.push(q.status)
    where.push(`status = $${params.length}`)
  }
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : ''
  const [rows, count] = await Promise.all([
    db.query<OrderRow>(`SELECT ${ORDER_COLUMNS}, ${ORDER_GIFT}, ${ORDER_GROUP}, ${ORDER_PLAN}, ${ORDER_PICKUP} FROM orders o ${whereSql} ORDER BY id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`, [
      ...params,
      q.pageSize,
      (q.page - 1) * q.pageSize,
    ]),
    db.one<{ total: number }>(`SELECT count(*)::int AS total FROM orders ${whereSql}`, params),
  ])
  return { items: await hydrate(db, rows.rows), total: count.total, page: q.page, pageSize: q.pageSize }
}

export async function countByStatus(db: Queryable, userId: number): Promise<Map<OrderStatus, number>> {
  const r = await db.query<{ status: OrderStatus; n: number }>('SELECT status, count(*)::int AS n FROM orders WHERE user_id = $1 GROUP BY status', [userId])
  return new Map(r.rows.map((x) => [x.status, x.n]))
}

// ---- What other modules read and write of an order: through these, not their own SQL. ----

export interface OrderSummary {
  id: number
  orderNo: string
  userId: number
  status: OrderStatus
  total: number
  /** The first line's title and the number of lines (for a payment's or message's description). */
  title: string | null
  lines: number
}

/** The few fields payments, the cashier and messages need; with userId, only that user's order. */
export async function orderSummary(q: Queryable, orderId: number, userId?: number): Promise<OrderSummary | null> {
  const r = await q.maybeOne<{ id: number; order_no: string; user_id: number; status: OrderStatus; total: number; title: string | null; lines: number }>(
    `SELECT o.id, o.order_no, o.user_id, o.status, o.total,
            (SELECT title FROM order_items WHERE order_id = o.id ORDER BY id LIMIT 1) AS title,
            (SELECT count(*)::int FROM order_items WHERE order_id = o.id) AS lines
     FROM orders o WHERE o.id = $1 ${userId === undefined ? '' : 'AND o.user_id = $2'}`,
    userId === undefined ? [orderId] : [orderId, userId],
  )
  return r ? { id: r.id, orderNo: r.order_no, userId: r.user_id, status: r.status, total: r.total, title: r.title, lines: r.lines } : null
}

/** Whether the order was priced with the paid membership's discount (a member_price entry in its stored discounts that is no level tier's). */
export async function pricedAsMember(q: Queryable, orderId: number): Promise<boolean> {
  const r = await q.maybeOne<{ member: boolean }>(
    "SELECT EXISTS (SELECT 1 FROM jsonb_array_elements(o.discounts) d WHERE d->>'kind' = 'member_price' AND d->'minLevel' IS NULL) AS member FROM orders o WHERE o.id = $1",
    [orderId],
  )
  return r?.member ?? false
}

/** Locks the order row for the rest of the caller's transaction (numbering attempts and refunds). */
export async function lockOrder(q: Queryable, orderId: number): Promise<void> {
  await q.query('SELECT id FROM orders WHERE id = $1 FOR UPDATE', [orderId])
}

export async function orderStatus(q: Queryable, orderId: number): Promise<OrderStatus | null> {
  return (await q.maybeOne<{ status: OrderStatus }>('SELECT status FROM orders WHERE id = $1', [orderId]))?.status ?? null
}

/** An order with its lines as a refund plans over them, its row locked. */
export async function lockForRefund(q: Queryable, orderId: number): Promise<{
  orderNo: string
  status: OrderStatus
  subtotal: number
  discount: number
  total: number
  refundedTotal: number
  lines: { skuId: number; quantity: number; lineTotal: number; discount: number; refundedQuantity: number }[]
} | null> {
  const o = await q.maybeOne<{ order_no: string; status: OrderStatus; subtotal: number; discount: number; total: number; refunded_total: number }>(
    'SELECT order_no, status, subtotal, discount, total, refunded_total FROM orders WHERE id = $1 FOR UPDATE',
    [orderId],
  )
  if (!o) return null
  const items = await q.query<{ sku_id: number; quantity: number; line_total: number; discount: number; refunded_quantity: number }>(
    'SELECT sku_id, quantity, line_total, discount, refunded_quantity FROM order_items WHERE order_id = $1 ORDER BY id',
    [orderId],
  )
  return {
    orderNo: o.order_no,
    status: o.status,
    subtotal: o.subtotal,
    discount: o.discount,
    total: o.total,
    refundedTotal: o.refunded_total,
    lines: items.rows.map((i) => ({ skuId: i.sku_id, quantity: i.quantity, lineTotal: i.line_total, discount: i.discount, refundedQuantity: i.refunded_quantity })),
  }
}

/** How the order is paid: pay_now (payments) or pay_after_use (a credit order). */
export async function paymentModeOf(q: Queryable, orderId: number): Promise<'pay_now' | 'pay_after_use' | null> {
  return (await q.maybeOne<{ payment_mode: 'pay_now' | 'pay_after_use' }>('SELECT payment_mode FROM orders WHERE id = $1', [orderId]))?.payment_mode ?? null
}

/** A refund's units and amount on the order (in the refund's transaction, the row locked by lockForRefund). */
export async function recordRefund(q: Queryable, orderId: number, lines: readonly { skuId: number; quantity: number }[], amount: number): Promise<void> {
  for (const l of lines) {
    await q.query('UPDATE order_items SET refunded_quantity = refunded_quantity + $3 WHERE order_id = $1 AND sku_id = $2', [orderId, l.skuId, l.quantity])
  }
  await q.query('UPDATE orders SET refunded_total = refunded_total + $2 WHERE id = $1', [orderId, amount])
}

/**
 * A one-recipient gift's order ships to its recipient: the claim (gifts module) sets the
 * order's address snapshot, in the claim's transaction. Only while no address is set.
 */
export async function setAddressIn(q: Queryable, orderId: number, address: NonNullable<Order['address']>): Promise<boolean> {
  const r = await q.query('UPDATE orders SET address = $2 WHERE id = $1 AND address IS NULL', [orderId, JSON.stringify(address)])
  return r.rowCount > 0
}

/** Pay after use: the order's payment mode and its credit order. */
export async function setPayAfterUse(q: Queryable, orderId: number, creditOrderId: number): Promise<void> {
  await q.query("UPDATE orders SET payment_mode = 'pay_after_use', credit_order_id = $2 WHERE id = $1", [orderId, creditOrderId])
}

export async function orderCreditRef(q: Queryable, orderId: number, userId: number): Promise<{ total: number; creditOrderId: number | null } | null> {
  const r = await q.maybeOne<{ total: number; credit_order_id: number | null }>('SELECT total, credit_order_id FROM orders WHERE id = $1 AND user_id = $2', [orderId, userId])
  return r ? { total: r.total, creditOrderId: r.credit_order_id } : null
}

/** When the order first shipped, or null. */
export async function firstShippedAt(q: Queryable, orderId: number): Promise<Date | null> {
  return (await q.maybeOne<{ at: Date }>("SELECT at FROM order_events WHERE order_id = $1 AND status = 'shipped' ORDER BY at LIMIT 1", [orderId]))?.at ?? null
}

/**
 * The stored discounts of a user's orders priced in [from, to) (created then: the member price
 * was given in that period) and paid by now, not refunded or cancelled since (membership
 * savings). By pricing time, not payment time: a payment for an attempt opened while a member
 * that lands after the period's end (or after a cancel) still belongs to the period that gave
 * the price, and an order priced in one period and paid in the next is counted once.
 */
export async function paidOrderDiscounts(q: Queryable, userId: number, from: Date, to: Date, carriedSince: Date | null = null): Promise<AppliedDiscount[][]> {
  // carriedSince: orders priced before `from` but paid after the previous period was settled
  // (so that settlement could not count them) are carried into this one.
  const r = await q.query<{ discounts: AppliedDiscount[] | string }>(
    `SELECT o.discounts FROM orders o
     WHERE o.user_id = $1 AND o.status IN ('paid', 'shipped', 'completed')
       AND ((o.created_at >= $2 AND o.created_at < $3)
         OR ($4::timestamptz IS NOT NULL AND o.created_at < $2
             AND EXISTS (SELECT 1 FROM order_events e WHERE e.order_id = o.id AND e.status = 'paid' AND e.at >= $4)))`,
    [userId, from, to, carriedSince],
  )
  return r.rows.map((o) => (typeof o.discounts === 'string' ? (JSON.parse(o.discounts) as AppliedDiscount[]) : o.discounts))
}

/** What an order's subscription message says (messages/template-data.ts). */
export async function orderForMessage(q: Queryable, orderId: number) {
  return q.maybeOne<{ order_no: string; total: number; refunded_total: number; expires_at: Date | null; tracking_carrier: string | null; tracking_no: string | null; title: string | null; lines: number }>(
    `SELECT o.order_no, o.total, o.refunded_total, o.expires_at, o.tracking_carrier, o.tracking_no,
            (SELECT title FROM order_items WHERE order_id = o.id ORDER BY id LIMIT 1) AS title,
            (SELECT count(*)::int FROM order_items WHERE order_id = o.id) AS lines
     FROM orders o WHERE o.id = $1`,
    [orderId],
  )
}
