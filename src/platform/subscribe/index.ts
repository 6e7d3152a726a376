import type { SubscribeAdapter } from './types'

// Neutral default; the per-platform adapters arrive with the subscription issue.
// Typed as the interface for callers (so they see every status); `satisfies` still rejects extra or missing members.
export const subscribeAdapter: SubscribeAdapter = {
  maxPerCall: 0,
  request: async () => ({ status: 'unavailable', reason: '当前环境不支持消息订阅' }),
} satisfies SubscribeAdapter
