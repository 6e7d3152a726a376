/** Each template id answers on its own; `filter` = WeChat hid it (e.g. the template was removed). */
export type SubscribeDecision = 'accept' | 'reject' | 'ban' | 'filter'

export type SubscribeResult =
  | { status: 'ok'; decisions: Record<string, SubscribeDecision> }
  | { status: 'failed'; message: string }
  | { status: 'unavailable'; reason: string }

export interface SubscribeAdapter {
  /** Ids one call may ask for (WeChat 5, Alipay 3); callers split longer lists. */
  maxPerCall: number
  /** Must run inside a tap handler or a payment callback, or the platform refuses. */
  request(templateIds: string[]): Promise<SubscribeResult>
}
