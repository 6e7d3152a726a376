import { askInApp, NOT_HERE } from './ask'
import type { ReceiptAdapter } from './types'

export type { ReceiptAdapter, ReceiptMode, ReceiptResult } from './types'

// Alipay has no host confirm-receipt sheet: the app's own confirm, then the app's endpoint.
// A WeChat-managed order can't be confirmed here (the server never answers that mode to Alipay).
export const receiptAdapter: ReceiptAdapter = {
  confirmReceipt: async (mode) => (mode.mode === 'app' ? askInApp() : NOT_HERE),
} satisfies ReceiptAdapter

export const confirmReceipt: ReceiptAdapter['confirmReceipt'] = (mode) => receiptAdapter.confirmReceipt(mode)
