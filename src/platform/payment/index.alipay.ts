import { WRONG_PARAMS, isNonEmptyString } from './check'
import type { PaymentAdapter, PaymentParams, PayResult } from './types'

interface TradePayResult {
  /** A string on the device ('9000'); numbers are accepted too. */
  resultCode?: string | number
}
declare const my: {
  tradePay(options: { tradeNO: string; success(res: TradePayResult): void; fail(err: { error?: number; errorMessage?: string }): void }): void
}

/**
 * my.tradePay's resultCode. Every code, 6001 (cancelled) included, arrives in the SUCCESS
 * callback, so success alone means nothing. 9000 is still only the shopper's side: the
 * order is paid when the server has the verified notify.
 */
export function resultOf(code: string | number | undefined): PayResult {
  switch (String(code ?? '')) {
    case '9000':
      return { status: 'submitted' }
    case '8000':
      return { status: 'pending', message: '支付处理中，正在确认支付结果' }
    case '6004':
      return { status: 'pending', message: '支付结果未知，正在确认支付结果' }
    case '6001':
      return { status: 'cancelled' }
    case '6002':
      return { status: 'failed', message: '网络连接出错，请检查网络后重试' }
    case '4000':
      return { status: 'failed', message: '订单支付失败，请稍后重试' }
    default:
      // An undocumented code: the server may still have the payment, so let polling decide.
      return { status: 'pending', message: '支付结果未知，正在确认支付结果' }
  }
}

// Called on `my` directly: Taro does not map requestPayment to tradePay on Alipay.
// Typed as the interface for callers (so they see every status); `satisfies` still rejects extra or missing members.
export const paymentAdapter: PaymentAdapter = {
  platform: 'alipay',
  async pay(params: PaymentParams): Promise<PayResult> {
    const tradeNO = (params as { tradeNO?: unknown }).tradeNO
    if (!isNonEmptyString(tradeNO)) return WRONG_PARAMS
    if (typeof my === 'undefined' || typeof my.tradePay !== 'function') {
      return { status: 'unavailable', reason: '当前环境暂不支持支付宝支付' }
    }
    return new Promise<PayResult>((resolve) => {
      try {
        my.tradePay({
          tradeNO,
          success: (res) => resolve(resultOf(res?.resultCode)),
          // The cashier never opened (bad tradeNO, no permission): nothing was paid.
          fail: () => resolve({ status: 'failed', message: '支付宝支付未能发起，请稍后重试' }),
        })
      } catch {
        resolve({ status: 'failed', message: '支付宝支付未能发起，请稍后重试' })
      }
    })
  },
} satisfies PaymentAdapter
