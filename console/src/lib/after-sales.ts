import { canAfterSale, DAY_MS, type AfterSaleEvent, type AfterSaleStatus, type AfterSaleType } from '@domain/after-sales'

/** The tag colour of each status: red waits for the shop, orange for the shopper or the money, grey is over. */
export const AFTER_SALE_STATUS_COLOR: Record<AfterSaleStatus, string> = {
  requested: 'red',
  awaiting_return: 'orange',
  returning: 'blue',
  refunding: 'orange',
  resending: 'red',
  refunded: 'green',
  exchanged: 'green',
  refused: 'default',
  withdrawn: 'default',
  closed: 'default',
}

/** The buttons the console offers; each is one event of the domain's machine, taken by the shop. */
export type AfterSaleAction = 'approve' | 'refuse' | 'receive' | 'resend'
const ACTIONS: readonly AfterSaleAction[] = ['approve', 'refuse', 'receive', 'resend']

/**
 * Which of the shop's actions this request allows now: the same table the server enforces
 * (canAfterSale with actor 'admin'), so a button never offers what would answer 409.
 */
export function afterSaleActions(type: AfterSaleType, status: AfterSaleStatus): AfterSaleAction[] {
  return ACTIONS.filter((a) => canAfterSale(type, status, a satisfies AfterSaleEvent, 'admin'))
}

const TIMER_OUTCOME: Partial<Record<AfterSaleEvent, string>> = { approve: '自动同意', return_timeout: '自动关闭' }

/**
 * What a running timer will do, for the list and the detail: "2 天后自动同意", "5 小时后自动关闭";
 * "即将自动同意" once it is due (the server's sweep acts within minutes). Null when no timer runs.
 */
export function deadlineText(deadline: { event: AfterSaleEvent; at: string } | null, now: number = Date.now()): string | null {
  if (!deadline) return null
  const outcome = TIMER_OUTCOME[deadline.event] ?? '自动处理'
  const left = new Date(deadline.at).getTime() - now
  if (left <= 0) return `即将${outcome}`
  if (left >= DAY_MS) return `${Math.floor(left / DAY_MS)} 天后${outcome}`
  const hours = Math.floor(left / 3_600_000)
  return hours >= 1 ? `${hours} 小时后${outcome}` : `不到 1 小时后${outcome}`
}

/** Who did a step, in the merchant's words. */
export const AFTER_SALE_ACTOR_LABEL: Record<string, string> = { shopper: '买家', admin: '商家', system: '系统' }
