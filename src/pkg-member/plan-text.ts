import { formatFen, type Fen } from '@/domain/money'
import { shopDay } from '@/domain/points'
import { addDays, MAX_POSTPONE_DAYS, type DeliveryStatus, type PlanDelivery, type PlanStatus } from '@/domain/plans'

const DAY_MS = 86_400_000

/**
 * The first day a new plan can start: a delivery's cut-off is `cutoffHours` before its day's
 * 00:00 (shop time), so the day must begin more than that after now.
 */
export function earliestFirstDate(cutoffHours: number, now = Date.now()): string {
  return shopDay(new Date(now + cutoffHours * 3600_000 + DAY_MS))
}

export const PLAN_STATUS_TEXT: Record<PlanStatus, string> = { pending: '待支付', active: '配送中', completed: '已完成', cancelled: '已取消' }

export const DELIVERY_STATUS_TEXT: Record<DeliveryStatus, string> = { scheduled: '待配送', shipped: '已发货', skipped: '已跳过', cancelled: '已取消' }

/** A scheduled delivery can be skipped until its cut-off (the server has the last word: 409 PAST_CUTOFF). */
export function canSkip(d: PlanDelivery, now = Date.now()): boolean {
  return d.status === 'scheduled' && Date.parse(d.cutoffAt) > now
}

/** "12月14日 周一" for a YYYY-MM-DD day. */
export function dayLabel(date: string): string {
  const d = new Date(`${date}T00:00:00Z`)
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 周${'日一二三四五六'.charAt(d.getUTCDay())}`
}

/** "省 5%" on a plan length's chip; nothing without a discount. */
export const percentOffText = (percentOff: number) => (percentOff > 0 ? `省 ${percentOff}%` : '')

export const refundText = (refund: Fen) => (refund > 0 ? `已取消剩余期数，退款 ${formatFen(refund)} 将原路退回` : '已取消剩余期数')

/**
 * The days a delivery can be postponed to (顺延), as the server allows them: from the day after
 * it to the day before the plan's next delivery that still goes out, or MAX_POSTPONE_DAYS for the last.
 */
export function postponeRange(d: PlanDelivery, all: readonly PlanDelivery[]): { start: string; end: string } {
  const next = all.filter((x) => x.n !== d.n && x.date > d.date && (x.status === 'scheduled' || x.status === 'shipped')).map((x) => x.date).sort()[0]
  return { start: addDays(d.date, 1), end: next ? addDays(next, -1) : addDays(d.date, MAX_POSTPONE_DAYS) }
}
