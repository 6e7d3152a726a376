import type { AppliedDiscount, Order, OrderEventEntry, OrderItem, OrderRefund, Paged } from '../../../src/domain/contract'
import type { OrderStatus } from '../../../src/domain/order-state'
import type { Queryable } from '../../db'

interface OrderRow {
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
}

const ORDER_COLUMNS = `id, order_no, status, subtotal, shipping, discount, total, address, note, created_at, expires_at, tracking_carrier, tracking_no, refunded_total, discounts`

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
async function hydrate(db: Queryable, rows: OrderRow[]): Promise<Order[]> {
  if (rows.length === 0) return []
  const ids = rows.map((r) => r.id)
  const [items, events, refunds] = await Promise.all([
    db.query<{ order_id: number; sku_id: number; product_id: number; title: string; image: string; specs: Record<string, string>; unit_price: number; quantity: number; line_total: number; discount: number; refunded_quantity: number }>(
      'SELECT order_id, sku_id, product_id, title, image, specs, unit_price, quantity, line_total, discount, refunded_quantity FROM order_items WHERE order_id = ANY($1::int[]) ORDER BY id',
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
    }
  })
}

/** One order; with userId, only if it is that user's (someone else's order is "not found"). */
export async function findOrder(db: Queryable, id: number, userId?: number): Promise<Order | null> {
  const r = await db.query<OrderRow>(
    `SELECT ${ORDER_COLUMNS} FROM orders WHERE id = $1 ${userId === undefined ? '' : 'AND user_id = $2'}`,
    userId === undefined ? [id] : [id, userId],
  )
  return (await hydrate(db, r.rows))[0] ?? null
}

export async function findOrderByKey(db: Queryable, userId: number, key: string): Promise<Order | null> {
  const r = await db.query<OrderRow>(`SELECT ${ORDER_COLUMNS} FROM orders WHERE user_id = $1 AND idempotency_key = $2`, [userId, key])
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
    db.query<OrderRow>(`SELECT ${ORDER_COLUMNS} FROM orders ${whereSql} ORDER BY id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`, [
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
