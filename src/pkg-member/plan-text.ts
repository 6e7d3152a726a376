import { formatFen, type Fen } from '@/domain/money'
import { skipProblem, type DeliveryStatus, type PlanDelivery, type PlanStatus } from '@/domain/plans'

export const PLAN_STATUS_TEXT: Record<PlanStatus, string> = { pending: '待支付', active: '配送中', completed: '已完成', cancelled: '已取消' }

export const DELIVERY_STATUS_TEXT: Record<DeliveryStatus, string> = { scheduled: '待配送', shipped: '已发货', skipped: '已跳过', cancelled: '已取消' }

/** A scheduled delivery can be skipped or postponed until its cut-off: the domain's rule (the server has the last word: 409 PAST_CUTOFF). */
export function canSkip(d: PlanDelivery, now = Date.now()): boolean {
  return skipProblem(d, new Date(now)) === null
}

/** "12月14日 周一" for a YYYY-MM-DD day. */
export function dayLabel(date: string): string {
  const d = new Date(`${date}T00:00:00Z`)
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 周${'日一二三四五六'.charAt(d.getUTCDay())}`
}

/** "省 5%" on a plan length's chip; nothing without a discount. */
export const percentOffText = (percentOff: number) => (percentOff > 0 ? `省 ${percentOff}%` : '')

export const refundText = (refund: Fen) => (refund > 0 ? `已取消剩余期数，退款 ${formatFen(refund)} 将原路退回` : '已取消剩余期数')
