import { carrierCode, carrierName } from '../../../src/domain/shipping'
import type { AdminAfterSale } from '../../../src/domain/admin-contract'
import type { Paged, Refund, RefundInput } from '../../../src/domain/contract'
import {
  AFTER_SALE_TRANSITIONS,
  afterSalesWindowEnd,
  afterSaleTypesFor,
  checkAfterSaleRequest,
  DAY_MS,
  type AfterSale,
  type AfterSaleActor,
  type AfterSaleEvent,
  type AfterSalePolicy,
  type AfterSaleRequestInput,
  type AfterSaleStatus,
  type AfterSaleType,
} from '../../../src/domain/after-sales'
import type { OrderActor, OrderStatus } from '../../../src/domain/order-state'
import { planRefund } from '../../../src/domain/refund'
import type { Db, Queryable, Tx } from '../../db'
import { eachIsolated } from '../../lib/each-isolated'
import { AppError, badInput, conflict, notFound } from '../../lib/errors'
import { afterSaleDedupeKey, enqueueOrderMessage } from '../messages'
import { lockForRefund, paymentModeOf } from '../orders'
import { recordAudit, type AdminIdentity } from '../staff'
import { findAdminAfterSale, findAfterSale, heldUnits, listAfterSales, shopperView, type AfterSaleFilter, type AfterSaleRow, type ViewContext } from './repository'

/** What after-sales needs of the refunds module (payments' RefundService answers it; app.ts passes it in). */
export interface AfterSaleRefunds {
  /** Reserves a refund inside our transaction; its id, to submit after the commit. */
  requestIn(q: Tx, orderId: number, input: RefundInput, actor: OrderActor): Promise<number>
  submit(refundId: number): Promise<Refund>
  /** Pay-after-use orders: dispatches to the credit module. */
  request(orderId: number, input: RefundInput, actor: OrderActor): Promise<Refund>
}

export interface AfterSaleDeps {
  now: () => Date
  policy: AfterSalePolicy
  returnAddress: ViewContext['returnAddress']
  refunds: AfterSaleRefunds
  /** In the transaction that records the shopper's return parcel: the tracking module watches it (app.ts). */
  onReturnShipped?: (q: Tx, e: { orderId: number; carrier: string; trackingNo: string; at: Date }) => Promise<void>
  onBackgroundError?: (err: unknown, what: string) => void
}

export interface OrderAfterSales {
  /** What the shopper may still ask for on this order (empty once the window closed). */
  types: AfterSaleType[]
  windowEndsAt: string | null
  items: AfterSale[]
}

export interface AfterSaleService {
  request(userId: number, orderId: number, input: AfterSaleRequestInput): Promise<{ id: number; status: AfterSaleStatus }>
  get(userId: number, id: number): Promise<AfterSale>
  forOrder(userId: number, orderId: number): Promise<OrderAfterSales>
  mine(userId: number, page: number, pageSize: number): Promise<Paged<AfterSale>>
  withdraw(userId: number, id: number): Promise<AfterSale>
  shipBack(userId: number, id: number, shipment: { carrier: string; trackingNo: string }): Promise<AfterSale>
  /** Records a photo this server issued to the shopper (POST /api/uploads/after-sales). */
  notePhoto(userId: number, url: string): Promise<void>

  adminGet(id: number): Promise<AdminAfterSale>
  adminList(filter: Omit<AfterSaleFilter, 'userId'>): Promise<Paged<AdminAfterSale>>
  approve(admin: AdminIdentity, id: number, note?: string): Promise<AdminAfterSale>
  refuse(admin: AdminIdentity, id: number, reason: string): Promise<AdminAfterSale>
  received(admin: AdminIdentity, id: number, note?: string): Promise<AdminAfterSale>
  resend(admin: AdminIdentity, id: number, shipment: { carrier: string; trackingNo: string }): Promise<AdminAfterSale>

  /** Inside refunds' finish transaction: the request whose refund this is moves to refunded. */
  onRefundFinished(q: Tx, refund: Refund): Promise<void>
  /** Timers: unanswered requests approved, returns not sent closed, pay-after-use refunds asked again. Returns how many moved. */
  sweep(): Promise<number>
  /** Whether the order's window has ended with no request open (commission waits for it). */
  settled(orderId: number, at?: Date): Promise<boolean>
}

declare module 'fastify' {
  interface FastifyInstance {
    /** After-sales (modules/after-sales): shopper requests, the console's answers, the timers. */
    afterSales: AfterSaleService
  }
}

/** Why the machine refused, in the shopper's or the merchant's words. */
const REFUSED: Record<AfterSaleEvent, string> = {
  approve: '只有待处理的售后申请可以同意',
  refuse: '只有待处理的售后申请可以拒绝',
  withdraw: '售后申请已在处理中，不能撤销',
  ship_back: '当前不需要寄回商品',
  return_timeout: '当前不在等待寄回',
  receive: '只有商品寄回中的申请可以确认收货',
  resend: '只有待发出换货的申请可以发货',
  refunded: '当前不在退款中',
}

/** Columns a transition may also set (named here, never from input). */
type Sets = Partial<Record<'refusal' | 'return_carrier' | 'return_tracking_no' | 'returned_at' | 'resend_carrier' | 'resend_tracking_no' | 'resent_at', unknown>>

interface MoveOptions {
  note?: string | null
  set?: Sets
  /** Only this shopper's request. */
  userId?: number
}

/**
 * The one writer of after_sales.status: a conditional UPDATE on the event's from-statuses
 * (the machine's table), its step row and its message in the same transaction. Answers the
 * moved row, or null when the row is not in a status the event may start from (or not the
 * shopper's): of two racing calls exactly one moves it.
 */
export async function transitionIn(q: Tx, id: number, event: AfterSaleEvent, actor: AfterSaleActor, at: Date, o: MoveOptions = {}): Promise<AfterSaleRow | null> {
  const t = AFTER_SALE_TRANSITIONS[event]
  if (!t.by.includes(actor)) throw new Error(`${actor} may not ${event} an after-sale`)
  const params: unknown[] = [id, t.from, t.to.refund, t.to.return, t.to.exchange, at]
  const to = `(CASE type WHEN 'refund' THEN $3::text WHEN 'return' THEN $4::text ELSE $5::text END)`
  const sets = [`status = ${to}`, 'status_at = $6', 'updated_at = $6']
  for (const [col, value] of Object.entries(o.set ?? {})) sets.push(`${col} = $${params.push(value)}`)
  let where = `id = $1 AND status = ANY($2::text[]) AND ${to} IS NOT NULL`
  if (o.userId !== undefined) where += ` AND user_id = $${params.push(o.userId)}`
  const row = await q.maybeOne<AfterSaleRow>(`UPDATE after_sales SET ${sets.join(', ')} WHERE ${where} RETURNING *`, params)
  if (!row) return null
  await q.query('INSERT INTO after_sale_steps (after_sale_id, status, actor, note, at) VALUES ($1, $2, $3, $4, $5)', [id, row.status, actor, o.note ?? null, at])
  await enqueueOrderMessage(q, row.order_id, 'after_sale_update', at, afterSaleDedupeKey(id, row.status))
  return row
}

/**
 * Whether an order's after-sales are over: received, its window (windowDays after receipt)
 * ended by `at`, and no request still open. Commission and referral rewards wait for this.
 */
export async function afterSalesSettled(q: Queryable, orderId: number, at: Date, windowDays: number): Promise<boolean> {
  const o = await q.maybeOne<{ received_at: Date | null; open: boolean }>(
    `SELECT o.received_at, EXISTS (SELECT 1 FROM after_sales a WHERE a.order_id = o.id AND a.status = ANY($2::text[])) AS open
     FROM orders o WHERE o.id = $1`,
    [orderId, OPEN],
  )
  if (!o || o.open) return false
  const end = afterSalesWindowEnd(o.received_at ? new Date(o.received_at) : null, { windowDays })
  return end !== null && end.getTime() <= at.getTime()
}

/** Ids of received orders whose window ended by `at` with no request open, oldest receipt first (a batch for commission). */
export async function afterSalesSettledOrders(q: Queryable, at: Date, windowDays: number, limit = 100): Promise<number[]> {
  const r = await q.query<{ id: number }>(
    `SELECT o.id FROM orders o
     WHERE o.received_at IS NOT NULL AND o.received_at + $2 * interval '1 day' <= $1
       AND NOT EXISTS (SELECT 1 FROM after_sales a WHERE a.order_id = o.id AND a.status = ANY($3::text[]))
     ORDER BY o.received_at, o.id LIMIT $4`,
    [at, windowDays, OPEN, limit],
  )
  return r.rows.map((x) => x.id)
}

const OPEN: readonly AfterSaleStatus[] = ['requested', 'awaiting_return', 'returning', 'refunding', 'resending']

export function afterSaleService(db: Db, deps: AfterSaleDeps): AfterSaleService {
  const { now, policy, refunds } = deps
  const ctx: ViewContext = { policy, returnAddress: deps.returnAddress }
  const background = deps.onBackgroundError ?? (() => {})

  /** A move that must happen: 404 when there is no such request (for this shopper), 409 INVALID_STATE when the machine refuses. */
  async function must(q: Tx, id: number, event: AfterSaleEvent, actor: AfterSaleActor, at: Date, o: MoveOptions = {}): Promise<AfterSaleRow> {
    const row = await transitionIn(q, id, event, actor, at, o)
    if (row) return row
    const exists = await q.maybeOne('SELECT 1 FROM after_sales WHERE id = $1 AND ($2::int IS NULL OR user_id = $2)', [id, o.userId ?? null])
    if (!exists) throw notFound('售后申请', 'AFTER_SALE_NOT_FOUND')
    throw conflict('INVALID_STATE', REFUSED[event])
  }

  /**
   * A request that reached refunding asks for its refund. Pay-now: reserved in this same
   * transaction (refund_id stored with it, so two approvals can't both refund) and sent to the
   * platform after the commit. Pay-after-use: the credit module is asked after the commit; the
   * sweep asks again for any still without one.
   */
  async function startRefund(q: Tx, row: AfterSaleRow, actor: AfterSaleActor): Promise<void> {
    if (row.status !== 'refunding') return
    const input = await refundInput(q, row)
    if ((await paymentModeOf(q, row.order_id)) === 'pay_after_use') {
      q.afterCommit(() => askPayAfterUse(row.id).then(() => undefined, (err: unknown) => background(err, `pay-after-use refund of after-sale ${row.id}`)))
      return
    }
    const refundId = await refunds.requestIn(q, row.order_id, input, actor === 'system' ? 'system' : 'admin')
    await q.query('UPDATE after_sales SET refund_id = $2, refund_reserved = true WHERE id = $1', [row.id, refundId])
    // A refund the platform can't take stays failed in refunds (visible, retried by POST /api/admin/refunds/:id/retry).
    q.afterCommit(() => refunds.submit(refundId).then(() => undefined, (err: unknown) => background(err, `refund ${refundId} of after-sale ${row.id}`)))
  }

  async function refundInput(q: Queryable, row: AfterSaleRow): Promise<RefundInput> {
    const lines = await q.query<{ sku_id: number; quantity: number }>('SELECT sku_id, quantity FROM after_sale_lines WHERE after_sale_id = $1 ORDER BY order_item_id', [row.id])
    const shipped = await q.one<{ shipped: boolean }>('SELECT shipped_at IS NOT NULL AS shipped FROM orders WHERE id = $1', [row.order_id])
    // Units come back to stock when they never left (refund before shipping) or came back (a received return);
    // money only for goods out there (not received, or kept) leaves the stock as it is.
    const restock = row.type === 'return' || !shipped.shipped
    return { lines: lines.rows.map((l) => ({ skuId: l.sku_id, quantity: l.quantity })), reason: `售后 #${row.id}：${row.reason}`, restock }
  }

  async function askPayAfterUse(id: number): Promise<boolean> {
    const row = await db.maybeOne<AfterSaleRow>('SELECT * FROM after_sales WHERE id = $1', [id])
    if (!row || row.status !== 'refunding' || row.refund_reserved || row.refund_id) return false
    let r: Refund
    try {
      r = await refunds.request(row.order_id, await refundInput(db, row), 'system')
    } catch (err) {
      // A refusal (already charged by the credit service, a collect under way): shown on the request,
      // not asked again by the sweep; the merchant refunds on the platform.
      if (!(err instanceof AppError)) throw err
      await db.query('UPDATE after_sales SET refund_failure = $2, updated_at = $3 WHERE id = $1', [id, err.message, now()])
      return false
    }
    return db.tx(async (q) => {
      await q.query('UPDATE after_sales SET refund_reserved = true, updated_at = $2 WHERE id = $1', [id, now()])
      if (r.status !== 'succeeded') return false
      return !!(await transitionIn(q, id, 'refunded', 'system', now(), { note: refundNote(r.amount) }))
    })
  }

  const refundNote = (fen: number) => `退款 ¥${(fen / 100).toFixed(2)} 已原路退回`

  async function adminView(id: number): Promise<AdminAfterSale> {
    const v = await findAdminAfterSale(db, id, ctx)
    if (!v) throw notFound('售后申请', 'AFTER_SALE_NOT_FOUND')
    return v
  }

  async function shopperGet(userId: number, id: number): Promise<AfterSale> {
    const v = await findAfterSale(db, id, ctx, userId)
    if (!v) throw notFound('售后申请', 'AFTER_SALE_NOT_FOUND')
    return v
  }

  async function request(userId: number, orderId: number, input: AfterSaleRequestInput): Promise<{ id: number; status: AfterSaleStatus }> {
    const at = now()
    return db.tx(async (q) => {
      // The order row locked: two requests for the same line count each other's units, one after the other.
      const locked = await lockForRefund(q, orderId)
      const o = await q.maybeOne<{ user_id: number; status: OrderStatus; received_at: Date | null }>('SELECT user_id, status, received_at FROM orders WHERE id = $1', [orderId])
      if (!locked || !o || o.user_id !== userId) throw notFound('订单', 'ORDER_NOT_FOUND')
      const items = await q.query<{ id: number; sku_id: number; quantity: number; refunded_quantity: number }>(
        'SELECT id, sku_id, quantity, refunded_quantity FROM order_items WHERE order_id = $1 ORDER BY id',
        [orderId],
      )
      const held = await heldUnits(q, orderId)
      const lines = items.rows.map((i) => ({ orderItemId: i.id, quantity: i.quantity, refundedQuantity: i.refunded_quantity, heldQuantity: held.get(i.id) ?? 0 }))
      const check = checkAfterSaleRequest({ status: o.status, receivedAt: o.received_at ? new Date(o.received_at) : null, lines }, input, at, policy)
      if (!check.ok) throw new AppError(check.status, check.code, check.message)

      const photos = input.photos ?? []
      if (photos.length > 0) {
        const mine = await q.query<{ url: string }>('SELECT url FROM after_sale_photos WHERE user_id = $1 AND url = ANY($2::text[])', [userId, photos])
        const known = new Set(mine.rows.map((p) => p.url))
        const bad = photos.find((p) => !known.has(p))
        if (bad !== undefined) throw badInput('photos: 请使用上传接口返回的图片地址', 'photos')
      }

      // What these units cost the shopper: the refunds engine's own plan over the stored line discounts.
      const skuOf = new Map(items.rows.map((i) => [i.id, i.sku_id]))
      const asked = input.lines.map((l) => ({ orderItemId: l.orderItemId, skuId: skuOf.get(l.orderItemId) as number, quantity: l.quantity }))
      const plan = planRefund(
        { total: locked.total, subtotal: locked.subtotal, discount: locked.discount, refundedAmount: locked.refundedTotal, lines: locked.lines },
        asked.map((l) => ({ skuId: l.skuId, quantity: l.quantity })),
      )
      if (!plan.ok) throw new AppError(plan.code === 'NOTHING_TO_REFUND' ? 409 : 400, plan.code, plan.message)
      const money = input.type !== 'exchange'
      // Pay-after-use takes back only a whole order (credit cancels the charge): a part would wait forever.
      if (money && !plan.closesOrder && (await paymentModeOf(q, orderId)) === 'pay_after_use')
        throw conflict('PAY_AFTER_USE_WHOLE_ONLY', '先享后付订单只能整单申请退款')
      const lineAmount = (skuId: number) => (money ? (plan.lines.find((p) => p.skuId === skuId)?.amount ?? 0) : 0)

      const r = await q.one<{ id: number }>(
        `INSERT INTO after_sales (order_id, user_id, type, status, reason, description, photos, amount, status_at, created_at, updated_at)
         VALUES ($1, $2, $3, 'requested', $4, $5, $6, $7, $8, $8, $8) RETURNING id`,
        [orderId, userId, input.type, input.reason, input.description ?? null, JSON.stringify(photos), money ? plan.amount : 0, at],
      )
      for (const l of asked) {
        await q.query('INSERT INTO after_sale_lines (after_sale_id, order_item_id, sku_id, quantity, amount) VALUES ($1, $2, $3, $4, $5)', [r.id, l.orderItemId, l.skuId, l.quantity, lineAmount(l.skuId)])
      }
      await q.query('INSERT INTO after_sale_steps (after_sale_id, status, actor, note, at) VALUES ($1, $2, $3, $4, $5)', [r.id, 'requested', 'shopper', input.reason, at])
      await enqueueOrderMessage(q, orderId, 'after_sale_update', at, afterSaleDedupeKey(r.id, 'requested'))
      return { id: r.id, status: 'requested' as const }
    })
  }

  async function forOrder(userId: number, orderId: number): Promise<OrderAfterSales> {
    const o = await db.maybeOne<{ status: OrderStatus; received_at: Date | null }>('SELECT status, received_at FROM orders WHERE id = $1 AND user_id = $2', [orderId, userId])
    if (!o) throw notFound('订单', 'ORDER_NOT_FOUND')
    const end = afterSalesWindowEnd(o.received_at ? new Date(o.received_at) : null, policy)
    const open = !end || now().getTime() <= end.getTime()
    const items = await listAfterSales(db, { userId, orderId, page: 1, pageSize: 100 }, ctx)
    return { types: open ? [...afterSaleTypesFor(o.status)] : [], windowEndsAt: end ? end.toISOString() : null, items: items.items.map(shopperView) }
  }

  async function mine(userId: number, page: number, pageSize: number): Promise<Paged<AfterSale>> {
    const r = await listAfterSales(db, { userId, page, pageSize }, ctx)
    return { ...r, items: r.items.map(shopperView) }
  }

  async function withdraw(userId: number, id: number): Promise<AfterSale> {
    await db.tx((q) => must(q, id, 'withdraw', 'shopper', now(), { userId, note: '买家撤销了申请' }))
    return shopperGet(userId, id)
  }

  async function shipBack(userId: number, id: number, s: { carrier: string; trackingNo: string }): Promise<AfterSale> {
    const at = now()
    await db.tx(async (q) => {
      const row = await must(q, id, 'ship_back', 'shopper', at, { userId, note: `${carrierName(carrierCode(s.carrier))} ${s.trackingNo}`, set: { return_carrier: s.carrier, return_tracking_no: s.trackingNo, returned_at: at } })
      await deps.onReturnShipped?.(q, { orderId: row.order_id, carrier: s.carrier, trackingNo: s.trackingNo, at })
    })
    return shopperGet(userId, id)
  }

  async function notePhoto(userId: number, url: string): Promise<void> {
    await db.query('INSERT INTO after_sale_photos (url, user_id, created_at) VALUES ($1, $2, $3)', [url, userId, now()])
  }

  /** An admin move and its audit row in one transaction; the refund, when it reaches refunding, in it too. */
  async function byAdmin(admin: AdminIdentity, id: number, event: AfterSaleEvent, o: MoveOptions, audit: Record<string, unknown> = {}): Promise<AdminAfterSale> {
    await db.tx(async (q) => {
      const row = await must(q, id, event, 'admin', now(), o)
      await startRefund(q, row, 'admin')
      await recordAudit(q, admin, { action: `after_sale.${event}`, entity: 'after_sale', entityId: id, after: { status: row.status, ...audit } })
    })
    return adminView(id)
  }

  async function onRefundFinished(q: Tx, refund: Refund): Promise<void> {
    const a = await q.maybeOne<{ id: number }>('SELECT id FROM after_sales WHERE refund_id = $1', [refund.id])
    if (a) await transitionIn(q, a.id, 'refunded', 'system', now(), { note: refundNote(refund.amount) })
  }

  async function sweep(): Promise<number> {
    const at = now()
    const due = await db.query<{ id: number; status: AfterSaleStatus }>(
      `SELECT id, status FROM after_sales
       WHERE (status = 'requested' AND status_at <= $1) OR (status = 'awaiting_return' AND status_at <= $2)
          OR (status = 'refunding' AND refund_id IS NULL AND NOT refund_reserved AND refund_failure IS NULL)
       ORDER BY status_at, id LIMIT 200`,
      [new Date(at.getTime() - policy.answerDays * DAY_MS), new Date(at.getTime() - policy.returnDays * DAY_MS)],
    )
    return eachIsolated(
      due.rows,
      async ({ id, status }) => {
        if (status === 'refunding') return askPayAfterUse(id)
        return db.tx(async (q) => {
          if (status === 'requested') {
            const row = await transitionIn(q, id, 'approve', 'system', at, { note: `商家 ${policy.answerDays} 天内未处理，系统自动同意` })
            if (row) await startRefund(q, row, 'system')
            return !!row
          }
          return !!(await transitionIn(q, id, 'return_timeout', 'system', at, { note: `未在 ${policy.returnDays} 天内寄回商品，申请已关闭` }))
        })
      },
      (err, { id }) => background(err, `after-sale ${id} timer`),
    )
  }

  return {
    request,
    get: shopperGet,
    forOrder,
    mine,
    withdraw,
    shipBack,
    notePhoto,
    adminGet: adminView,
    adminList: (f) => listAfterSales(db, f, ctx),
    approve: (admin, id, note) => byAdmin(admin, id, 'approve', { note: note ?? null }),
    refuse: (admin, id, reason) => byAdmin(admin, id, 'refuse', { note: reason, set: { refusal: reason } }, { reason }),
    received: (admin, id, note) => byAdmin(admin, id, 'receive', { note: note ?? null }),
    resend: (admin, id, s) => {
      const at = now()
      return byAdmin(admin, id, 'resend', { note: `${carrierName(carrierCode(s.carrier))} ${s.trackingNo}`, set: { resend_carrier: s.carrier, resend_tracking_no: s.trackingNo, resent_at: at } }, s)
    },
    onRefundFinished,
    sweep,
    settled: (orderId, at = now()) => afterSalesSettled(db, orderId, at, policy.windowDays),
  }
}
