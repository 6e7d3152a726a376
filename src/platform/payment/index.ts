import type { PaymentAdapter } from './types'

// Neutral default: Taro picks index.weapp.ts / index.alipay.ts / index.h5.ts for a real build.
// Typed as the interface for callers (so they see every status); `satisfies` still rejects extra or missing members.
export const paymentAdapter: PaymentAdapter = {
  platform: null,
  pay: async () => ({ status: 'unavailable', reason: '当前环境暂不支持支付' }),
} satisfies PaymentAdapter
