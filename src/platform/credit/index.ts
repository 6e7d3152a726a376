import type { CreditAdapter } from './types'

// Neutral default; the per-platform adapters arrive with the credit issue.
// Typed as the interface for callers (so they see every status); `satisfies` still rejects extra or missing members.
export const creditAdapter: CreditAdapter = {
  provider: null,
  serviceName: '',
  open: async () => ({ status: 'unavailable', reason: '当前环境不支持信用服务' }),
} satisfies CreditAdapter
