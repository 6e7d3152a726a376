import type { CreateOrderInput, LineInput, Order } from '../../../src/domain/contract'
import { nextStatus, releasesStock, statusesAllowing, type OrderActor, type OrderEvent, type OrderStatus } from '../../../src/domain/order-state'
import type { Db, Queryable } from '../../db'
import { AppError, conflict, notFound } from '../../lib/errors'
import { specText } from '../catalog/repository'
import { findAddress } from '../addresses/repository'
import { loadSkus, mergeLines, pricePreview } from '../pricing/service'
import { orderNoPrefix } from './order-no'
import { findOrder, findOrderByKey } from './repository'
import { enqueueForStatus } from '../messages/outbox'

export type TransitionResult = { ok: true; to: OrderStatus } | { ok: false; reason: 'not_found' | 'bad_state' }

export interface TransitionOptions {
  /** Only this user's order (shopper actions). */
  userId?: number
  note?: string | null
  tracking?: { carrier: string; number: string }
}

/**
 * The one way an order changes status: a conditional UPDATE that only matches while the
 * order is in a status the event may start from (src/domain/order-state), so two
 * concurrent changes can't both apply or skip a state. Stock goes back in the same
 * transaction when the event releases it, and the timeline gets its entry.
 * Run it inside a transaction.
 */
export async function transition(q: Queryable, orderId: number, event: OrderEvent, actor: OrderActor, now: Date, opts: TransitionOptions = {}): Promise<TransitionResult> {
  const from = statusesAllowing(event)
  const to = nextStatus(from[0], event, actor)
  if (!to) throw new Error(`${actor} may not ${event}`)
  const params: unknown[] = [orderId, from, to, opts.tracking?.carrier ?? null, opts.tracking?.number ?? null, actor, opts.note ?? null, now]
  let where = 'id = $1 AND status = ANY($2::text[])'
  if (opts.userId !== undefined) {
    params.push(opts.userId)
    where += ` AND user_id = $${params.length}`
  }
  // The change and its timeline entry in one statement: one round trip fewer for every
  // transition, and the entry exists exactly when the update matched.
  const updated = await q.query(
    `WITH u AS (
       UPDATE orders SET status = $3, expires_at = NULL,
         tracking_carrier = COALESCE($4, tracking_carrier), tracking_no = COALESCE($5, tracking_no)
       WHERE ${where} RETURNING id
     )
     INSERT INTO order_events (order_id, status, actor, note, at) SELECT id, $3, $6, $7, $8 FROM u RETURNING order_id`,
    params,
  )
  if (updated.rowCount === 0) {
    const exists = await q.maybeOne(`SELECT 1 FROM orders WHERE id = $1 ${opts.userId === undefined ? '' : 'AND user_id = $2'}`, opts.userId === undefined ? [orderId] : [orderId, opts.userId])
    return { ok: false, reason: exists ? 'bad_state' : 'not_found' }
  }
  if (releasesStock(event)) {
    const lines = await q.query<{ sku_id: number; quantity: number }>(
      'SELECT sku_id, sum(quantity)::int AS quantity FROM order_items WHERE order_id = $1 GROUP BY sku_id ORDER BY sku_id',
      [orderId],
    )
    // SKU rows in id order, like order creation, so the two can't deadlock.
    for (const l of lines.rows) await q.query('UPDATE skus SET stock = stock + $2 WHERE id = $1', [l.sku_id, l.quantity])
  }
  // The shopper's message (paid, shipped, refunded) commits with the change or not at all.
  await enqueueForStatus(q, orderId, to, now)
  return { ok: true, to }
}

class RepeatedKey extends Error {}

export interface OrderService {
  create(userId: number, input: CreateOrderInput): Promise<{ order: Order; created: boolean }>
  /** Applies an event, answering 404 / 409 as the API does. */
  apply(orderId: number, event: OrderEvent, actor: OrderActor, opts?: TransitionOptions): Promise<Order>
  /** Closes unpaid orders past their time and releases their stock; returns how many. */
  sweepExpired(): Promise<number>
}

const STATE_MESSAGE: Partial<Record<OrderEvent, string>> = {
  cancel: '只有待付款的订单可以取消',
  confirm: '只有待收货的订单可以确认收货',
  ship: '只有待发货（已付款）的订单可以发货',
  pay: '订单当前状态不能付款',
}

export interface OrderServiceOptions {
  now: () => Date
  ttlMs: number
  onStockChange?: () => void
  /** After an order ended unpaid (cancelled, closed) has committed: payments close its open attempts. */
  onEndedUnpaid?: (orderId: number) => Promise<void>
}

export function orderService(db: Db, opts: OrderServiceOptions): OrderService {
  const stockChanged = opts.onStockChange ?? (() => {})
  const endedUnpaid = async (orderId: number) => {
    stockChanged()
    await opts.onEndedUnpaid?.(orderId)
  }

  async function apply(orderId: number, event: OrderEvent, actor: OrderActor, o: TransitionOptions = {}): Promise<Order> {
    const r = await db.tx((q) => transition(q, orderId, event, actor, opts.now(), o))
    if (r.ok && releasesStock(event)) await endedUnpaid(orderId)
    if (!r.ok && r.reason === 'not_found') throw notFound('订单', 'ORDER_NOT_FOUND')
    if (!r.ok) throw conflict('INVALID_STATE', STATE_MESSAGE[event] ?? '订单当前状态不能这样操作')
    return (await findOrder(db, orderId)) as Order
  }

  async function create(userId: number, input: CreateOrderInput): Promise<{ order: Order; created: boolean }> {
    const items: LineInput[] = mergeLines(input.items)
    // Independent reads, side by side (PostgreSQL runs them on separate connections).
    const [repeat, skus, a] = await Promise.all([
      findOrderByKey(db, userId, input.idempotencyKey),
      loadSkus(db, items).catch((err: unknown) => err as Error),
      input.addressId === undefined ? null : findAddress(db, userId, input.addressId),
    ])
    if (repeat) return { order: repeat, created: false }
    if (skus instanceof Error) throw skus
    let address: Order['address'] = null
    if (input.addressId !== undefined) {
      if (!a) throw notFound('收货地址', 'ADDRESS_NOT_FOUND')
      // A snapshot: editing the address book later doesn't move a placed order.
      address = { name: a.name, phone: a.phone, region: a.region, detail: a.detail }
    }
    // Unit prices come from the database (loadSkus); the client only chose SKUs and quantities.
    const priced = pricePreview(items, skus)
    const now = opts.now()
    const expiresAt = new Date(now.getTime() + opts.ttlMs)

    // Statements per order are kept few: each is a round trip while the SKU row is locked.
    let placed: { id: number; orderNo: string }
    try {
      placed = await db.tx(async (q) => {
        // The order, its items and its first timeline entry in one statement (one round trip).
        // On a repeated key the order insert does nothing, and so do the inserts that hang off it.
        const inserted = await q.maybeOne<{ id: number; order_no: string }>(
          `WITH n AS (SELECT nextval('orders_id_seq')::int AS id),
           o AS (
             INSERT INTO orders (id, order_no, user_id, status, idempotency_key, subtotal, shipping, discount, total, address, note, created_at, expires_at)
             SELECT n.id, $1 || lpad(n.id::text, 8, '0'), $2, 'created', $3, $4, $5, $6, $7, $8, $9, $10, $11 FROM n
             ON CONFLICT (user_id, idempotency_key) DO NOTHING RETURNING id, order_no
           ),
           i AS (
             INSERT INTO order_items (order_id, sku_id, product_id, title, image, specs, unit_price, quantity, line_total)
             SELECT o.id, x.sku_id, x.product_id, x.title, x.image, x.specs, x.unit_price, x.quantity, x.line_total
             FROM o, json_to_recordset($12::json) AS x(sku_id int, product_id int, title text, image text, specs json, unit_price int, quantity int, line_total int)
           ),
           e AS (
             INSERT INTO order_events (order_id, status, actor, note, at) SELECT o.id, 'created', 'shopper', NULL, $10 FROM o
           )
           SELECT id, order_no FROM o`,
          [
            orderNoPrefix(now),
            userId,
            input.idempotencyKey,
            priced.subtotal,
            priced.shipping,
            priced.discount,
            priced.total,
            address ? JSON.stringify(address) : null,
            input.note || null,
            now,
            expiresAt,
            JSON.stringify(
              priced.lines.map((l) => ({ sku_id: l.skuId, product_id: l.productId, title: l.title, image: l.image, specs: l.specs, unit_price: l.unitPrice, quantity: l.quantity, line_total: l.lineTotal })),
            ),
          ],
        )
        // A concurrent request with the same key got there first (PostgreSQL made us wait for it).
        if (!inserted) throw new RepeatedKey()

        if (input.fromCart) {
          await q.query('DELETE FROM cart_lines WHERE user_id = $1 AND sku_id = ANY($2::int[])', [userId, items.map((l) => l.skuId)])
        }
        // Reserve stock last, so the SKU rows stay locked only until the commit that follows.
        // SKUs in id order (no deadlocks between two orders), each a conditional
        // decrement that fails instead of going below zero. One failure rolls back everything.
        for (const line of [...priced.lines].sort((a, b) => a.skuId - b.skuId)) {
          const ok = await q.query('UPDATE skus SET stock = stock - $2 WHERE id = $1 AND stock >= $2', [line.skuId, line.quantity])
          if (ok.rowCount === 0) {
            const left = (await q.maybeOne<{ stock: number }>('SELECT stock FROM skus WHERE id = $1', [line.skuId]))?.stock ?? 0
            const name = `「${line.title}（${specText(line.specs)}）」`
            throw conflict('SOLD_OUT', left > 0 ? `${name}库存不足，仅剩 ${left} 件` : `${name}已售罄`)
          }
        }
        return { id: inserted.id, orderNo: inserted.order_no }
      })
    } catch (err) {
      if (err instanceof RepeatedKey) {
        const first = await findOrderByKey(db, userId, input.idempotencyKey)
        if (first) return { order: first, created: false }
        throw new AppError(409, 'RETRY', '请重试')
      }
      throw err
    }
    stockChanged()
    // Everything the answer holds was just written: no need to read it back.
    const order: Order = {
      id: placed.id,
      orderNo: placed.orderNo,
      status: 'created',
      items: priced.lines.map((l) => ({ skuId: l.skuId, productId: l.productId, title: l.title, image: l.image, specs: l.specs, unitPrice: l.unitPrice, quantity: l.quantity, lineTotal: l.lineTotal, refundedQuantity: 0 })),
      itemCount: priced.itemCount,
      subtotal: priced.subtotal,
      shipping: priced.shipping,
      discount: priced.discount,
      total: priced.total,
      address,
      note: input.note || null,
      createdAt: now.toISOString(),
      expiresAt: expiresAt.toISOString(),
      tracking: null,
      timeline: [{ status: 'created', at: now.toISOString(), note: null }],
      refundedTotal: 0,
      refunds: [],
    }
    return { order, created: true }
  }

  async function sweepExpired(): Promise<number> {
    let closed = 0
    for (;;) {
      const due = await db.query<{ id: number }>(
        'SELECT id FROM orders WHERE status = ANY($1::text[]) AND expires_at <= $2 ORDER BY expires_at LIMIT 100',
        [statusesAllowing('close'), opts.now()],
      )
      for (const { id } of due.rows) {
        // Each order on its own: a payment arriving meanwhile wins, the update then matches nothing.
        const r = await db.tx((q) => transition(q, id, 'close', 'system', opts.now(), { note: '超时未支付，订单已自动关闭' }))
        if (r.ok) {
          closed += 1
          await endedUnpaid(id)
        }
      }
      if (due.rows.length < 100) return closed
    }
  }

  return { create, apply, sweepExpired }
}
