/**
 * The pay facet: turns an order into what the client needs to pay, verifies the platform's
 * notify, asks about, closes and refunds a trade. Each gateway (wechat, alipay, sandbox) has
 * one; the sandbox's sign exactly as the platforms do, so the verification code that runs in
 * development and tests is the production code.
 */
import type { NotifyOwner, Payer, RawNotify, VerifyFailure } from './common'

/** The wire shapes live in the shared contract: the app's adapters read exactly these. */
export type { WeappPayParams, AlipayPayParams, CashierPayParams, SandboxCashierTicket, PayParams as ClientParams } from '../../../src/domain/contract'
import type { PayParams as ClientParams } from '../../../src/domain/contract'

export interface PayOrder {
  orderId: number
  orderNo: string
  /** This attempt's number for the platform (unique per attempt). */
  outTradeNo: string
  /** Integer fen. */
  amount: number
  description: string
}

export interface Created {
  /** What a retry needs to answer again without a new platform order (prepay_id, trade_no). */
  platformRef: string
  params: ClientParams
}

/** What a verified payment notify says, in the shop's terms. */
export interface PaidEvent {
  kind: 'payment'
  outTradeNo: string
  /** Integer fen, as the platform settled it. */
  amount: number
  /** appid / app_id of the notify. */
  appId: string
  /** mchid / seller_id of the notify (null when the platform did not send one). */
  merchantId: string | null
  tradeId: string
  /** true when the platform says the trade succeeded. */
  success: boolean
}

/** What a verified refund notify says (WeChat REFUND.*, Alipay's notify with out_biz_no). */
export interface RefundEvent {
  kind: 'refund'
  outTradeNo: string
  outRefundNo: string
  /** Integer fen of this refund, when the notify names it. */
  amount: number | null
  /** mchid (WeChat) / seller_id (Alipay), null when not sent. */
  merchantId: string | null
  /** app_id (Alipay); WeChat refund notifies carry none. */
  appId: string | null
  refundId: string
  /** succeeded: money is back with the payer; failed: ABNORMAL / CLOSED, the merchant must act. */
  state: 'succeeded' | 'failed'
}

export type VerifyResult = { ok: true; event: PaidEvent | RefundEvent } | VerifyFailure

/** One refund as the platform is asked for it. */
export interface RefundOrder {
  outTradeNo: string
  /** The platform's id of the paid trade (transaction_id / trade_no), when known. */
  tradeId: string | null
  outRefundNo: string
  /** The attempt's paid amount (fen): WeChat wants it with every refund. */
  total: number
  /** This refund (fen). */
  amount: number
  reason: string
}

/** succeeded: done now (Alipay answers at once); pending: a notify or query will say; failed: refused. */
export interface RefundAnswer {
  state: 'succeeded' | 'pending' | 'failed'
  refundId?: string
  message?: string
}

export interface QueryAnswer {
  state: 'paid' | 'pending' | 'closed'
  amount?: number
  tradeId?: string
}

export interface PayFacet extends NotifyOwner<VerifyResult> {
  createPayment(order: PayOrder, payer: Payer): Promise<Created>
  /** Client parameters again for an attempt that already has a platform order; `payer` is who pays (the sandbox's in-app cashier is for sandbox shoppers only). */
  paramsFor(order: PayOrder, platformRef: string, payer?: Payer): ClientParams
  queryPayment(outTradeNo: string): Promise<QueryAnswer>
  closePayment(outTradeNo: string): Promise<void>
  /** Asks for a refund; the same outRefundNo again never refunds twice. Throws ProviderError when the platform can't be reached. */
  refund(r: RefundOrder): Promise<RefundAnswer>
  queryRefund(r: RefundOrder): Promise<RefundAnswer>
}

/** The notify formats: the H5 cashier settles in WeChat's. */
export type NotifyChannel = 'wechat' | 'alipay'

/** A trade as the sandbox platform keeps it. */
export interface SandboxTrade {
  channel: NotifyChannel
  amount: number
  state: 'pending' | 'paid' | 'closed'
  ref: string
  tradeId: string
  openid?: string
  buyerId?: string
}

/** The sandbox's pay side as the H5 cashier page and the payments service use it. */
export interface SandboxPayDesk {
  /** Set by the payments service: how the sandbox's own later notifies (refund results) reach the shop. */
  deliver?: (channel: NotifyChannel, raw: RawNotify) => Promise<unknown>
  trade(outTradeNo: string): SandboxTrade | undefined
  /** The cashier page is opened by navigation, without the session header: its URL carries a ticket. */
  checkTicket(outTradeNo: string, ticket: string): boolean
  /** The buyer pays: the trade is settled on the platform's side. */
  settle(outTradeNo: string): SandboxTrade
  /** The notify each platform sends for a settled trade: WeChat Pay's TRANSACTION.SUCCESS, Alipay's trade_status_sync. */
  wechatNotify(outTradeNo: string): RawNotify
  alipayNotify(outTradeNo: string): RawNotify
}

/** The pay facets the payments module gets: by id ('sandbox' is the H5 cashier, sandbox mode only). */
export interface PayFacets {
  byId: Partial<Record<'wechat' | 'alipay' | 'sandbox', PayFacet>>
  /** Present when any channel is played by the sandbox. */
  sandbox?: SandboxPayDesk
}
