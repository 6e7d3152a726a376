import { eachIsolated } from '../../lib/each-isolated'
import type { CreditStart, PayAfterUseInfo, Refund, RefundInput } from '../../../src/domain/contract'
import { statusesAllowing, type OrderActor } from '../../../src/domain/order-state'
import { planRefund } from '../../../src/domain/refund'
import { collectAt, PAY_AFTER_USE_DAYS, payAfterUseMachine } from '../../../src/domain/credit'
import type { Queryable, Tx } from '../../db'
import { AppError, conflict, notFound } from '../../lib/errors'
import { firstShippedAt, lockForRefund, orderCreditRef, orderSummary, recordRefund, refuseEndedMemberPrice, setPayAfterUse } from '../orders'
import { CHANNEL_OF, payerOf, providerById, requestOf, type CreditCtx } from './context'
import { ProviderError } from '../../platforms/types'
import { addLedger, enqueueCredit, insertCreditOrder, move, type CreditRow } from './store'

/** Pay after use (先享后付): the credit side of a shop order whose payment mode is pay_after_use. */
export function payAfterUseService(ctx: CreditCtx) {
  const { db, now } = ctx

  async function eligibility(userId: number): Promise<{ available: boolean; reason: string | null }> {
    const { provider } = await payerOf(ctx, userId).catch(() => ({ provider: null }))
    if (!provider) return { available: false, reason: '当前平台暂不支持先享后付' }
    // Real platforms decide at their confirm (Sesame / Pay Score can't be asked offline): offered, and the confirm may deny.
    if (provider.sandbox && ctx.providers.sandbox?.refusedUsers.has(userId)) return { available: false, reason: '信用评估未通过，暂不支持先享后付' }
    return { available: true, reason: null }
  }

  /** Right after the order is created: its credit order (once per order) and the order's payment mode. The key's '#' is outside what shoppers may send, so it can't meet a rental's key. */
  async function attach(userId: number, orderId: number): Promise<void> {
    const o = await orderCreditRef(db, orderId, userId)
    if (!o) throw new Error(`order ${orderId} of user ${userId} not found`)
    if (o.creditOrderId) return
    const { provider } = await payerOf(ctx, userId)
    await db.tx(async (q) => {
      const c = await insertCreditOrder(q, { kind: 'pay_after_use', userId, state: 'created', provider: provider.id, channel: CHANNEL_OF[provider.id], prefix: 'PU', key: `order#${orderId}`, amount: o.total, terms: {}, orderId, at: now() })
      if (c) await setPayAfterUse(q, orderId, c.id)
    })
  }

  async function rowFor(orderId: number): Promise<CreditRow | null> {
    return db.maybeOne<CreditRow>("SELECT * FROM credit_orders WHERE order_id = $1 AND kind = 'pay_after_use'", [orderId])
  }

  async function info(orderId: number): Promise<PayAfterUseInfo | undefined> {
    const c = await rowFor(orderId)
    if (!c) return undefined
    const shipped = await firstShippedAt(db, orderId)
    return { state: c.state as PayAfterUseInfo['state'], amount: c.amount, collectAt: shipped ? collectAt(shipped) : null, charged: c.charged }
  }

  async function start(userId: number, orderId: number): Promise<CreditStart<PayAfterUseInfo>> {
    const o = await orderSummary(db, orderId, userId)
    if (!o) throw notFound('订单', 'ORDER_NOT_FOUND')
    const c = await rowFor(orderId)
    if (!c) throw conflict('NOT_PAY_AFTER_USE', '该订单未选择先享后付')
    if (c.state !== 'created' || o.status !== 'created') throw conflict('INVALID_STATE', '该订单的先享后付已确认或已结束')
    // Like a payment: an order priced as a member can't start once the membership has ended.
    await refuseEndedMemberPrice(db, userId, orderId, now())
    const { payer, provider } = await payerOf(ctx, userId)
    const req = requestOf(c, '先享后付订单')
    let confirm
    if (c.confirm_ref && provider.id === c.provider) confirm = provider.confirmFor(req, c.confirm_ref, payer)
    else {
      try {
        const created = await provider.create(req, payer)
        await db.query('UPDATE credit_orders SET confirm_ref = $2, updated_at = $3 WHERE id = $1', [c.id, created.confirmRef, now()])
        confirm = created.confirm
      } catch (err) {
        if (err instanceof ProviderError) throw new AppError(502, 'CREDIT_PROVIDER_ERROR', '信用服务暂时无法下单，请稍后再试')
        throw err
      }
    }
    return { credit: (await info(orderId)) as PayAfterUseInfo, confirm }
  }

  /** The confirm: the shop order becomes paid (ship it) in the same transaction. */
  async function confirmed(q: Tx, c: CreditRow, platformId: string | undefined, at: Date): Promise<'applied' | 'duplicate'> {
    const moved = await move(q, payAfterUseMachine, c.id, 'confirm', 'platform', at, 'agreement_no = COALESCE($4, agreement_no), confirmed_at = $3', [platformId ?? null])
    if (!moved) return 'duplicate'
    const r = await ctx.orders.transitionIn(q, c.order_id as number, 'pay', 'system', at, { note: '先享后付已确认，待收货后扣款' })
    // The order closed meanwhile: the credit order goes too (nothing was charged).
    if (!r.ok) await move(q, payAfterUseMachine, c.id, 'cancel', 'system', at, 'ended_at = $3')
    return 'applied'
  }

  async function ended(q: Queryable, c: CreditRow, event: 'deny' | 'cancel', at: Date): Promise<'applied' | 'duplicate'> {
    const moved = await move(q, payAfterUseMachine, c.id, event, event === 'deny' ? 'platform' : 'system', at, 'ended_at = $3')
    return moved ? 'applied' : 'duplicate'
  }

  /** The shop order ended unpaid (cancelled, closed): its credit order is cancelled here and on the platform. */
  async function orderEnded(orderId: number): Promise<void> {
    const c = await rowFor(orderId)
    if (!c) return
    const moved = await db.tx((q) => move(q, payAfterUseMachine, c.id, 'cancel', 'system', now(), 'ended_at = $3'))
    if (moved) void providerById(ctx, c.provider).cancel({ kind: c.kind, outOrderNo: c.out_order_no, platformId: c.agreement_no, authorized: c.amount }).catch((err: unknown) => ctx.background(err, `cancelling ${c.out_order_no}`))
  }

  /** Confirm receipt (shopper) or the timer: collect the order's amount. */
  async function collect(orderId: number, actor: 'shopper' | 'system'): Promise<void> {
    const c = await rowFor(orderId)
    if (!c) return
    await move(db, payAfterUseMachine, c.id, 'collect', actor, now())
    await charge(c.id)
  }

  async function charge(id: number): Promise<void> {
    const c = await db.maybeOne<CreditRow>('SELECT * FROM credit_orders WHERE id = $1', [id])
    if (!c || c.state !== 'charging') return
    await db.query('UPDATE credit_orders SET charge_requested_at = $2 WHERE id = $1', [id, now()])
    const answer = await providerById(ctx, c.provider)
      .charge({ kind: c.kind, outOrderNo: c.out_order_no, platformId: c.agreement_no ?? c.auth_no, authorized: c.amount, charge: c.amount, outRequestNo: `${c.out_order_no}C`, description: '先享后付订单扣款' })
      .catch((err: unknown) => {
        ctx.background(err, `collecting ${c.out_order_no}`)
        return null
      })
    if (answer?.state === 'done') await db.tx((q) => charged(q, c, c.amount, now()))
  }

  async function charged(q: Queryable, c: CreditRow, amount: number, at: Date): Promise<'applied' | 'duplicate' | 'mismatch'> {
    if (amount !== c.amount) return 'mismatch'
    const moved = await move(q, payAfterUseMachine, c.id, 'charged', 'platform', at, 'charged = $4, ended_at = $3', [amount])
    if (!moved) return 'duplicate'
    await addLedger(q, c.id, [{ kind: 'charge', amount }], `${c.out_order_no}C`, at)
    await enqueueCredit(q, c, 'credit_charged', at)
    return 'applied'
  }

  /**
   * Admin refund of a pay-after-use order (payments' refunds.ts hands it here: there is no
   * payment row). Collected (charging / charged): the money went through Pay Score / Sesame
   * and the credit facet has no refund call, so it is refused with 409 CREDIT_REFUND_UNSUPPORTED
   * saying where to refund; nothing changes here. Not collected yet (confirmed): nothing was
   * taken, so the "refund" cancels the credit order's charge (here and on the platform) and the
   * order goes refunding -> refunded at once, its units back in stock, in one transaction. Only
   * the whole order: a partial charge isn't something the credit order can be told.
   */
  async function refund(orderId: number, input: RefundInput, actor: OrderActor): Promise<Refund> {
    const c = await rowFor(orderId)
    if (!c) throw conflict('NOT_PAID', '订单没有可退的付款')
    if (c.state === 'charging' || c.state === 'charged')
      throw conflict('CREDIT_REFUND_UNSUPPORTED', '该先享后付订单已通过信用服务（微信支付分/芝麻信用）扣款，信用服务不支持由本店原路退款，请在支付平台商户后台对该笔扣款退款')
    if (c.state !== 'confirmed') throw conflict('INVALID_STATE', '只有已付款的订单可以退款')
    const at = now()
    const result = await db.tx(async (q) => {
      const o = await lockForRefund(q, orderId)
      if (!o) throw notFound('订单', 'ORDER_NOT_FOUND')
      if (!(statusesAllowing('refund') as readonly string[]).includes(o.status)) throw conflict('INVALID_STATE', '只有已付款的订单可以退款')
      const plan = planRefund({ total: o.total, subtotal: o.subtotal, discount: o.discount, refundedAmount: o.refundedTotal, lines: o.lines }, input.lines ?? 'all')
      if (!plan.ok) throw new AppError(plan.code === 'NOTHING_TO_REFUND' ? 409 : 400, plan.code, plan.message)
      if (!plan.closesOrder) throw conflict('PAY_AFTER_USE_WHOLE_ONLY', '先享后付订单尚未扣款，只能整单退款（取消扣款）')
      // Conditional: a collect that got there first wins, and this answers 409 (nothing taken back twice).
      const moved = await move(q, payAfterUseMachine, c.id, 'cancel', 'admin', at, 'ended_at = $3')
      if (!moved) throw conflict('INVALID_STATE', '该先享后付订单正在扣款，请稍后再试')
      await recordRefund(q, orderId, plan.lines, plan.amount)
      const note = `先享后付未扣款，已取消扣款 ¥${(plan.amount / 100).toFixed(2)}`
      if (!(await ctx.orders.transitionIn(q, orderId, 'refund', actor, at, { note: input.reason })).ok) throw conflict('INVALID_STATE', '只有已付款的订单可以退款')
      await ctx.orders.transitionIn(q, orderId, 'refunded', 'system', at, { note })
      if ((input.restock ?? true) && plan.lines.length > 0) await ctx.inventory.release(q, plan.lines, { reason: 'refund', orderId, creditOrderId: c.id })
      return plan
    })
    void providerById(ctx, c.provider)
      .cancel({ kind: c.kind, outOrderNo: c.out_order_no, platformId: c.agreement_no, authorized: c.amount })
      .catch((err: unknown) => ctx.background(err, `cancelling ${c.out_order_no} for a refund`))
    return {
      id: 0,
      orderId,
      outRefundNo: c.out_order_no,
      amount: result.amount,
      kind: 'order',
      status: 'succeeded',
      reason: input.reason,
      lines: result.lines,
      restock: input.restock ?? true,
      failure: null,
      createdAt: at.toISOString(),
      succeededAt: at.toISOString(),
    }
  }

  /** Shipped PAY_AFTER_USE_DAYS ago and not confirmed: collected anyway. */
  async function sweep(onError: (err: unknown, what: string) => void): Promise<number> {
    const due = await db.query<{ order_id: number }>(
      `SELECT c.order_id FROM credit_orders c JOIN orders o ON o.id = c.order_id
       WHERE c.kind = 'pay_after_use' AND c.state = 'confirmed' AND o.status IN ('shipped', 'completed')
         AND EXISTS (SELECT 1 FROM order_events e WHERE e.order_id = o.id AND e.status = 'shipped' AND e.at <= $1)
       ORDER BY c.id LIMIT 200`,
      [new Date(now().getTime() - PAY_AFTER_USE_DAYS * 86_400_000)],
    )
    return eachIsolated(due.rows, async (r) => (await collect(r.order_id, 'system'), true), (err, r) => onError(err, `collecting pay-after-use order ${r.order_id}`))
  }

  return { eligibility, attach, info, start, confirmed, ended, orderEnded, refund, collect, charge, charged, sweep }
}

export type PayAfterUseService = ReturnType<typeof payAfterUseService>
