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
    const ids = templateIds.slice(0, MAX)
    if (!ids.length) return Promise.resolve({ status: 'ok', decisions: {} })
    if (typeof wx === 'undefined' || typeof wx.requestSubscribeMessage !== 'function') {
      return Promise.resolve({ status: 'unavailable', reason: '当前微信版本不支持订阅消息' })
    }
    const ask = wx.requestSubscribeMessage
    return new Promise((resolve) => {
      try {
        ask.call(wx, {
          tmplIds: ids,
          success: (res) => resolve({ status: 'ok', decisions: decisionsOf(ids, res) }),
          fail: (err) => resolve({ status: 'failed', message: err?.errMsg ?? '订阅消息未能发起' }),
        })
      } catch {
        resolve({ status: 'failed', message: '订阅消息未能发起' })
      }
    })
  },
} satisfies SubscribeAdapter
