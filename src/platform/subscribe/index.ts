import type { SubscribeAdapter } from './types'

// Neutral default; the per-platform adapters arrive with the subscription issue.
export const subscribeAdapter = {
  maxPerCall: 0,
  request: async () => ({ status: 'unavailable', reason: '当前环境不支持消息订阅' }),
} satisfies SubscribeAdapter
