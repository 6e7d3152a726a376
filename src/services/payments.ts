import type { PaymentState, PayParams } from '@/domain/contract'
import { api } from './http'

export type { PaymentAttempt, PaymentState } from '@/domain/contract'

/** Asks the server for this platform's client parameters (a pending attempt is offered again). */
export function requestPayment(orderId: number): Promise<PayParams> {
  return api<PayParams>('POST', `/api/orders/${orderId}/pay`)
}

/** The confirmed state; the server asks the provider while the latest attempt is pending. */
export function getPaymentState(orderId: number): Promise<PaymentState> {
  return api<PaymentState>('GET', `/api/orders/${orderId}/payment`)
}
