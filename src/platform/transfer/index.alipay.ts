import { needsSandboxPage, type TransferAdapter } from './types'

export type { TransferAdapter, TransferResult } from './types'

// Alipay's transfer (alipay.fund.trans.uni.transfer) pays into the account at once: there is
// no confirm step for the shopper, the page just shows the answer. The sandbox may still wait.
export const transferAdapter: TransferAdapter = {
  payee: '支付宝账户',
  receive: async (w) => (needsSandboxPage(w) ? { status: 'sandbox' } : { status: 'none' }),
} satisfies TransferAdapter
