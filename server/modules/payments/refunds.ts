import { eachIsolated } from '../../lib/each-isolated'
import type { Refund, RefundInput } from '../../../src/domain/contract'
import { planRefund, type RefundableOrder } from '../../../src/domain/refund'
import { statusesAllowing, type OrderActor } from '../../../src/domain/order-state'
import type { Db, Queryable, Tx } from '../../db'
import { AppError, conflict, notFound } from '../../lib/errors'
import type { Inventory } from '../inventory'
import { lockForRefund, lockOrder, orderSummary, paymentModeOf, recordRefund, type OrderSummary } from '../orders'
import type { OrderService } from '../orders'
import { ProviderError, type PayFacet, type PayFacets, type ProviderId, type RefundAnswer, type RefundEvent, type RefundOrder } from '../../platforms/types'

/**
 * Refunds: the merchant refunds lines of a paid order (admin), and money that arrives for an
 * order that can no longer take it goes back on its own. A refund row is written first (in
 * the transaction that reserves its units), then the platform is asked with its
 * out_refund_no; asking again with the same number never refunds twice, so a refund that
 * could not be confirmed is simply asked again (reconcile, admin retry). The platform's
 * answer or its verified notify finishes it once: stock back, and the order refunded when
 * nothing paid is left.
 */
export type RefundNotifyOutcome = 'refunded' | 'duplicate' | 'refund_failed' | 'unknown_refund' | 'mismatch'

export interface RefundService {
  /** Admin: plan, reserve and submit a refund of lines (or of everything left). */
  request(orderId: number, input: RefundInput, actor: OrderActor): Promise<Refund>
  /**
   * Plans and reserves a refund of a pay-now order inside the caller's transaction (the order
   * row locked); returns its id, to `submit` after the commit. The caller's own change (an
   * after-sale moving to refunding) commits with the reservation or not at all: exactly once.
   */
  requestIn(q: Tx, orderId: number, input: RefundInput, actor: OrderActor): Promise<number>
  /** Inside a settle transaction: money for an order that can't take it goes back (returns the refund id to submit after commit). */
  reserveUnpayable(q: Tx, paymentId: number, reason: string): Promise<number>
  /** Asks the platform (again) for a refund that is not finished. */
  submit(refundId: number): Promise<Refund>
  handleNotify(owner: PayFacet, e: RefundEvent): Promise<RefundNotifyOutcome>
  /** Asks again for refunds pending longer than `olderThanMs` (a lost notify, an outage). Returns how many finished. */
  reconcile(olderThanMs: number): Promise<number>
  get(refundId: number): Promise<Refund | null>
  list(q: { status?: Refund['status']; orderId?: number; page: number; pageSize: number }): Promise<{ items: Refund[]; total: number; page: number; pageSize: number }>
}

interface RefundRow {
  id: number
  order_id: number
  payment_id: number
  out_refund_no: string
  amount: number
  kind: Refund['kind']
  lines: Refund['lines']
  restock: boolean
  closes_order: boolean
  reason: string
  status: Refund['status']
  failure: string | null
  platform_refund_id: string | null
  created_at: Date | string
  updated_at: Date | string
  succeeded_at: Date | string | null
}

function view(r: RefundRow): Refund {
  return {
    id: r.id,
    orderId: r.order_id,
    outRefundNo: r.out_refund_no,
    amount: r.amount,
    kind: r.kind,
    status: r.status,
    reason: r.reason,
    lines: typeof r.lines === 'string' ? JSON.parse(r.lines) : r.lines,
    restock: r.restock,
    failure: r.failure,
    createdAt: new Date(r.created_at).toISOString(),
    succeededAt: r.succeeded_at ? new Date(r.succeeded_at).toISOString() : null,
  }
}

const REFUNDABLE = statusesAllowing('refund')

export interface RefundDeps {
  orders: Pick<OrderService, 'transitionIn'>
  inventory: Inventory
  onBackgroundError?: (err: unknown, what: string) => void
  /**
   * A pay-after-use order has no payment here: its money (if any) went through the credit
   * platform, so its refund is the credit module's (credit/pay-after-use.ts refund).
   */
  payAfterUseRefund?: (orderId: number, input: RefundInput, actor: OrderActor) => Promise<Refund>
  /** Inside finish()'s transaction, once per refund that succeeded (after-sales moves its request to refunded). */
  onFinished?: (q: Tx, refund: Refund) => Promise<void>
}

export function refundService(db: Db, providers: PayFacets, now: () => Date, deps: RefundDeps): RefundService {
  const { orders, inventory } = deps
  const background = deps.onBackgroundError ?? (() => {})

  async function row(refundId: number, q: Queryable = db): Promise<RefundRow | null> {
    return q.maybeOne<RefundRow>('SELECT * FROM refunds WHERE id = $1', [refundId])
  }

  /** The next out_refund_no of an order: its order number, R, a two-digit sequence. Call with the order row locked. */
  async function nextRefundNo(q: Queryable, orderId: number, orderNo: string): Promise<string> {
    const r = await q.one<{ n: number }>('SELECT count(*)::int + 1 AS n FROM refunds WHERE order_id = $1', [orderId])
    return `${orderNo}R${String(r.n).padStart(2, '0')}`
  }

  async function request(orderId: number, input: RefundInput, actor: OrderActor): Promise<Refund> {
    // Paid after use: no payments row (the lookup below answered NOT_PAID for every such order).
    if (deps.payAfterUseRefund && (await paymentModeOf(db, orderId)) === 'pay_after_use') return deps.payAfterUseRefund(orderId, input, actor)
    const id = await db.tx((q) => requestIn(q, orderId, input, actor))
    return submit(id)
  }

  async function requestIn(q: Tx, orderId: number, input: RefundInput, actor: OrderActor): Promise<number> {
    const at = now()
    const o = await lockForRefund(q, orderId)
    if (!o) throw notFound('订单', 'ORDER_NOT_FOUND')
    if (!(REFUNDABLE as readonly string[]).includes(o.status)) throw conflict('INVALID_STATE', '只有已付款的订单可以退款')
    const pay = await q.maybeOne<{ id: number }>("SELECT id FROM payments WHERE order_id = $1 AND status = 'paid' ORDER BY id LIMIT 1", [orderId])
    if (!pay) throw conflict('NOT_PAID', '订单没有可退的付款')
    const refundable: RefundableOrder = {
      total: o.total,
      subtotal: o.subtotal,
      discount: o.discount,
      refundedAmount: o.refundedTotal,
      // Each line's stored share of the discounts (the engine's split when it was priced): a
      // refunded line gives back what was paid for it, not a re-split of the order discount.
      lines: o.lines,
    }
    const plan = planRefund(refundable, input.lines ?? 'all')
    if (!plan.ok) throw new AppError(plan.code === 'NOTHING_TO_REFUND' ? 409 : 400, plan.code, plan.message)
    // A caller's smaller fair amount (plans): the lines' units still go back; the money is the caller's.
    if (input.amount !== undefined) {
      if (!Number.isInteger(input.amount) || input.amount < 1 || input.amount > plan.amount) throw new AppError(400, 'BAD_AMOUNT', '退款金额超出可退范围')
      plan.amount = input.amount
    }

    await recordRefund(q, orderId, plan.lines, plan.amount)
    if (plan.closesOrder) {
      const t = await orders.transitionIn(q, orderId, 'refund', actor, at, { note: input.reason })
      if (!t.ok) throw conflict('INVALID_STATE', '只有已付款的订单可以退款')
    }
    const r = await q.one<{ id: number }>(
      `INSERT INTO refunds (order_id, payment_id, out_refund_no, amount, kind, lines, restock, closes_order, reason, created_at, updated_at)
       VALUES ($1, $2, $3, $4, 'order', $5, $6, $7, $8, $9, $9) RETURNING id`,
      [orderId, pay.id, await nextRefundNo(q, orderId, o.orderNo), plan.amount, JSON.stringify(plan.lines), input.restock ?? true, plan.closesOrder, input.reason, at],
    )
    return r.id
  }

  async function reserveUnpayable(q: Tx, paymentId: number, reason: string): Promise<number> {
    const pay = await q.one<{ order_id: number; amount: number }>('SELECT order_id, amount FROM payments WHERE id = $1', [paymentId])
    // The order row is locked while the refund number is counted (two late payments at once).
    await lockOrder(q, pay.order_id)
    const o = (await orderSummary(q, pay.order_id)) as OrderSummary
    const at = now()
    const r = await q.one<{ id: number }>(
      `INSERT INTO refunds (order_id, payment_id, out_refund_no, amount, kind, lines, restock, closes_order, reason, created_at, updated_at)
       VALUES ($1, $2, $3, $4, 'unpayable', '[]', false, false, $5, $6, $6) RETURNING id`,
      [pay.order_id, paymentId, await nextRefundNo(q, pay.order_id, o.orderNo), pay.amount, reason, at],
    )
    return r.id
  }

  function providerOf(id: ProviderId): PayFacet {
    const p = providers.byId[id]
    if (!p) throw new AppError(503, 'PLATFORM_NOT_CONFIGURED', '该支付方式尚未配置，无法退款')
    return p
  }

  async function refundOrder(r: RefundRow): Promise<{ provider: PayFacet; order: RefundOrder }> {
    const pay = await db.one<{ provider: ProviderId; out_trade_no: string; platform_trade_id: string | null; amount: number }>(
      'SELECT provider, out_trade_no, platform_trade_id, amount FROM payments WHERE id = $1',
      [r.payment_id],
    )
    return {
      provider: providerOf(pay.provider),
      order: { outTradeNo: pay.out_trade_no, tradeId: pay.platform_trade_id, outRefundNo: r.out_refund_no, total: pay.amount, amount: r.amount, reason: r.reason },
    }
  }

  /**
   * Finishes a refund once: a conditional UPDATE that only one of any number of answers,
   * notifies and queries wins; the stock and the order change in the same transaction.
   */
  async function finish(refundId: number, platformRefundId: string | undefined): Promise<boolean> {
    const done = await db.tx(async (q) => {
      const at = now()
      const r = await q.maybeOne<RefundRow>(
        `UPDATE refunds SET status = 'succeeded', failure = NULL, platform_refund_id = COALESCE($2, platform_refund_id), succeeded_at = $3, updated_at = $3
         WHERE id = $1 AND status <> 'succeeded' RETURNING *`,
        [refundId, platformRefundId || null, at],
      )
      if (!r) return false
      const lines = view(r).lines
      // Inventory takes the SKU rows in id order, like order creation, so the two can't deadlock.
      if (r.restock && lines.length > 0) await inventory.release(q, lines, { reason: 'refund', orderId: r.order_id, refundId: r.id })
      if (r.closes_order) await orders.transitionIn(q, r.order_id, 'refunded', 'system', at, { note: `退款 ¥${(r.amount / 100).toFixed(2)} 已原路退回` })
      if (deps.onFinished) await deps.onFinished(q, view(r))
      return true
    })
    return done
  }

  async function fail(refundId: number, message: string): Promise<void> {
    await db.query("UPDATE refunds SET status = 'failed', failure = $2, updated_at = $3 WHERE id = $1 AND status = 'pending'", [refundId, message.slice(0, 500), now()])
  }

  async function apply(r: RefundRow, answer: RefundAnswer): Promise<void> {
    if (answer.state === 'succeeded') await finish(r.id, answer.refundId)
    else if (answer.state === 'failed') await fail(r.id, answer.message ?? '支付平台拒绝退款')
    else
      await db.query("UPDATE refunds SET platform_refund_id = COALESCE($2, platform_refund_id), failure = $3, updated_at = $4 WHERE id = $1 AND status = 'pending'", [
        r.id,
        answer.refundId ?? null,
        answer.message ?? null,
        now(),
      ])
  }

  async function submit(refundId: number): Promise<Refund> {
    const r = await row(refundId)
    if (!r) throw notFound('退款', 'REFUND_NOT_FOUND')
    if (r.status === 'succeeded') return view(r)
    // A failed refund is asked again with the same number: back to pending while it is.
    if (r.status === 'failed') await db.query("UPDATE refunds SET status = 'pending', updated_at = $2 WHERE id = $1 AND status = 'failed'", [r.id, now()])
    const { provider, order } = await refundOrder(r)
    try {
      await apply(r, await provider.refund(order))
    } catch (err) {
      if (!(err instanceof ProviderError)) throw err
      // Unknown whether it reached the platform: stays pending, and reconcile asks again with the same number.
      await db.query('UPDATE refunds SET failure = $2, updated_at = $3 WHERE id = $1 AND status = $4', [r.id, '支付平台暂时无法连接，将自动重试', now(), 'pending'])
    }
    return view((await row(refundId)) as RefundRow)
  }

  async function handleNotify(owner: PayFacet, e: RefundEvent): Promise<RefundNotifyOutcome> {
    const r = await db.maybeOne<RefundRow & { out_trade_no: string; provider: ProviderId }>(
      'SELECT r.*, p.out_trade_no, p.provider FROM refunds r JOIN payments p ON p.id = r.payment_id WHERE r.out_refund_no = $1',
      [e.outRefundNo],
    )
    if (!r || r.out_trade_no !== e.outTradeNo) return 'unknown_refund'
    const payer = providers.byId[r.provider] ?? owner
    if (payer.merchantId && e.merchantId !== null && e.merchantId !== payer.merchantId) return 'mismatch'
    if (e.appId !== null && e.appId !== payer.appId) return 'mismatch'
    if (e.amount !== null && e.amount !== r.amount) return 'mismatch'
    if (e.state === 'failed') {
      await fail(r.id, '退款异常或已关闭：买家账户无法入账，请在商户平台处理后重试')
      return 'refund_failed'
    }
    return (await finish(r.id, e.refundId)) ? 'refunded' : 'duplicate'
  }

  async function reconcile(olderThanMs: number): Promise<number> {
    // Longest-waiting first, and a refund that throws is stamped and reported, not retried ahead
    // of the rest: one broken refund can neither stop nor starve the ones after it.
    const due = await db.query<{ id: number }>("SELECT id FROM refunds WHERE status = 'pending' AND updated_at <= $1 ORDER BY updated_at, id LIMIT 100", [new Date(now().getTime() - olderThanMs)])
    return eachIsolated(
      due.rows,
      async ({ id }) => (await submit(id)).status === 'succeeded',
      (err, { id }) => {
        background(err, `reconciling refund ${id}`)
        void db.query("UPDATE refunds SET updated_at = $2 WHERE id = $1 AND status = 'pending'", [id, now()]).catch(() => {})
      },
    )
  }

  async function get(refundId: number): Promise<Refund | null> {
    const r = await row(refundId)
    return r ? view(r) : null
  }

  async function list(q: { status?: Refund['status']; orderId?: number; page: number; pageSize: number }) {
    const where: string[] = []
    const params: unknown[] = []
    if (q.status) where.push(`status = $${params.push(q.status)}`)
    if (q.orderId !== undefined) where.push(`order_id = $${params.push(q.orderId)}`)
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : ''
    const [rows, count] = await Promise.all([
      db.query<RefundRow>(`SELECT * FROM refunds ${whereSql} ORDER BY id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`, [...params, q.pageSize, (q.page - 1) * q.pageSize]),
      db.one<{ total: number }>(`SELECT count(*)::int AS total FROM refunds ${whereSql}`, params),
    ])
    return { items: rows.rows.map(view), total: count.total, page: q.page, pageSize: q.pageSize }
  }

  return { request, requestIn, reserveUnpayable, submit, handleNotify, reconcile, get, list }
}
