/**
 * Subscription message rules shared by the app (which asks the shopper) and the server
 * (which keeps the quota and sends). Pure: no I/O.
 */

/** Every event a shopper can subscribe to. The credit ones are reserved for the credit issue. */
export const MESSAGE_EVENTS = [
  'order_paid',
  'order_shipped',
  'refund_done',
  'order_closing_soon',
  'rental_due',
  'credit_charged',
  'membership_settled',
  'after_sale_update',
  'order_delivered',
  'group_succeeded',
  'group_failed',
  'pickup_ready',
  'pickup_reminder',
] as const
export type MessageEvent = (typeof MESSAGE_EVENTS)[number]

/** What the platform's subscribe dialog answered for one template id. */
export const SUBSCRIBE_RESULTS = ['accept', 'reject', 'ban', 'filter'] as const
export type SubscribeResult = (typeof SUBSCRIBE_RESULTS)[number]

/** Template ids per request: wx.requestSubscribeMessage takes 5, my.requestSubscribeMessage 3. */
export const SUBSCRIBE_MAX_IDS: Record<'weapp' | 'alipay' | 'h5', number> = { weapp: 5, alipay: 3, h5: 5 }

export function isMessageEvent(value: unknown): value is MessageEvent {
  return typeof value === 'string' && (MESSAGE_EVENTS as readonly string[]).includes(value)
}

/** Ids split into requests the platform accepts, in order. */
export function groupTemplateIds(ids: readonly string[], max: number): string[][] {
  const groups: string[][] = []
  for (let i = 0; i < ids.length; i += max) groups.push(ids.slice(i, i + max))
  return groups
}

/** Whether the app should still offer a template: not after reject or ban (the shopper said no). */
export function stillAsk(lastChoice: 'accept' | 'reject' | 'ban' | null): boolean {
  return lastChoice !== 'reject' && lastChoice !== 'ban'
}
