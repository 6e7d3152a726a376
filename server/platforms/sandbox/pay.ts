import crypto from 'node:crypto'
import { SANDBOX_LOGIN_PREFIX } from '../types'
import type { AlipayPayParams, ClientParams, Created, NotifyChannel, PayOrder, Payer, ProviderId, RawNotify, SandboxCashierTicket, SandboxPayDesk, SandboxTrade, WeappPayParams } from '../types'
import { AlipayPay, type AlipayPayApi } from '../alipay/pay'
import { fenToYuan } from '../alipay/core'
import { WechatPay, type WechatPayApi, type WechatRefund } from '../wechat/pay'
import { SANDBOX_IDS, type Deliver, type SandboxCore } from './core'

/**
 * The sandbox playing WeChat Pay and Alipay trades (prepay, trade.create, query, close,
 * refund) and writing their notifies in each platform's exact format and signature, so the
 * live facets (wechat/pay.ts, alipay/pay.ts) check them. The H5 cashier (SandboxCashier) pays
 * on a sandbox page and settles in WeChat's format.
 */
interface SandboxRefund {
  outTradeNo: string
  outRefundNo: string
  amount: number
  refundId: string
}

export interface NotifyOverrides {
  amount?: number
  appId?: string
  merchantId?: string
  /** WeChat: TRANSACTION.SUCCESS trade_state; Alipay: trade_status. */
  status?: string
  /** Seconds to move the WeChat timestamp (stale-notify tests). */
  skewSec?: number
  /** Refund notifies: the trade a refund the platform doesn't know claims to belong to. */
  outTradeNo?: string
}

/** The platforms' side: trades they know of and the notifies they send. */
export class SandboxPay implements SandboxPayDesk {
  private readonly trades = new Map<string, SandboxTrade>()
  private readonly refunds = new Map<string, SandboxRefund>()
  /** While true every call fails as if the platform could not be reached (outage tests). */
  outage = false
  /**
   * How the sandbox's own notifies (refund results) reach the shop: set by the payments
   * service to its notify handler, so they go through the same verification as a real one.
   */
  deliver: Deliver
  constructor(readonly core: SandboxCore) {}

  get keys(): SandboxCore['keys'] {
    return this.core.keys
  }

  private later(channel: 'wechat' | 'alipay', make: () => RawNotify): void {
    this.core.later(() => this.deliver, channel, make)
  }

  private up(): void {
    if (this.outage) throw new Error('sandbox: platform unreachable')
  }

  /** Refunds part of a paid trade: idempotent per outRefundNo, never beyond what was paid. */
  private refundTrade(out: string, outRefundNo: string, amount: number): { refund: SandboxRefund; fresh: boolean } | { code: string; message: string } {
    const known = this.refunds.get(outRefundNo)
    if (known) return known.outTradeNo === out && known.amount === amount ? { refund: known, fresh: false } : { code: 'INVALID_REQUEST', message: 'out_refund_no reused with other parameters' }
    const t = this.trades.get(out)
    if (!t || t.state !== 'paid') return { code: 'RESOURCE_NOT_EXISTS', message: 'trade not paid' }
    if (!Number.isInteger(amount) || amount <= 0 || this.refundedOf(out) + amount > t.amount) return { code: 'NOT_ENOUGH', message: 'refund exceeds the paid amount' }
    const refund = { outTradeNo: out, outRefundNo, amount, refundId: `5030${Date.now()}${crypto.randomInt(1e6)}` }
    this.refunds.set(outRefundNo, refund)
    return { refund, fresh: true }
  }

  private refundedOf(out: string): number {
    let n = 0
    for (const r of this.refunds.values()) if (r.outTradeNo === out) n += r.amount
    return n
  }

  private outTradeNoOf(body: Record<string, unknown>): string {
    if (body.out_trade_no) return String(body.out_trade_no)
    for (const [out, t] of this.trades) if (t.tradeId === body.transaction_id) return out
    return ''
  }

  readonly wechatApi: WechatPayApi = {
    jsapiPrepay: async (body) => {
      const out = String(body.out_trade_no)
      const amount = Number((body.amount as { total: number }).total)
      const known = this.trades.get(out)
      if (known) {
        if (known.amount !== amount) throw new Error('sandbox: out_trade_no reused with another amount')
        return { prepay_id: known.ref }
      }
      const ref = `wx${crypto.randomBytes(14).toString('hex')}`
      this.trades.set(out, { channel: 'wechat', amount, state: 'pending', ref, tradeId: `4200${Date.now()}${crypto.randomInt(1e6)}`, openid: String((body.payer as { openid: string }).openid) })
      return { prepay_id: ref }
    },
    queryByOutTradeNo: async (out) => {
      const t = this.trades.get(out)
      if (!t) return { trade_state: 'NOTPAY' }
      return { trade_state: t.state === 'paid' ? 'SUCCESS' : t.state === 'closed' ? 'CLOSED' : 'NOTPAY', amount: { total: t.amount }, transaction_id: t.tradeId }
    },
    close: async (out) => {
      this.up()
      const t = this.trades.get(out)
      if (t && t.state === 'pending') t.state = 'closed'
    },
    // WeChat answers PROCESSING and reports the result by notify (and query), as the real one mostly does.
    refund: async (body): Promise<WechatRefund> => {
      this.up()
      const out = this.outTradeNoOf(body)
      const amount = body.amount as { refund: number; total: number }
      if (this.trades.get(out)?.amount !== amount.total) return { code: 'PARAM_ERROR', message: 'amount.total does not match the trade' }
      const r = this.refundTrade(out, String(body.out_refund_no), amount.refund)
      if ('code' in r) return r
      if (r.fresh) this.later('wechat', () => this.wechatRefundNotify(r.refund.outRefundNo))
      return { refund_id: r.refund.refundId, out_refund_no: r.refund.outRefundNo, status: r.fresh ? 'PROCESSING' : 'SUCCESS' }
    },
    queryRefund: async (outRefundNo): Promise<WechatRefund> => {
      this.up()
      const r = this.refunds.get(outRefundNo)
      return r ? { refund_id: r.refundId, out_refund_no: outRefundNo, status: 'SUCCESS' } : { code: 'RESOURCE_NOT_EXISTS', message: 'no such refund' }
    },
  }

  readonly alipayApi: AlipayPayApi = {
    tradeCreate: async (biz) => {
      const out = String(biz.outTradeNo)
      const amount = Math.round(Number(biz.totalAmount) * 100)
      const known = this.trades.get(out)
      if (known) return { tradeNo: known.ref }
      const ref = `2026${Date.now()}${crypto.randomInt(1e6)}`
      this.trades.set(out, { channel: 'alipay', amount, state: 'pending', ref, tradeId: ref, buyerId: String(biz.buyerId ?? biz.buyerOpenId ?? '') })
      return { tradeNo: ref }
    },
    tradeQuery: async (out) => {
      const t = this.trades.get(out)
      if (!t) return { code: '40004' }
      return { tradeStatus: t.state === 'paid' ? 'TRADE_SUCCESS' : t.state === 'closed' ? 'TRADE_CLOSED' : 'WAIT_BUYER_PAY', totalAmount: fenToYuan(t.amount), tradeNo: t.tradeId }
    },
    tradeClose: async (out) => {
      this.up()
      const t = this.trades.get(out)
      if (t && t.state === 'pending') t.state = 'closed'
    },
    // Alipay refunds at once (fundChange Y); a repeat of the same request answers fundChange N.
    tradeRefund: async (biz) => {
      this.up()
      const amount = Math.round(Number(biz.refundAmount) * 100)
      const r = this.refundTrade(String(biz.outTradeNo), String(biz.outRequestNo), amount)
      if ('code' in r) return { code: '40004', subCode: r.code === 'NOT_ENOUGH' ? 'ACQ.REFUND_AMT_NOT_EQUAL_TOTAL' : 'ACQ.TRADE_NOT_EXIST', subMsg: r.message }
      if (r.fresh) this.later('alipay', () => this.alipayRefundNotify(r.refund.outRefundNo))
      return { code: '10000', fundChange: r.fresh ? 'Y' : 'N', refundFee: fenToYuan(this.refundedOf(r.refund.outTradeNo)) }
    },
    refundQuery: async (out, outRequestNo) => {
      this.up()
      const r = this.refunds.get(outRequestNo)
      if (!r || r.outTradeNo !== out) return { code: '10000' }
      return { code: '10000', refundStatus: 'REFUND_SUCCESS', refundAmount: fenToYuan(r.amount) }
    },
  }

  /** Registers a cashier (H5) trade, settled in WeChat's notify format. */
  openCashierTrade(outTradeNo: string, amount: number): string {
    const known = this.trades.get(outTradeNo)
    if (known) return known.ref
    const ref = `cashier${crypto.randomBytes(10).toString('hex')}`
    this.trades.set(outTradeNo, { channel: 'wechat', amount, state: 'pending', ref, tradeId: `4200${Date.now()}${crypto.randomInt(1e6)}` })
    return ref
  }

  ticket(outTradeNo: string): string {
    return this.core.ticket(outTradeNo)
  }

  /**
   * The in-app sandbox cashier's ticket for a mini-program trade. The sandbox keeps trades in
   * memory: after a restart a pending attempt offered again is known to it again.
   */
  appCashier(channel: NotifyChannel, order: PayOrder, ref: string): SandboxCashierTicket {
    if (!this.trades.has(order.outTradeNo)) this.trades.set(order.outTradeNo, { channel, amount: order.amount, state: 'pending', ref, tradeId: channel === 'wechat' ? `4200${Date.now()}${crypto.randomInt(1e6)}` : ref })
    return { outTradeNo: order.outTradeNo, ticket: this.ticket(order.outTradeNo) }
  }

  checkTicket(outTradeNo: string, ticket: string): boolean {
    return this.core.checkTicket(outTradeNo, ticket)
  }

  trade(outTradeNo: string): SandboxTrade | undefined {
    return this.trades.get(outTradeNo)
  }

  /** The buyer pays: the trade is settled on the platform's side (notifies follow separately). */
  settle(outTradeNo: string): SandboxTrade {
    const t = this.trades.get(outTradeNo)
    if (!t) throw new Error(`sandbox: no trade ${outTradeNo}`)
    if (t.state === 'pending') t.state = 'paid'
    return t
  }

  /** A WeChat Pay v3 TRANSACTION.SUCCESS notify, signed and encrypted as the platform does. */
  wechatNotify(outTradeNo: string, o: NotifyOverrides = {}): RawNotify {
    const t = this.trades.get(outTradeNo)
    const now = this.core.now()
    const tx = {
      appid: o.appId ?? SANDBOX_IDS.wechatAppId,
      mchid: o.merchantId ?? SANDBOX_IDS.wechatMchId,
      out_trade_no: outTradeNo,
      transaction_id: t?.tradeId ?? `4200${Date.now()}`,
      trade_type: 'JSAPI',
      trade_state: o.status ?? 'SUCCESS',
      trade_state_desc: '支付成功',
      bank_type: 'OTHERS',
      attach: '',
      success_time: now.toISOString().replace(/\.\d{3}Z$/, '+00:00'),
      payer: { openid: t?.openid ?? 'sandbox-openid' },
      amount: { total: o.amount ?? t?.amount ?? 0, payer_total: o.amount ?? t?.amount ?? 0, currency: 'CNY', payer_currency: 'CNY' },
    }
    return this.core.signedWechat('TRANSACTION.SUCCESS', '支付成功', 'transaction', tx, o.skewSec)
  }

  /** A WeChat Pay v3 REFUND.SUCCESS (or, with status, ABNORMAL / CLOSED) notify for a refund the sandbox made. */
  wechatRefundNotify(outRefundNo: string, o: NotifyOverrides = {}): RawNotify {
    const r = this.refunds.get(outRefundNo)
    const t = r ? this.trades.get(r.outTradeNo) : undefined
    const status = o.status ?? 'SUCCESS'
    const resource = {
      mchid: o.merchantId ?? SANDBOX_IDS.wechatMchId,
      out_trade_no: o.outTradeNo ?? r?.outTradeNo ?? '',
      transaction_id: t?.tradeId ?? '',
      out_refund_no: outRefundNo,
      refund_id: r?.refundId ?? '',
      refund_status: status,
      success_time: this.core.now().toISOString().replace(/\.\d{3}Z$/, '+00:00'),
      user_received_account: '支付用户零钱',
      amount: { total: t?.amount ?? 0, refund: o.amount ?? r?.amount ?? 0, payer_total: t?.amount ?? 0, payer_refund: o.amount ?? r?.amount ?? 0 },
    }
    return this.core.signedWechat(`REFUND.${status}`, status === 'SUCCESS' ? '退款成功' : '退款异常', 'refund', resource, o.skewSec)
  }

  /** An Alipay trade_status_sync notify: form-encoded, RSA2 over the sorted fields but sign / sign_type. */
  alipayNotify(outTradeNo: string, o: NotifyOverrides = {}): RawNotify {
    const t = this.trades.get(outTradeNo)
    const stamp = this.core.alipayStamp()
    const fields: Record<string, string> = {
      gmt_create: stamp,
      charset: 'utf-8',
      gmt_payment: stamp,
      notify_time: stamp,
      subject: '订单支付',
      buyer_id: t?.buyerId || '2088000000009999',
      invoice_amount: fenToYuan(o.amount ?? t?.amount ?? 0),
      version: '1.0',
      notify_id: crypto.randomBytes(16).toString('hex'),
      fund_bill_list: JSON.stringify([{ amount: fenToYuan(o.amount ?? t?.amount ?? 0), fundChannel: 'ALIPAYACCOUNT' }]),
      notify_type: 'trade_status_sync',
      out_trade_no: outTradeNo,
      total_amount: fenToYuan(o.amount ?? t?.amount ?? 0),
      trade_status: o.status ?? 'TRADE_SUCCESS',
      trade_no: t?.tradeId ?? `2026${Date.now()}`,
      auth_app_id: o.appId ?? SANDBOX_IDS.alipayAppId,
      receipt_amount: fenToYuan(o.amount ?? t?.amount ?? 0),
      point_amount: '0.00',
      app_id: o.appId ?? SANDBOX_IDS.alipayAppId,
      buyer_pay_amount: fenToYuan(o.amount ?? t?.amount ?? 0),
      seller_id: o.merchantId ?? SANDBOX_IDS.alipaySellerId,
    }
    return this.core.signedAlipay(fields)
  }

  /** Alipay's notify after a refund: the trade's fields plus out_biz_no (the refund request) and the refunded sums. */
  alipayRefundNotify(outRequestNo: string, o: NotifyOverrides = {}): RawNotify {
    const r = this.refunds.get(outRequestNo)
    const t = r ? this.trades.get(r.outTradeNo) : undefined
    const refunded = r ? this.refundedOf(r.outTradeNo) : 0
    const fields: Record<string, string> = {
      ...this.core.alipayHead('trade_status_sync', o.appId),
      auth_app_id: o.appId ?? SANDBOX_IDS.alipayAppId,
      seller_id: o.merchantId ?? SANDBOX_IDS.alipaySellerId,
      buyer_id: t?.buyerId || '2088000000009999',
      trade_no: t?.tradeId ?? '',
      out_trade_no: r?.outTradeNo ?? '',
      out_biz_no: outRequestNo,
      trade_status: t && refunded >= t.amount ? 'TRADE_CLOSED' : 'TRADE_SUCCESS',
      total_amount: fenToYuan(t?.amount ?? 0),
      refund_fee: fenToYuan(refunded),
      send_back_fee: fenToYuan(o.amount ?? r?.amount ?? 0),
      gmt_refund: `${this.core.alipayStamp()}.000`,
    }
    return this.core.signedAlipay(fields)
  }

}

/** A shopper the sandbox's login made (from an IDE): the one who gets the in-app cashier's ticket. */
const sandboxShopper = (payer: Payer | undefined) => !!payer && payer.externalId.startsWith(SANDBOX_LOGIN_PREFIX)

/**
 * The shop's WeChat Pay over the sandbox. `appCashier` (sandbox mode only): the answers to a
 * sandbox shopper (logged in from an IDE) also carry the in-app sandbox cashier's ticket, for
 * when the IDE can't pay the trade; everything else is WeChat Pay's own.
 */
export function sandboxWechatPay(pay: SandboxPay, notifyUrl: string, appCashier = false): WechatPay {
  if (!appCashier) return new WechatPay(pay.core.wechat, pay.wechatApi, notifyUrl)
  return new (class extends WechatPay {
    override async createPayment(order: PayOrder, payer: Payer): Promise<Created> {
      const c = await super.createPayment(order, payer)
      return { ...c, params: this.paramsFor(order, c.platformRef, payer) }
    }
    override paramsFor(order: PayOrder, prepayId: string, payer?: Payer): ClientParams {
      const params = super.paramsFor(order, prepayId) as WeappPayParams
      return sandboxShopper(payer) ? { ...params, sandbox: pay.appCashier('wechat', order, prepayId) } : params
    }
  })(pay.core.wechat, pay.wechatApi, notifyUrl)
}

/** The shop's Alipay over the sandbox; `appCashier` as for WeChat Pay. */
export function sandboxAlipayPay(pay: SandboxPay, notifyUrl: string, appCashier = false): AlipayPay {
  if (!appCashier) return new AlipayPay(pay.core.alipay, pay.alipayApi, notifyUrl)
  return new (class extends AlipayPay {
    override async createPayment(order: PayOrder, payer: Payer): Promise<Created> {
      const c = await super.createPayment(order, payer)
      return { ...c, params: this.paramsFor(order, c.platformRef, payer) }
    }
    override paramsFor(order: PayOrder, tradeNo: string, payer?: Payer): ClientParams {
      const params = super.paramsFor(order, tradeNo) as AlipayPayParams
      return sandboxShopper(payer) ? { ...params, sandbox: pay.appCashier('alipay', order, tradeNo) } : params
    }
  })(pay.core.alipay, pay.alipayApi, notifyUrl)
}

/**
 * The H5 preview's cashier: the shopper pays, cancels or fails on a sandbox page; a payment
 * settles with a WeChat-format notify, verified by WeChat Pay's own code, and queries, closes
 * and refunds go to the sandbox's WeChat Pay like a weapp payment's.
 */
export class SandboxCashier extends WechatPay {
  override readonly id: ProviderId = 'sandbox'
  constructor(
    private readonly pay: SandboxPay,
    notifyUrl: string,
  ) {
    super(pay.core.wechat, pay.wechatApi, notifyUrl)
  }

  override async createPayment(order: PayOrder, _payer: Payer): Promise<Created> {
    const ref = this.pay.openCashierTrade(order.outTradeNo, order.amount)
    return { platformRef: ref, params: this.paramsFor(order, ref) }
  }

  override paramsFor(order: PayOrder, _platformRef?: string): ClientParams {
    // The sandbox platform keeps trades in memory: after a restart the pending attempt is opened again.
    this.pay.openCashierTrade(order.outTradeNo, order.amount)
    const q = new URLSearchParams({ out: order.outTradeNo, t: this.pay.ticket(order.outTradeNo) })
    return { platform: 'h5', cashierUrl: `/api/payments/sandbox/cashier?${q}`, outTradeNo: order.outTradeNo, amount: order.amount }
  }
}
