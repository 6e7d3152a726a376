import type { SubscribeAdapter } from './types'

// Neutral default (TypeScript's view; each build picks index.<platform>.ts).
// Typed as the interface for callers (so they see every status); `satisfies` still rejects extra or missing members.
export const subscribeAdapter: SubscribeAdapter = {
  maxPerCall: 0,
  askAfterPay: true,
  request: async () => ({ status: 'unavailable', reason: '当前环境不支持消息订阅' }),
} satisfies SubscribeAdapter
