import type { PaymentAttempt, PaymentState } from '../../../src/domain/contract'
import type { Db, Queryable, Tx } from '../../db'
import { AppError, conflict, notFound } from '../../lib/errors'
import { iso } from '../../lib/rows'
import type { Inventory } from '../inventory'
import { auditFields, listNotifyAudit, PRUNE_BATCH, PRUNE_BATCHES_PER_SWEEP, type NotifyAuditEntry } from '../../lib/notify-audit'
import { lockOrder, orderSummary, refuseEndedMemberPrice } from '../orders'
import type { OrderService } from '../orders'
import { ProviderError, type ClientParams, type PayFacet, type PayFacets, type PayOrder, type Payer, type ProviderId, type RawNotify } from '../../platforms/types'
import { refundService, type RefundDeps, type RefundNotifyOutcome, type RefundService } from './refunds'

export type NotifyOutcome = 'paid' | 'duplicate' | 'bad_signature' | 'bad_format' | 'unknown_order' | 'mismatch' | 'not_success' | 'unpayable' | 'wrong_channel' | RefundNotifyOutcome

export interface NotifyResult {
  /** Whether the platform should hear "received" (no resend). */
  accepted: boolean
  outcome: NotifyOutcome
  message: string
}


export interface PaymentService {
  providers: PayFacets
  refunds: RefundService
  /** Client parameters for paying the shopper's order (a new attempt or the pending one again). */
  pay(userId: number, orderId: number): Promise<{ provider: ProviderId; outTradeNo: string; params: ClientParams }>
  /** Verifies, checks and applies one notify; every notify is kept in payment_notifies. */
  handleNotify(channel: 'wechat' | 'alipay', raw: RawNotify): Promise<NotifyResult>
  /** The confirmed state; asks the provider when the latest attempt is still pending. */
  state(userId: number, orderId: number): Promise<PaymentState>
  /**
   * The order ended unpaid (cancelled, closed): its pending attempts are closed here and on
   * the platform, so the shopper can't pay a dead order. Money that still arrives is refunded.
   */
  closeAttempts(orderId: number): Promise<void>
  /** Deletes unverified notify audit rows older than this (bounded batches); returns how many. */
  pruneNotifies(olderThanMs: number): Promise<number>
  /** Admin: an order's payment attempts, oldest first. */
  attempts(orderId: number): Promise<AdminPaymentAttempt[]>
  /** Admin: the notify audit rows, newest first (`limit` rows after `offset`), and how many match. */
  notifies(q: { verified?: boolean; limit: number; offset: number }): Promise<{ items: NotifyAuditEntry[]; total: number }>
}

export interface AdminPaymentAttempt {
  id: number
  provider: ProviderId
  outTradeNo: string
  amount: number
  status: PaymentAttempt['status']
  platformTradeId: string | null
  createdAt: string
  paidAt: string | null
}

declare module 'fastify' {
  interface FastifyInstance {
    payments: PaymentService
  }
}

interface PaymentRow {
  id: number
  order_id: number
  provider: ProviderId
  out_trade_no: string
  amount: number
  status: PaymentAttempt['status']
  platform_ref: string | null
  paid_at: Date | string | null
}

const PROVIDER_FOR: Record<Payer['platform'], ProviderId> = { weapp: 'wechat', alipay: 'alipay', h5: 'sandbox' }

/** Which providers' payments a channel's notify may settle (the H5 cashier notifies in WeChat's format). */
const CHANNEL_SETTLES: Record<'wechat' | 'alipay', ProviderId[]> = { wechat: ['wechat', 'sandbox'], alipay: ['alipay'] }

export interface PaymentHooks {
  /** The orders module: the only one that changes an order's status (settle marks it paid through it). */
  orders: Pick<OrderService, 'transitionIn'>
  /** Refunds put units back through inventory. */
  inventory: Inventory
  /** Something went wrong that no caller waits for (closing a trade, a refund after a late payment). */
  onBackgroundError?: (err: unknown, what: string) => void
  /** Refunds of pay-after-use orders (the credit module's; see refunds.ts). */
  payAfterUseRefund?: RefundDeps['payAfterUseRefund']
  /** In the transaction that finishes a refund (after-sales moves its request to refunded). */
  onRefundFinished?: RefundDeps['onFinished']
}

export function paymentService(db: Db, providers: PayFacets, now: () => Date, hooks: PaymentHooks): PaymentService {
  const refunds = refundService(db, providers, now, { orders: hooks.orders, inventory: hooks.inventory, onBackgroundError: hooks.onBackgroundError, payAfterUseRefund: hooks.payAfterUseRefund, onFinished: hooks.onRefundFinished })
  const background = hooks.onBackgroundError ?? (() => {})

  function provider(id: ProviderId): PayFacet {
    const p = providers.byId[id]
    if (!p) throw new AppError(503, 'PLATFORM_NOT_CONFIGURED', id === 'sandbox' ? '网页版只能在沙箱模式下付款' : '该支付方式尚未配置')
    return p
  }

  async function ownOrder(userId: number, orderId: number) {
    const o = await orderSummary(db, orderId, userId)
    if (!o) throw notFound('订单', 'ORDER_NOT_FOUND')
    return o
  }

  async function pay(userId: number, orderId: number) {
    const o = await ownOrder(userId, orderId)
    if (o.status !== 'created') throw conflict('INVALID_STATE', '订单当前状态不能付款')
    const user = await db.one<{ platform: Payer['platform']; external_id: string; open_id: string | null }>('SELECT platform, external_id, open_id FROM users WHERE id = $1', [userId])
    const payer: Payer = { platform: user.platform, externalId: user.external_id, openId: user.open_id }
    const id = PROVIDER_FOR[payer.platform]
    const p = provider(id)
    const description = o.title ? (o.lines > 1 ? `${o.title} 等${o.lines}件商品` : o.title) : `订单 ${o.orderNo}`

    // Lookup-or-create under the order lock: concurrent taps (two servers, a double tap) wait
    // here one after another, so the second finds the first's attempt instead of opening a
    // second live one. A pending attempt without a platform_ref yet (its platform call still
    // in flight, or a crash before it) is reused too: both platforms answer the same
    // prepay_id / trade_no for the same out_trade_no, so the platform call stays outside the
    // transaction and nobody holds the lock (or, on PGlite, the database) across the network.
    const attempt = await db.tx(async (q) => {
      await lockOrder(q, orderId)
      // Checked again under the lock: the order may have closed or been paid meanwhile.
      const status = (await orderSummary(q, orderId, userId))?.status
      if (status !== 'created') throw conflict('INVALID_STATE', '订单当前状态不能付款')
      // An order priced as a member can't start a payment once the membership has ended (members/repository.ts).
      await refuseEndedMemberPrice(q, userId, orderId, now())
      const pending = await q.maybeOne<PaymentRow>(
        "SELECT * FROM payments WHERE order_id = $1 AND provider = $2 AND amount = $3 AND status = 'pending' ORDER BY id DESC LIMIT 1",
        [orderId, id, o.total],
      )
      if (pending) return pending
      return q.one<PaymentRow>(
        `INSERT INTO payments (order_id, provider, out_trade_no, amount, created_at, updated_at)
         SELECT $1, $2, $3 || lpad((count(*) + 1)::text, 2, '0'), $4, $5, $5 FROM payments WHERE order_id = $1
         RETURNING *`,
        [orderId, id, `${o.orderNo}P`, o.total, now()],
      )
    })
    const po: PayOrder = { orderId, orderNo: o.orderNo, outTradeNo: attempt.out_trade_no, amount: o.total, description }
    if (attempt.platform_ref) return { provider: id, outTradeNo: attempt.out_trade_no, params: p.paramsFor(po, attempt.platform_ref, payer) }
    try {
      const created = await p.createPayment(po, payer)
      // The first answer is kept; a concurrent tap's (the same platform order) answers from it.
      const kept = await db.one<{ platform_ref: string }>('UPDATE payments SET platform_ref = COALESCE(platform_ref, $2), updated_at = $3 WHERE id = $1 RETURNING platform_ref', [
        attempt.id,
        created.platformRef,
        now(),
      ])
      const params = kept.platform_ref === created.platformRef ? created.params : p.paramsFor(po, kept.platform_ref, payer)
      return { provider: id, outTradeNo: attempt.out_trade_no, params }
    } catch (err) {
      // Closed only if no concurrent tap got the platform order for it.
      await db.query("UPDATE payments SET status = 'closed', updated_at = $2 WHERE id = $1 AND status = 'pending' AND platform_ref IS NULL", [attempt.id, now()])
      if (err instanceof ProviderError) throw new AppError(502, 'PAYMENT_PROVIDER_ERROR', '支付平台暂时无法下单，请稍后再试')
      throw err
    }
  }

  type SettleOutcome = 'paid' | 'duplicate' | 'unpayable'

  /**
   * One conditional UPDATE per attempt: of any number of notifies and queries for the same
   * trade only the first finds it unpaid; the order transition runs in the same transaction.
   * `audit` writes the notify's audit row in that transaction too: one commit per notify
   * instead of two (on PostgreSQL each commit waits for the log to reach the disk).
   */
  async function settle(
    paymentId: number,
    tradeId: string,
    audit?: (q: Queryable, outcome: SettleOutcome) => Promise<void>,
    claim?: (q: Queryable) => Promise<boolean>,
  ): Promise<SettleOutcome | 'replay'> {
    const result = await db.tx(async (q): Promise<Awaited<ReturnType<typeof settleIn>> | { outcome: 'replay' }> => {
      // A notify id another request holds (or has committed) is a replay: nothing applied.
      if (claim && !(await claim(q))) return { outcome: 'replay' }
      const r = await settleIn(q, paymentId, tradeId)
      await audit?.(q, r.outcome)
      return r
    })
    if (result.outcome === 'unpayable') {
      // Asked after commit; if the platform can't be reached the refund stays pending and reconcile asks again.
      await refunds.submit(result.refundId).catch((err: unknown) => background(err, 'refund of a late payment'))
    }
    return result.outcome
  }

  async function settleIn(q: Tx, paymentId: number, tradeId: string): Promise<{ outcome: 'paid' | 'duplicate' } | { outcome: 'unpayable'; refundId: number }> {
    const at = now()
    const row = await q.maybeOne<{ order_id: number }>(
      "UPDATE payments SET status = 'paid', platform_trade_id = $2, paid_at = $3, updated_at = $3 WHERE id = $1 AND status IN ('pending', 'closed') RETURNING order_id",
      [paymentId, tradeId || null, at],
    )
    if (!row) return { outcome: 'duplicate' }
    const r = await hooks.orders.transitionIn(q, row.order_id, 'pay', 'system', at)
    if (r.ok) return { outcome: 'paid' }
    // Money arrived for an order that can't be paid any more (closed, cancelled, paid by another attempt):
    // flagged, and a refund of all of it is written in the same transaction so it can't be forgotten.
    await q.query("UPDATE payments SET status = 'paid_unpayable' WHERE id = $1", [paymentId])
    const refundId = await refunds.reserveUnpayable(q, paymentId, '订单已关闭或已付款，款项原路退回')
    return { outcome: 'unpayable', refundId }
  }

  /** One audit row; with a notify id, false (and no row) when that id is already recorded. */
  async function record(channel: string, raw: RawNotify, verified: boolean, outTradeNo: string | null, outcome: NotifyOutcome | 'received', q: Queryable = db, notifyId: string | null = null): Promise<number | null> {
    // Unverified notifies keep a hash, length and prefix only (lib/notify-audit.ts).
    const a = auditFields(raw, verified)
    const r = await q.maybeOne<{ id: number }>(
      `INSERT INTO payment_notifies (provider, headers, body, body_sha256, body_length, verified, out_trade_no, outcome, received_at, notify_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (provider, notify_id) WHERE notify_id IS NOT NULL DO NOTHING RETURNING id`,
      [channel, a.headers, a.body, a.bodySha256, a.bodyLength, verified, outTradeNo, outcome, now(), notifyId],
    )
    return r?.id ?? null
  }

  /** Alipay's notify_id (the same on every resend of one notify); WeChat's envelopes are de-duplicated by the effects alone. */
  function notifyIdOf(channel: 'wechat' | 'alipay', raw: RawNotify): string | null {
    if (channel !== 'alipay') return null
    const id = new URLSearchParams(raw.body).get('notify_id')
    return id ? id.slice(0, 128) : null
  }

  /**
   * Audit retention: unverified notifies older than `olderThanMs` are deleted in bounded
   * batches (the sweeper calls this every tick, so a backlog drains over a few ticks);
   * verified ones are the record of money moved and stay.
   */
  async function pruneNotifies(olderThanMs: number): Promise<number> {
    const before = new Date(now().getTime() - olderThanMs)
    let n = 0
    for (let i = 0; i < PRUNE_BATCHES_PER_SWEEP; i++) {
      const r = await db.query(
        'DELETE FROM payment_notifies WHERE id IN (SELECT id FROM payment_notifies WHERE NOT verified AND received_at < $1 ORDER BY received_at LIMIT $2)',
        [before, PRUNE_BATCH],
      )
      n += r.rowCount
      if (r.rowCount < PRUNE_BATCH) break
    }
    return n
  }

  async function handleNotify(channel: 'wechat' | 'alipay', raw: RawNotify): Promise<NotifyResult> {
    const verifier = providers.byId[channel]
    if (!verifier) {
      await record(channel, raw, false, null, 'wrong_channel')
      return { accepted: false, outcome: 'wrong_channel', message: 'channel not configured' }
    }
    const v = verifier.verifyNotify(raw)
    if (!v.ok) {
      await record(channel, raw, false, null, v.reason)
      return { accepted: false, outcome: v.reason, message: v.message }
    }
    const e = v.event
    // A replayed notify (same notify_id as one already received) is recognised here with one
    // index lookup and has no second effect. The effects are idempotent anyway (conditional
    // updates); this only makes a replay cheap and visible. Only received notifies keep their
    // id, so the platform's resend of a refused one is looked at again.
    const notifyId = notifyIdOf(channel, raw)
    const replay = async (): Promise<NotifyResult> => {
      await record(channel, raw, true, e.outTradeNo, 'duplicate')
      return { accepted: true, outcome: 'duplicate', message: 'replayed notify_id' }
    }
    if (notifyId && (await db.maybeOne('SELECT 1 FROM payment_notifies WHERE provider = $1 AND notify_id = $2', [channel, notifyId]))) return replay()
    /** The audit row of a notify handled outside a settle; a replay that raced this one is recorded as a duplicate. */
    const keep = async (accepted: boolean, outcome: NotifyOutcome): Promise<void> => {
      const id = await record(channel, raw, true, e.outTradeNo, outcome, db, accepted ? notifyId : null)
      if (id === null) await record(channel, raw, true, e.outTradeNo, 'duplicate')
    }
    if (e.kind === 'refund') {
      const outcome = await refunds.handleNotify(verifier, e)
      // Refused only when it isn't ours; a refund the platform reports as failed is still received.
      const accepted = outcome !== 'unknown_refund' && outcome !== 'mismatch'
      await keep(accepted, outcome)
      return { accepted, outcome, message: outcome }
    }
    const done = async (accepted: boolean, outcome: NotifyOutcome, message: string): Promise<NotifyResult> => {
      await keep(accepted, outcome)
      return { accepted, outcome, message }
    }
    const pay = await db.maybeOne<PaymentRow>('SELECT * FROM payments WHERE out_trade_no = $1', [e.outTradeNo])
    if (!pay || !CHANNEL_SETTLES[channel].includes(pay.provider)) return done(false, 'unknown_order', 'unknown out_trade_no')
    const owner = providers.byId[pay.provider] ?? verifier
    if (e.appId !== owner.appId) return done(false, 'mismatch', 'appid does not match')
    if (owner.merchantId && e.merchantId !== owner.merchantId) return done(false, 'mismatch', 'merchant does not match')
    if (e.amount !== pay.amount) return done(false, 'mismatch', 'amount does not match')
    // Other states (e.g. Alipay WAIT_BUYER_PAY) are acknowledged and change nothing.
    if (!e.success) return done(true, 'not_success', 'not a success notify')
    if (!notifyId) {
      // Without a claim settle never answers 'replay'.
      const outcome = (await settle(pay.id, e.tradeId, async (q, o) => void (await record(channel, raw, true, e.outTradeNo, o, q)))) as SettleOutcome
      return { accepted: true, outcome, message: outcome }
    }
    // The notify id is claimed in the settle transaction, before the effect: concurrent
    // replays wait on the unique index and find it taken once this one commits; a crash
    // before the commit leaves it unclaimed, so the platform's resend still applies.
    let claimed = 0
    const outcome = await settle(
      pay.id,
      e.tradeId,
      async (q, o) => void (await q.query('UPDATE payment_notifies SET outcome = $2 WHERE id = $1', [claimed, o])),
      async (q) => {
        claimed = (await record(channel, raw, true, e.outTradeNo, 'received', q, notifyId)) ?? 0
        return claimed > 0
      },
    )
    if (outcome === 'replay') return replay()
    return { accepted: true, outcome, message: outcome }
  }

  async function state(userId: number, orderId: number): Promise<PaymentState> {
    let o = await ownOrder(userId, orderId)
    let pay = await db.maybeOne<PaymentRow>('SELECT * FROM payments WHERE order_id = $1 ORDER BY id DESC LIMIT 1', [orderId])
    if (pay && pay.status === 'pending' && pay.platform_ref) {
      const p = providers.byId[pay.provider]
      const answer = p ? await p.queryPayment(pay.out_trade_no).catch(() => null) : null
      // A query's "paid" counts only with the amount we asked for; it settles like a notify, once.
      if (answer?.state === 'paid' && answer.amount === pay.amount) {
        await settle(pay.id, answer.tradeId ?? '')
        o = await ownOrder(userId, orderId)
        pay = await db.one<PaymentRow>('SELECT * FROM payments WHERE id = $1', [pay.id])
      }
    }
    return {
      orderId: o.id,
      orderStatus: o.status,
      payment: pay
        ? { provider: pay.provider, outTradeNo: pay.out_trade_no, amount: pay.amount, status: pay.status, paidAt: pay.paid_at ? new Date(pay.paid_at).toISOString() : null }
        : null,
    }
  }

  async function closeAttempts(orderId: number): Promise<void> {
    const open = await db.query<PaymentRow>(
      "UPDATE payments SET status = 'closed', updated_at = $2 WHERE order_id = $1 AND status = 'pending' RETURNING *",
      [orderId, now()],
    )
    for (const pay of open.rows) {
      if (!pay.platform_ref) continue
      // Best effort, and not waited for: the shopper's cancel doesn't hang on a slow platform.
      // A trade the platform has already paid answers with a notify, which then refunds.
      void providers.byId[pay.provider]
        ?.closePayment(pay.out_trade_no)
        .catch((err: unknown) => background(err, `closing trade ${pay.out_trade_no}`))
    }
  }

  async function attempts(orderId: number): Promise<AdminPaymentAttempt[]> {
    const r = await db.query<{ id: number; provider: ProviderId; out_trade_no: string; amount: number; status: PaymentAttempt['status']; platform_trade_id: string | null; created_at: Date; paid_at: Date | null }>(
      'SELECT id, provider, out_trade_no, amount, status, platform_trade_id, created_at, paid_at FROM payments WHERE order_id = $1 ORDER BY id',
      [orderId],
    )
    return r.rows.map((p) => ({
      id: p.id,
      provider: p.provider,
      outTradeNo: p.out_trade_no,
      amount: p.amount,
      status: p.status,
      platformTradeId: p.platform_trade_id,
      createdAt: iso(p.created_at),
      paidAt: iso(p.paid_at),
    }))
  }

  const notifies = (q: { verified?: boolean; limit: number; offset: number }) => listNotifyAudit(db, 'payment', q)

  // The sandbox's own notifies (refund results) go through the same handler as a platform's.
  if (providers.sandbox) providers.sandbox.deliver = (channel, raw) => handleNotify(channel, raw)

  return { providers, refunds, pay, handleNotify, state, closeAttempts, pruneNotifies, attempts, notifies }
}
