import type { PaymentAdapter } from './types'

// Neutral default; the per-platform adapters arrive with the payment issue.
// Typed as the interface for callers (so they see every status); `satisfies` still rejects extra or missing members.
export const paymentAdapter: PaymentAdapter = {
  provider: null,
  pay: async () => ({ status: 'unavailable', reason: '当前环境暂不支持支付' }),
} satisfies PaymentAdapter
