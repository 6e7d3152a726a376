import { route } from '@/routes'

/**
 * The H5 sandbox cashier sends the shopper back to the order page with ?pay=paid|failed|cancelled.
 * That is the result page's business: 'paid' is only the cashier's claim, so it is confirmed
 * with the server there. Null when the order page was opened any other way.
 */
export function cashierReturn(orderId: number, pay: string | undefined): string | null {
  if (!Number.isInteger(orderId) || orderId <= 0) return null
  if (pay === 'paid') return route.payResult(orderId, 'confirming')
  if (pay === 'cancelled') return route.payResult(orderId, 'cancelled')
  if (pay === 'failed') return route.payResult(orderId, 'failed', '支付未完成，请重新支付')
  return null
}
