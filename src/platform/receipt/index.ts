import { askInApp, NOT_HERE } from './ask'
import type { ReceiptAdapter } from './types'

export type { ReceiptAdapter, ReceiptMode, ReceiptResult } from './types'

// Neutral default: Taro picks index.weapp.ts / index.alipay.ts / index.h5.ts for a real build.
export const receiptAdapter: ReceiptAdapter = {
  confirmReceipt: async (mode) => (mode.mode === 'app' ? askInApp() : NOT_HERE),
} satisfies ReceiptAdapter

export const confirmReceipt: ReceiptAdapter['confirmReceipt'] = (mode) => receiptAdapter.confirmReceipt(mode)
