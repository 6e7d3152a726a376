import { askHost } from './ask'
import { isDecision, type SubscribeAdapter, type SubscribeDecision, type SubscribeResult } from './types'

/** success: {errMsg, [tmplId]: 'accept' | 'reject' | 'ban' | 'filter'}. */
type WxSubscribeAnswer = Record<string, unknown>
declare const wx: {
  requestSubscribeMessage?(options: { tmplIds: string[]; success(res: WxSubscribeAnswer): void; fail(err: { errMsg?: string; errCode?: number }): void }): void
}

const MAX = 5

/** The answer keyed by the ids we asked for; anything else the host adds (errMsg) is dropped. */
export function decisionsOf(ids: readonly string[], res: WxSubscribeAnswer): Record<string, SubscribeDecision> {
  const out: Record<string, SubscribeDecision> = {}
  for (const id of ids) {
    const v = res?.[id]
    if (isDecision(v)) out[id] = v
  }
  return out
}

// wx.requestSubscribeMessage: at most 5 ids, only from a tap or a payment callback (20004: the
// shopper turned subscriptions off in settings; nothing to record then).
// Typed as the interface for callers (so they see every status); `satisfies` still rejects extra or missing members.
export const subscribeAdapter: SubscribeAdapter = {
  maxPerCall: MAX,
  askAfterPay: true,
  request(templateIds: string[]): Promise<SubscribeResult> {
    const api = typeof wx === 'undefined' ? undefined : wx.requestSubscribeMessage
    return askHost<WxSubscribeAnswer, { errMsg?: string }>(templateIds, MAX, api && ((ids, success, fail) => api.call(wx, { tmplIds: ids, success, fail })), {
      unavailable: '当前微信版本不支持订阅消息',
      decisions: decisionsOf,
      failMessage: (err) => err?.errMsg,
    })
  },
} satisfies SubscribeAdapter
