import { isDecision, type SubscribeAdapter, type SubscribeDecision, type SubscribeResult } from './types'

/**
 * my.requestSubscribeMessage's success: behavior 'subscribe', `result` lists (subscribeEntityIds
 * and currentSubscribedEntityIds: allowed now; subscribedEntityIds: allowed in the end;
 * unsubscribedEntityIds: not allowed), newer hosts also `[entityId]: 'accept' | 'reject'`.
 * A closed panel (behavior 'cancel') arrives in fail.
 */
interface AlipaySubscribeAnswer {
  behavior?: string
  refuse?: boolean
  keep?: boolean
  result?: { subscribeEntityIds?: string[]; subscribedEntityIds?: string[]; unsubscribedEntityIds?: string[]; currentSubscribedEntityIds?: string[] }
  [entityId: string]: unknown
}
declare const my: {
  requestSubscribeMessage?(options: { entityIds: string[]; success(res: AlipaySubscribeAnswer): void; fail(err: { error?: number; errorMessage?: string; behavior?: string }): void }): void
}

const MAX = 3

/** Alipay's lists turned into the per-id shape the server takes (the same as WeChat's). */
export function decisionsOf(ids: readonly string[], res: AlipaySubscribeAnswer): Record<string, SubscribeDecision> {
  const r = res?.result ?? {}
  const allowed = new Set([...(r.subscribeEntityIds ?? []), ...(r.currentSubscribedEntityIds ?? []), ...(r.subscribedEntityIds ?? [])])
  const refused = new Set(r.unsubscribedEntityIds ?? [])
  const out: Record<string, SubscribeDecision> = {}
  for (const id of ids) {
    const own = res?.[id]
    if (isDecision(own)) out[id] = own
    else if (allowed.has(id)) out[id] = 'accept'
    else if (refused.has(id)) out[id] = 'reject'
  }
  return out
}

// my.requestSubscribeMessage: at most 3 ids (entityIds), from a tap or a payment callback.
// Typed as the interface for callers (so they see every status); `satisfies` still rejects extra or missing members.
export const subscribeAdapter: SubscribeAdapter = {
  maxPerCall: MAX,
  askAfterPay: true,
  request(templateIds: string[]): Promise<SubscribeResult> {
    const ids = templateIds.slice(0, MAX)
    if (!ids.length) return Promise.resolve({ status: 'ok', decisions: {} })
    if (typeof my === 'undefined' || typeof my.requestSubscribeMessage !== 'function') {
      return Promise.resolve({ status: 'unavailable', reason: '当前支付宝版本不支持订阅消息' })
    }
    const ask = my.requestSubscribeMessage
    return new Promise((resolve) => {
      try {
        ask.call(my, {
          entityIds: ids,
          success: (res) => resolve({ status: 'ok', decisions: decisionsOf(ids, res) }),
          fail: (err) => resolve({ status: 'failed', message: err?.errorMessage ?? '订阅消息未能发起' }),
        })
      } catch {
        resolve({ status: 'failed', message: '订阅消息未能发起' })
      }
    })
  },
} satisfies SubscribeAdapter
