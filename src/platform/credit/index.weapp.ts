import type { WeappCreditConfirm } from '@/domain/contract'
import type { CreditAdapter, CreditConfirmParams, CreditConfirmResult } from './types'

type ExtraData = WeappCreditConfirm['extraData']
declare const wx: {
  openBusinessView(options: {
    businessType: string
    extraData: ExtraData
    success(res: { errMsg?: string; extraData?: unknown }): void
    fail(err: { errMsg?: string }): void
  }): void
}

const WRONG_PARAMS: CreditConfirmResult = { status: 'failed', message: '支付分参数有误，请稍后重试' }
const FAILED: CreditConfirmResult = { status: 'failed', message: '微信支付分未能打开，请稍后重试' }
const FIELDS = ['mch_id', 'package', 'timestamp', 'nonce_str', 'sign_type', 'sign'] as const

const text = (v: unknown): v is string => typeof v === 'string' && v.trim() !== ''

/** Exactly the Pay Score fields, copied by name: nothing else the answer carries reaches the host. */
function extraDataOf(params: CreditConfirmParams): ExtraData | null {
  const p = params as Partial<WeappCreditConfirm>
  if (p.businessType !== 'wxpayScoreUse' || typeof p.extraData !== 'object' || p.extraData === null) return null
  const src = p.extraData as Record<string, unknown>
  if (!FIELDS.every((k) => text(src[k])) || src.sign_type !== 'HMAC-SHA256') return null
  return Object.fromEntries(FIELDS.map((k) => [k, src[k]])) as unknown as ExtraData
}

// wx.openBusinessView opens the Pay Score confirm page; its success is only the shopper coming back.
// Typed as the interface for callers (so they see every status); `satisfies` still rejects extra or missing members.
export const creditAdapter: CreditAdapter = {
  async confirmCredit(params: CreditConfirmParams): Promise<CreditConfirmResult> {
    const extraData = extraDataOf(params)
    if (!extraData) return WRONG_PARAMS
    if (typeof wx === 'undefined' || typeof wx.openBusinessView !== 'function') {
      return { status: 'failed', message: '当前微信版本暂不支持微信支付分，请升级后重试' }
    }
    return new Promise<CreditConfirmResult>((resolve) => {
      try {
        wx.openBusinessView({
          businessType: 'wxpayScoreUse',
          extraData,
          success: () => resolve({ status: 'confirmed' }),
          // 'openBusinessView:fail cancel' is the shopper closing the page.
          fail: (err) => resolve(/cancel/.test(err?.errMsg ?? '') ? { status: 'cancelled' } : FAILED),
        })
      } catch {
        resolve(FAILED)
      }
    })
  },
} satisfies CreditAdapter

export const confirmCredit: CreditAdapter['confirmCredit'] = (params, options) => creditAdapter.confirmCredit(params, options)
