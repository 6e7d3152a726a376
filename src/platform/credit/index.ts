import type { CreditAdapter } from './types'

// Neutral default; the per-platform adapters arrive with the credit issue.
export const creditAdapter = {
  provider: null,
  serviceName: '',
  open: async () => ({ status: 'unavailable', reason: '当前环境不支持信用服务' }),
} satisfies CreditAdapter
