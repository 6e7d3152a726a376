import type { WithdrawalView } from '@/domain/promoters'
import { needsSandboxPage, type TransferAdapter, type TransferResult } from './types'

export type { TransferAdapter, TransferResult } from './types'

interface MerchantTransferOptions {
  mchId: string
  appId: string
  package: string
  success(res: { errMsg?: string }): void
  fail(err: { errMsg?: string }): void
}
declare const wx: {
  canIUse?(schema: string): boolean
  requestMerchantTransfer?(options: MerchantTransferOptions): void
}

const OLD_CLIENT: TransferResult = { status: 'failed', message: '当前微信版本过低，请升级微信后再确认收款' }

/**
 * 商家转账 (用户确认模式): wx.requestMerchantTransfer({mchId, appId, package}) (base library
 * 3.3.0+, no promise style) opens WeChat's confirm-receipt sheet for the bill's package_info.
 */
function openSheet(confirm: NonNullable<WithdrawalView['confirm']>): Promise<TransferResult> {
  return new Promise((resolve) => {
    wx.requestMerchantTransfer!({
      mchId: confirm.mchId,
      appId: confirm.appId,
      package: confirm.packageInfo,
      success: () => resolve({ status: 'confirmed' }),
      fail: (err) => resolve(/cancel/.test(err?.errMsg ?? '') ? { status: 'cancelled' } : { status: 'failed', message: '微信确认收款未完成，请稍后在提现记录中重试' }),
    })
  })
}

export const transferAdapter: TransferAdapter = {
  payee: '微信零钱',
  async receive(w) {
    if (needsSandboxPage(w)) return { status: 'sandbox' }
    if (w.status !== 'waiting_confirm') return { status: 'none' }
    if (!w.confirm?.packageInfo || !w.confirm.mchId) return { status: 'failed', message: '收款参数有误，请稍后重试' }
    if (typeof wx === 'undefined' || typeof wx.requestMerchantTransfer !== 'function' || (wx.canIUse && !wx.canIUse('requestMerchantTransfer'))) return OLD_CLIENT
    try {
      return await openSheet(w.confirm)
    } catch {
      return { status: 'failed', message: '微信确认收款未能打开，请稍后重试' }
    }
  },
} satisfies TransferAdapter
