import type { PaymentAdapter } from './types'

// Neutral default; the per-platform adapters arrive with the payment issue.
export const paymentAdapter = {
  provider: null,
  pay: async () => ({ status: 'unavailable', reason: '当前环境暂不支持支付' }),
} satisfies PaymentAdapter
