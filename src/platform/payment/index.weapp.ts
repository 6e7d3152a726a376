import { WRONG_PARAMS, isNonEmptyString } from './check'
import type { PaymentAdapter, PaymentParams, PayResult } from './types'

/** The five fields wx.requestPayment takes; appId comes from the mini-program itself. */
interface PayFields {
  timeStamp: string
  nonceStr: string
  package: string
  signType: string
  paySign: string
}
declare const wx: {
  requestPayment(options: PayFields & { success(res: { errMsg: string }): void; fail(err: { errMsg?: string }): void }): void
}

const CANCEL = 'requestPayment:fail cancel'
const FAILED: PayResult = { status: 'failed', message: '微信支付未完成，请稍后重试' }

/** Exactly the five fields, copied by name: nothing else the answer carries reaches the host. */
function fieldsOf(params: PaymentParams): PayFields | null {
  const { timeStamp, nonceStr, package: pkg, signType, paySign } = params as Partial<Record<keyof PayFields, unknown>>
  if (isNonEmptyString(timeStamp) && isNonEmptyString(nonceStr) && isNonEmptyString(pkg) && isNonEmptyString(signType) && isNonEmptyString(paySign)) {
    return { timeStamp, nonceStr, package: pkg, signType, paySign }
  }
  return null
}

function requestPayment(fields: PayFields): Promise<PayResult> {
  return new Promise((resolve) => {
    wx.requestPayment({
      ...fields,
      // Success is the shopper's side only: the order is paid when the server has the notify.
      success: () => resolve({ status: 'submitted' }),
      fail: (err) => resolve((err?.errMsg ?? '').trim() === CANCEL ? { status: 'cancelled' } : FAILED),
    })
  })
}

// wx.requestPayment with the server's five signed fields (Pay API v3, signType RSA).
// Typed as the interface for callers (so they see every status); `satisfies` still rejects extra or missing members.
export const paymentAdapter: PaymentAdapter = {
  platform: 'weapp',
  async pay(params: PaymentParams): Promise<PayResult> {
    const fields = fieldsOf(params)
    if (!fields) return WRONG_PARAMS
    if (typeof wx === 'undefined' || typeof wx.requestPayment !== 'function') {
      return { status: 'unavailable', reason: '当前环境暂不支持微信支付' }
    }
    try {
      return await requestPayment(fields)
    } catch {
      // A synchronous throw from the host (bad arguments, old base library).
      return FAILED
    }
  },
} satisfies PaymentAdapter
