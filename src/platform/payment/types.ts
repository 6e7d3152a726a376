/**
 * What the server hands the client to start paying one order; one shape per provider.
 * The client's "ok" is never proof of payment: the order is paid only when the server
 * has a verified notify (or a query says so), so pages re-read the order afterwards.
 */
export type PaymentParams =
  | {
      provider: 'wechat'
      /** wx.requestPayment's fields, signed by the server (RSA, Pay API v3). */
      timeStamp: string
      nonceStr: string
      package: string
      signType: 'RSA'
      paySign: string
    }
  | { provider: 'alipay'; tradeNo: string }
  | { provider: 'sandbox'; orderId: number; paymentId: string }

export type PayResult =
  | { status: 'ok' }
  | { status: 'cancelled' }
  /** The platform has not decided yet (Alipay 8000 / 6004): ask the server later. */
  | { status: 'pending' }
  | { status: 'failed'; message: string }
  | { status: 'unavailable'; reason: string }

export interface PaymentAdapter {
  /** The provider the server must create the payment for on this platform. */
  provider: PaymentParams['provider'] | null
  pay(params: PaymentParams): Promise<PayResult>
}
