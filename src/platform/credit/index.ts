import type { CreditAdapter } from './types'

// Neutral default: Taro picks index.weapp.ts / index.alipay.ts / index.h5.ts for a real build.
// Typed as the interface for callers (so they see every status); `satisfies` still rejects extra or missing members.
export const creditAdapter: CreditAdapter = {
  confirmCredit: async () => ({ status: 'failed', message: '当前环境不支持信用服务' }),
} satisfies CreditAdapter

export const confirmCredit: CreditAdapter['confirmCredit'] = (params, options) => creditAdapter.confirmCredit(params, options)
