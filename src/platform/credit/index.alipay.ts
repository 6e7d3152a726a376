import type { CreditAdapter, CreditConfirmParams, CreditConfirmResult } from './types'

declare const my: {
  tradePay(options: { orderStr: string; success(res: { resultCode?: string | number }): void; fail(err: { error?: number; errorMessage?: string }): void }): void
}

/**
 * my.tradePay's resultCode for a fund authorisation or credit agreement. Every code, 6001
 * included, arrives in the SUCCESS callback. 9000 and 8000 (processing) leave the verdict to
 * the server's notify; anything else has not confirmed.
 */
export function creditResultOf(code: string | number | undefined): CreditConfirmResult {
  switch (String(code ?? '')) {
    case '9000':
    case '8000':
      return { status: 'confirmed' }
    case '6001':
      return { status: 'cancelled' }
    case '6002':
      return { status: 'failed', message: '网络连接出错，请检查网络后重试' }
    default:
      return { status: 'failed', message: '芝麻信用确认未完成，请稍后重试' }
  }
}

const FAILED: CreditConfirmResult = { status: 'failed', message: '芝麻信用未能打开，请稍后重试' }

// Called on `my` directly: Taro maps no credit API to tradePay on Alipay.
// Typed as the interface for callers (so they see every status); `satisfies` still rejects extra or missing members.
export const creditAdapter: CreditAdapter = {
  async confirmCredit(params: CreditConfirmParams): Promise<CreditConfirmResult> {
    const orderStr = (params as { orderStr?: unknown }).orderStr
    if (typeof orderStr !== 'string' || orderStr.trim() === '') return { status: 'failed', message: '芝麻信用参数有误，请稍后重试' }
    if (typeof my === 'undefined' || typeof my.tradePay !== 'function') return { status: 'failed', message: '当前环境暂不支持芝麻信用' }
    return new Promise<CreditConfirmResult>((resolve) => {
      try {
        my.tradePay({ orderStr, success: (res) => resolve(creditResultOf(res?.resultCode)), fail: () => resolve(FAILED) })
      } catch {
        resolve(FAILED)
      }
    })
  },
} satisfies CreditAdapter

export const confirmCredit: CreditAdapter['confirmCredit'] = (params, options) => creditAdapter.confirmCredit(params, options)
