import { askHost } from './ask'
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
    const api = typeof my === 'undefined' ? undefined : my.requestSubscribeMessage
    return askHost<AlipaySubscribeAnswer, { errorMessage?: string }>(templateIds, MAX, api && ((ids, success, fail) => api.call(my, { entityIds: ids, success, fail })), {
      unavailable: '当前支付宝版本不支持订阅消息',
      decisions: decisionsOf,
      failMessage: (err) => err?.errorMessage,
    })
  },
} satisfies SubscribeAdapter
