import type { Platform } from '@/domain/contract'

/**
 * What POST /api/orders/:id/pay answers, one shape per platform (the server knows the
 * caller's platform from the session). `platform` is the tag; the other fields are the
 * platform's own names, passed on untouched.
 */
export interface WeappPayParams {
  platform: 'weapp'
  /** wx.requestPayment's five fields, signed by the server (RSA, Pay API v3). */
  timeStamp: string
  nonceStr: string
  /** 'prepay_id=…' */
  package: string
  signType: 'RSA'
  paySign: string
}

export interface AlipayPayParams {
  platform: 'alipay'
  /** trade_no from alipay.trade.create, for my.tradePay({tradeNO}). */
  tradeNO: string
}

export interface H5PayParams {
  platform: 'h5'
  /** The sandbox provider's cashier page (a server path like '/…' or an absolute URL on the API's origin). */
  cashierUrl: string
}

export type PaymentParams = WeappPayParams | AlipayPayParams | H5PayParams

/**
 * How paying ended on the client. None of these is proof of payment: the order is paid only
 * when the server has a verified notify (or a query says so), so after 'submitted' and
 * 'pending' the page shows "paying" and polls GET /api/orders/:id/payment.
 */
export type PayResult =
  /** The platform says the shopper paid (WeChat success, Alipay 9000) or the cashier was opened: wait for the server. */
  | { status: 'submitted' }
  /** The platform has not decided (Alipay 8000 processing, 6004 unknown): ask the server. */
  | { status: 'pending'; message: string }
  | { status: 'cancelled' }
  | { status: 'failed'; message: string }
  | { status: 'unavailable'; reason: string }

export interface PaymentAdapter {
  /** The platform whose parameters pay() accepts, or null when this build cannot pay. */
  platform: Platform | null
  pay(params: PaymentParams): Promise<PayResult>
}
