import { needsSandboxPage, type TransferAdapter } from './types'

export type { TransferAdapter, TransferResult } from './types'

// Neutral default: Taro picks index.weapp.ts / index.alipay.ts / index.h5.ts for a real build.
export const transferAdapter: TransferAdapter = {
  payee: '微信零钱',
  receive: async (w) => (needsSandboxPage(w) ? { status: 'sandbox' } : { status: 'none' }),
} satisfies TransferAdapter
