/**
 * Deposit-free and pay-later credit: Sesame credit on Alipay, Pay Score on WeChat.
 * The server creates the credit order and hands the client what it must open.
 */
export type CreditParams =
  | {
      provider: 'wechat'
      /** wx.openBusinessView for Pay Score. */
      businessType: 'wxpayScoreUse' | 'wxpayScoreEnable'
      extraData: Record<string, string>
    }
  | {
      provider: 'alipay'
      /** alipay.fund.auth.order.app.freeze (or the pay-after-use sign) signed by the server, for my.tradePay. */
      orderStr: string
    }
  | { provider: 'sandbox'; creditOrderId: string }

export type CreditResult =
  | { status: 'ok' }
  | { status: 'cancelled' }
  | { status: 'pending' }
  | { status: 'failed'; message: string }
  | { status: 'unavailable'; reason: string }

export interface CreditAdapter {
  /** The provider the server must create the credit order for, or null when there is none. */
  provider: CreditParams['provider'] | null
  /** The service's name shown to shoppers (芝麻信用 / 微信支付分). */
  serviceName: string
  open(params: CreditParams): Promise<CreditResult>
}
