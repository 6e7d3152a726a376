import type { ReceiptMode } from '@/domain/shipping'
import { askInApp } from './ask'
import type { ReceiptAdapter, ReceiptResult } from './types'

export type { ReceiptAdapter, ReceiptMode, ReceiptResult } from './types'

type ExtraData = Extract<ReceiptMode, { mode: 'weapp_order_confirm' }>['extraData']
declare const wx: {
  openBusinessView(options: {
    businessType: string
    extraData: Partial<ExtraData>
    success(res: { errMsg?: string; extraData?: { status?: string; errormsg?: string } }): void
    fail(err: { errMsg?: string }): void
  }): void
}

const FAILED: ReceiptResult = { status: 'failed', message: '微信确认收货未能打开，请稍后重试' }
const text = (v: unknown): v is string => typeof v === 'string' && v.trim() !== ''

/** Only the three documented fields, copied by name; one that is empty is left out (WeChat takes transaction_id, or merchant_id + merchant_trade_no). */
function extraDataOf(mode: Extract<ReceiptMode, { mode: 'weapp_order_confirm' }>): Partial<ExtraData> | null {
  const src = (mode.extraData ?? {}) as Partial<Record<keyof ExtraData, unknown>>
  if (!text(src.transaction_id) && !(text(src.merchant_id) && text(src.merchant_trade_no))) return null
  const out: Partial<ExtraData> = {}
  for (const k of ['transaction_id', 'merchant_id', 'merchant_trade_no'] as const) {
    const v = src[k]
    if (text(v)) out[k] = v
  }
  return out
}

/**
 * WeChat's confirm-receipt component (小程序确认收货组件): wx.openBusinessView with businessType
 * 'weappOrderConfirm'. Its callback's extraData.status is "success" | "fail" | "cancel"; even
 * "success" is only the shopper's word: the server checks WeChat (get_order) on confirm.
 */
function openOrderConfirm(extraData: Partial<ExtraData>): Promise<ReceiptResult> {
  return new Promise((resolve) => {
    wx.openBusinessView({
      businessType: 'weappOrderConfirm',
      extraData,
      success: (res) => {
        const status = res?.extraData?.status
        if (status === 'cancel') resolve({ status: 'cancelled' })
        else if (status === 'fail') resolve({ status: 'failed', message: '微信确认收货未完成，请稍后重试' })
        // "success", or an older host that reports nothing: let the server ask WeChat.
        else resolve({ status: 'confirmed' })
      },
      fail: (err) => resolve(/cancel/.test(err?.errMsg ?? '') ? { status: 'cancelled' } : FAILED),
    })
  })
}

export const receiptAdapter: ReceiptAdapter = {
  async confirmReceipt(mode: ReceiptMode): Promise<ReceiptResult> {
    if (mode.mode === 'app') return askInApp()
    // The sandbox plays WeChat: the IDE can't confirm a sandbox order, the app's sandbox page can.
    if (mode.sandbox) return { status: 'sandbox' }
    const extraData = extraDataOf(mode)
    if (!extraData) return { status: 'failed', message: '确认收货参数有误，请稍后重试' }
    if (typeof wx === 'undefined' || typeof wx.openBusinessView !== 'function') {
      return { status: 'failed', message: '当前微信版本过低，请升级后确认收货' }
    }
    try {
      return await openOrderConfirm(extraData)
    } catch {
      return FAILED
    }
  },
} satisfies ReceiptAdapter

export const confirmReceipt: ReceiptAdapter['confirmReceipt'] = (mode) => receiptAdapter.confirmReceipt(mode)
