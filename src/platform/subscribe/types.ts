/** Each template id answers on its own; `filter` = WeChat hid it (e.g. the template was removed). */
export type SubscribeDecision = 'accept' | 'reject' | 'ban' | 'filter'

export type SubscribeResult =
  | { status: 'ok'; decisions: Record<string, SubscribeDecision> }
  | { status: 'failed'; message: string }
  | { status: 'unavailable'; reason: string }

export interface SubscribeAdapter {
  /** Ids one call may ask for (WeChat 5, Alipay 3); callers split longer lists. */
  maxPerCall: number
  /**
   * true: the platform's cashier calls back into the page (WeChat, Alipay), and that callback
   * is where the dialog may open. false: paying leaves the page (the H5 cashier), so the app
   * asks before handing over.
   */
  askAfterPay: boolean
  /** Must run inside a tap handler or a payment callback, or the platform refuses. */
  request(templateIds: string[]): Promise<SubscribeResult>
}

const DECISIONS: readonly string[] = ['accept', 'reject', 'ban', 'filter']

export function isDecision(value: unknown): value is SubscribeDecision {
  return typeof value === 'string' && DECISIONS.includes(value)
}
