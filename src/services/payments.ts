import type { OrderStatus } from '@/domain/order-state'
import type { PaymentParams } from '@/platform/payment/types'
import { api } from './http'

/** One payment attempt as GET /api/orders/:id/payment reports it (server/modules/payments). */
export interface PaymentAttempt {
  provider: string
  outTradeNo: string
  amount: number
  /** 'pending' | 'paid' | 'closed' | 'paid_unpayable' (kept as string: the server may add states). */
  status: string
  paidAt: string | null
}

/** The server's confirmed view: the order is paid only when orderStatus says so. */
export interface PaymentState {
  orderId: number
  orderStatus: OrderStatus
  payment: PaymentAttempt | null
}

/** Asks the server for this platform's client parameters (a pending attempt is offered again). */
export function requestPayment(orderId: number): Promise<PaymentParams> {
  return api<PaymentParams>('POST', `/api/orders/${orderId}/pay`)
}

/** The confirmed state; the server asks the provider while the latest attempt is pending. */
export function getPaymentState(orderId: number): Promise<PaymentState> {
  return api<PaymentState>('GET', `/api/orders/${orderId}/payment`)
}
