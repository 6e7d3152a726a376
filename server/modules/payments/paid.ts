import type { ProviderId } from '../../platforms/types'
import type { Queryable } from '../../db'

/** The attempt that paid an order: which platform took the money, under which numbers. */
export interface PaidPayment {
  provider: ProviderId
  outTradeNo: string
  /** The platform's trade id: WeChat transaction_id, Alipay trade_no (null when the notify didn't carry one). */
  tradeId: string | null
  amount: number
  paidAt: string | null
}

/** The order's paid attempt, or null (unpaid, paid after use through credit, or paid on the H5 cashier: provider 'sandbox'). */
export async function paidPaymentOf(q: Queryable, orderId: number): Promise<PaidPayment | null> {
  const r = await q.maybeOne<{ provider: ProviderId; out_trade_no: string; platform_trade_id: string | null; amount: number; paid_at: Date | null }>(
    "SELECT provider, out_trade_no, platform_trade_id, amount, paid_at FROM payments WHERE order_id = $1 AND status = 'paid' ORDER BY id DESC LIMIT 1",
    [orderId],
  )
  return r && { provider: r.provider, outTradeNo: r.out_trade_no, tradeId: r.platform_trade_id, amount: r.amount, paidAt: r.paid_at ? new Date(r.paid_at).toISOString() : null }
}

/**
 * Money refunded on an order once `refund` (finishing now) is counted: the other succeeded
 * order refunds plus this one. What a proportional take-back (points, growth) measures, read
 * inside the refund's own transaction, so a refund finishing twice counts once.
 */
export async function refundedWith(q: Queryable, refund: { id: number; orderId: number; amount: number }): Promise<number> {
  const r = await q.one<{ n: number }>(
    "SELECT coalesce(sum(amount), 0)::int AS n FROM refunds WHERE order_id = $1 AND kind = 'order' AND status = 'succeeded' AND id <> $2",
    [refund.orderId, refund.id],
  )
  return r.n + refund.amount
}
