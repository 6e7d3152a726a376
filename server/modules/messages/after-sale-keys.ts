import { AFTER_SALE_STATUSES, type AfterSaleStatus } from '../../../src/domain/after-sales'
import type { MessageEvent } from '../../../src/domain/messages'

// Apart from template-data.ts (which reads orders) so that after-sales can import the key
// through this module's index without an import cycle through orders.

/** after_sale_update rows are keyed per request and status; the key is also where the worker reads them back from. */
export const afterSaleDedupeKey = (afterSaleId: number, status: AfterSaleStatus) => `after_sale:${afterSaleId}:${status}`

/** The request and status of an after_sale_update row, from its dedupe key; null for any other row. */
export function afterSaleOfKey(key: string): { id: number; status: AfterSaleStatus } | null {
  const m = /^after_sale:(\d+):([a-z_]+)$/.exec(key)
  if (!m || !(AFTER_SALE_STATUSES as readonly string[]).includes(m[2])) return null
  return { id: Number(m[1]), status: m[2] as AfterSaleStatus }
}

/** The two group messages a member gets (modules/groups enqueues them in the group's own transition). */
export type GroupMessageEvent = Extract<MessageEvent, 'group_succeeded' | 'group_failed'>

/** group_* rows are keyed per group and member order: one each, and the key names the group page a tap opens. */
export const groupDedupeKey = (groupId: number, orderId: number, event: GroupMessageEvent) => `group:${groupId}:${orderId}:${event}`

/** The group of a group_* row, from its dedupe key; null for any other row. */
export function groupOfKey(key: string): number | null {
  const m = /^group:(\d+):\d+:group_(succeeded|failed)$/.exec(key)
  return m ? Number(m[1]) : null
}
