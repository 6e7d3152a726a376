import { askInApp, NOT_HERE } from './ask'
import type { ReceiptAdapter } from './types'

export type { ReceiptAdapter, ReceiptMode, ReceiptResult } from './types'

// The H5 preview confirms with the app's own modal, then POST /api/orders/:id/confirm.
export const receiptAdapter: ReceiptAdapter = {
  confirmReceipt: async (mode) => (mode.mode === 'app' ? askInApp() : NOT_HERE),
} satisfies ReceiptAdapter

export const confirmReceipt: ReceiptAdapter['confirmReceipt'] = (mode) => receiptAdapter.confirmReceipt(mode)
