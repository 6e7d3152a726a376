/**
 * Pay after use (先享后付): the credit side of an ordinary shop order, as drawn in ./types.
 * The shop order itself moves through ../order-state; this machine only tracks the money.
 */
import { defineMachine } from './machine'
import { addDays, type Instant } from './time'
import { PAY_AFTER_USE_DAYS, PAY_AFTER_USE_STATES, type MachineTransition, type PayAfterUseEvent, type PayAfterUseState } from './types'

export const PAY_AFTER_USE_TRANSITIONS: Readonly<Record<PayAfterUseEvent, MachineTransition<PayAfterUseState>>> = {
  confirm: { from: ['created'], to: 'confirmed', by: ['platform'] },
  deny: { from: ['created'], to: 'denied', by: ['platform'] },
  // The shopper confirms receipt, or the timer PAY_AFTER_USE_DAYS after shipping.
  collect: { from: ['confirmed'], to: 'charging', by: ['shopper', 'system'] },
  charged: { from: ['charging'], to: 'charged', by: ['platform'] },
  // Stays charging: the platform retries the deduction (and the server asks again).
  charge_failed: { from: ['charging'], to: 'charging', by: ['platform'] },
  // From confirmed only before shipping; the shop order's state is the server's to check.
  cancel: { from: ['created', 'confirmed'], to: 'cancelled', by: ['shopper', 'admin', 'system'] },
  expire: { from: ['created'], to: 'expired', by: ['system'] },
}

export const payAfterUseMachine = defineMachine(PAY_AFTER_USE_STATES, PAY_AFTER_USE_TRANSITIONS)

export const PAY_AFTER_USE_STATE_LABEL: Record<PayAfterUseState, string> = {
  created: '待确认',
  confirmed: '已确认·待扣款',
  charging: '扣款中',
  charged: '已扣款',
  denied: '未通过',
  cancelled: '已取消',
  expired: '已失效',
}

/** When an unconfirmed pay-after-use order is collected anyway: PAY_AFTER_USE_DAYS whole days after shipping. */
export function collectAt(shippedAt: Instant): string {
  return addDays(shippedAt, PAY_AFTER_USE_DAYS)
}
