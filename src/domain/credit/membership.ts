/**
 * Light membership (轻会员), as drawn in ./types. Settling ends in one of two states, so
 * the table has the 'settled' event twice, once per outcome: 'settled_renew' (back to active
 * for the next period) and 'settled_end'; settledEvent picks which from the member's choice.
 */
import { formatFen, type Fen } from '../money'
import { defineMachine } from './machine'
import { addDays, toMs, type Instant } from './time'
import { MEMBERSHIP_PLAN, MEMBERSHIP_STATES, type MachineTransition, type MembershipEvent, type MembershipSettlement, type MembershipState } from './types'

/** The membership table's events: MembershipEvent with 'settled' split by outcome. */
export type MembershipMachineEvent = Exclude<MembershipEvent, 'settled'> | 'settled_renew' | 'settled_end'

export const MEMBERSHIP_TRANSITIONS: Readonly<Record<MembershipMachineEvent, MachineTransition<MembershipState>>> = {
  confirm: { from: ['signing'], to: 'active', by: ['platform'] },
  deny: { from: ['signing'], to: 'denied', by: ['platform'] },
  expire: { from: ['signing'], to: 'expired', by: ['system'] },
  period_end: { from: ['active'], to: 'settling', by: ['system'] },
  // Mid-period: settles what was saved so far, then ends.
  cancel: { from: ['active'], to: 'settling', by: ['shopper', 'admin'] },
  // 'platform' when a charge was collected; 'system' when there was nothing to charge (no savings).
  settled_renew: { from: ['settling'], to: 'active', by: ['platform', 'system'] },
  settled_end: { from: ['settling'], to: 'ended', by: ['platform', 'system'] },
}

export const membershipMachine = defineMachine(MEMBERSHIP_STATES, MEMBERSHIP_TRANSITIONS)

/** Which 'settled' a settling membership takes: it renews only if the member kept renewal on and did not cancel. */
export function settledEvent(autoRenew: boolean, cancelled: boolean): 'settled_renew' | 'settled_end' {
  return autoRenew && !cancelled ? 'settled_renew' : 'settled_end'
}

export function settledTo(autoRenew: boolean, cancelled: boolean): 'active' | 'ended' {
  return MEMBERSHIP_TRANSITIONS[settledEvent(autoRenew, cancelled)].to as 'active' | 'ended'
}

export const MEMBERSHIP_STATE_LABEL: Record<MembershipState, string> = {
  signing: '开通中',
  active: '生效中',
  settling: '结算中',
  ended: '已结束',
  denied: '未通过',
  expired: '已失效',
}

function fen(value: number, what: string): Fen {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${what} must be a non-negative integer number of fen, got ${value}`)
  return value
}

/** The member never pays more than the fee, nor more than member prices saved them. */
export function membershipSettlement(fee: Fen, savings: Fen): MembershipSettlement {
  fen(fee, 'fee')
  fen(savings, 'savings')
  return { fee, savings, charge: Math.min(fee, savings) }
}

/** The period's end: periodDays whole days after its start (the end instant belongs to the next period). */
export function periodEnd(start: Instant, periodDays: number = MEMBERSHIP_PLAN.periodDays): string {
  return addDays(start, periodDays)
}

/** A renewed membership's next period starts where the last one ended. */
export function nextPeriod(end: Instant, periodDays: number = MEMBERSHIP_PLAN.periodDays): { start: string; end: string } {
  const start = new Date(toMs(end, 'end')).toISOString()
  return { start, end: periodEnd(start, periodDays) }
}

/** What member prices took off one order: its member_price discounts only (coupons and other promotions are the shop's, not the membership's). */
export function savingsFromDiscounts(discounts: readonly { kind: string; amount: Fen; minLevel?: number | null }[]): Fen {
  let sum = 0
  // A member-price tier of a level (minLevel) is the level's benefit, not the paid membership's.
  for (const d of discounts) if (d.kind === 'member_price' && (d.minLevel === undefined || d.minLevel === null)) sum += fen(d.amount, 'discount amount')
  return sum
}

/** The line the member sees all period: what they saved and what the period's end will charge. */
export function settlementPreview(view: { savings: Fen; willPay: Fen }): string {
  if (view.savings === 0) return '本期还未使用会员价，期末无需支付'
  return `本期已省 ${formatFen(view.savings)}，期末将支付 ${formatFen(view.willPay)}`
}
