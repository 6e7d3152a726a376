import type { Order } from '@/domain/contract'
import { formatFen } from '@/domain/money'

export interface RefundRow {
  key: string
  amount: string
  status: string
  /** What goes back: "纯棉T恤 ×1、马克杯 ×2", or the whole payment for money an ended order could not take. */
  what: string
  reason: string
  /** When the money was back with the payer, else when it was asked for. */
  at: string
  done: boolean
}

// A failed refund is the shop's to fix (the platform refused, the payer's account can't take it):
// the shopper sees it still in progress, not an error they could act on.
const STATUS: Record<Order['refunds'][number]['status'], string> = { pending: '退款中', failed: '退款中', succeeded: '已退款' }

/** The order's refunds as the shopper reads them, oldest first. */
export function refundRows(order: Pick<Order, 'refunds' | 'items'>): RefundRow[] {
  const title = (skuId: number) => order.items.find((i) => i.skuId === skuId)?.title ?? '商品'
  return order.refunds.map((r, i) => ({
    key: `${i}-${r.createdAt}`,
    amount: formatFen(r.amount),
    status: STATUS[r.status],
    what: r.lines.length > 0 ? r.lines.map((l) => `${title(l.skuId)} ×${l.quantity}`).join('、') : '订单款项原路退回',
    reason: r.reason,
    at: r.succeededAt ?? r.createdAt,
    done: r.status === 'succeeded',
  }))
}
