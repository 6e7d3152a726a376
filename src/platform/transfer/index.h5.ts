import { needsSandboxPage, type TransferAdapter } from './types'

export type { TransferAdapter, TransferResult } from './types'

// The H5 preview has no WeChat sheet: a withdrawal waiting for the shopper goes to the sandbox page.
export const transferAdapter: TransferAdapter = {
  payee: '微信零钱（沙箱）',
  receive: async (w) => (needsSandboxPage(w) || w.status === 'waiting_confirm' ? { status: 'sandbox' } : { status: 'none' }),
} satisfies TransferAdapter
