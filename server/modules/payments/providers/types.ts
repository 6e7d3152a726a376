/**
 * One interface over the payment platforms. A provider turns an order into what the
 * client needs to pay, verifies the platform's notify, and asks the platform about a trade.
 * The sandbox plays the platforms' part with its own keys, so the verification code that
 * runs in development and tests is the production code.
 */
export type ProviderId = 'wechat' | 'alipay' | 'sandbox'

export interface PayOrder {
  orderId: number
  orderNo: string
  /** This attempt's number for the platform (unique per attempt). */
  outTradeNo: string
  /** Integer fen. */
  amount: number
  description: string
}

export interface Payer {
  platform: 'weapp' | 'alipay' | 'h5'
  /** WeChat openid (weapp) / Alipay open_id, when known. */
  openId: string | null
  /** WeChat openid or Alipay user id (2088…) as the login stored it. */
  externalId: string
}

/** The wire shapes live in the shared contract: the app's adapters read exactly these. */
export type { WeappPayParams, AlipayPayParams, CashierPayParams, PayParams as ClientParams } from '../../../../src/domain/contract'
import type { PayParams as ClientParams } from '../../../../src/domain/contract'

export interface Created {
  /** What a retry needs to answer again without a new platform order (prepay_id, trade_no). */
  platformRef: string
  params: ClientParams
}

/** A notify as it arrived: headers (lower-case names) and the exact body text. */
export interface RawNotify {
  headers: Record<string, string | undefined>
  body: string
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

export type VerifyResult = { ok: true; event: PaidEvent | RefundEvent } | { ok: false; reason: 'bad_signature' | 'bad_format'; message: string }

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

export interface PaymentProvider {
  readonly id: ProviderId
  /** Whether this is the sandbox playing the platform (no merchant keys). */
  readonly sandbox: boolean
  /** The ids a notify must carry to be ours. */
  readonly appId: string
  readonly merchantId: string | null
  createPayment(order: PayOrder, payer: Payer): Promise<Created>
  /** Client parameters again for an attempt that already has a platform order. */
  paramsFor(order: PayOrder, platformRef: string): ClientParams
  verifyNotify(raw: RawNotify): VerifyResult
  queryPayment(outTradeNo: string): Promise<QueryAnswer>
  closePayment(outTradeNo: string): Promise<void>
  /** Asks for a refund; the same outRefundNo again never refunds twice. Throws ProviderError when the platform can't be reached. */
  refund(r: RefundOrder): Promise<RefundAnswer>
  queryRefund(r: RefundOrder): Promise<RefundAnswer>
}

export class ProviderError extends Error {}
