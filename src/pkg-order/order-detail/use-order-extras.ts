import { useCallback, useState } from 'react'
import type { Order } from '@/domain/contract'
import type { OrderTracking } from '@/domain/shipping'
import { fetchOrderAfterSales, type OrderAfterSales } from '@/services/after-sales'
import { fetchTracking } from '@/services/orders'
import { fetchOrderReviews } from '@/services/reviews'
import { reviewEntry } from '../review/review-form'

/** Orders that have left the shop have a trace; before that there is nothing to ask. */
export function hasTrace(o: Pick<Order, 'status' | 'shippedAt' | 'pickup'>): boolean {
  // A pickup order is handed over at the counter: no parcel to trace.
  if (o.pickup) return false
  return o.shippedAt !== null || o.status === 'shipped' || o.status === 'completed'
}

/**
 * The order page's after-sales (what may be asked, what was), parcel trace and review button
 * (评价 / 追评, completed orders only). All extras: when one fails the order still shows,
 * without that part.
 */
export function useOrderExtras(orderId: number) {
  const [afterSales, setAfterSales] = useState<OrderAfterSales | null>(null)
  const [tracking, setTracking] = useState<OrderTracking | null>(null)
  const [review, setReview] = useState<ReturnType<typeof reviewEntry>>(null)

  const loadExtras = useCallback(
    async (order: Order) => {
      const paid = order.status !== 'created' && order.status !== 'cancelled' && order.status !== 'closed'
      const [a, t, r] = await Promise.all([
        paid ? fetchOrderAfterSales(orderId).catch(() => null) : Promise.resolve(null),
        hasTrace(order) ? fetchTracking(orderId).catch(() => null) : Promise.resolve(null),
        order.status === 'completed' ? fetchOrderReviews(orderId).then(reviewEntry, () => null) : Promise.resolve(null),
      ])
      setAfterSales(a)
      setTracking(t)
      setReview(r)
    },
    [orderId],
  )

  return { afterSales, tracking, review, loadExtras }
}
