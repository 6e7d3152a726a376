import Taro from '@tarojs/taro'
import type { Order } from '@/domain/contract'
import { confirmReceipt } from '@/platform/receipt'
import { route } from '@/routes'
import { ApiError, errorMessage } from '@/services/http'
import { confirmOrder, fetchReceiptMode } from '@/services/orders'

export const NOT_CONFIRMED_MESSAGE = '微信还未确认收货，请稍后再试'

export type ReceiptOutcome = { kind: 'done'; order: Order } | { kind: 'cancelled' } | { kind: 'failed'; message: string } | { kind: 'sandbox' }

/**
 * 确认收货 on any platform: ask the server how (GET /receipt), let the platform confirm
 * (WeChat's component, or the app's own modal), then POST /confirm, which for WeChat-managed
 * orders the server checks with WeChat (409 RECEIPT_NOT_CONFIRMED when WeChat hasn't yet).
 * Sandbox: the in-app sandbox receipt page plays WeChat's sheet and confirms from there.
 */
export async function runConfirmReceipt(orderId: number): Promise<ReceiptOutcome> {
  try {
    const mode = await fetchReceiptMode(orderId)
    const r = await confirmReceipt(mode)
    if (r.status === 'cancelled') return { kind: 'cancelled' }
    if (r.status === 'failed') return { kind: 'failed', message: r.message }
    if (r.status === 'sandbox') {
      void Taro.navigateTo({ url: route.sandboxReceipt(orderId) })
      return { kind: 'sandbox' }
    }
    return { kind: 'done', order: await confirmOrder(orderId) }
  } catch (err) {
    if (err instanceof ApiError && err.code === 'RECEIPT_NOT_CONFIRMED') return { kind: 'failed', message: NOT_CONFIRMED_MESSAGE }
    return { kind: 'failed', message: errorMessage(err) }
  }
}

/** The same, with the toasts every caller shows; the new order when it was confirmed. */
export async function confirmReceiptWithToasts(orderId: number): Promise<Order | null> {
  const r = await runConfirmReceipt(orderId)
  if (r.kind === 'done') {
    void Taro.showToast({ title: '已确认收货', icon: 'success' })
    return r.order
  }
  if (r.kind === 'failed') void Taro.showToast({ title: r.message, icon: 'none' })
  return null
}
