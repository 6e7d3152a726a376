import type { PaymentState, PayParams, SandboxCashierAnswer, SandboxCashierDecision, SandboxCashierTicket, SandboxCashierView } from '@/domain/contract'
import { api } from './http'

export type { PaymentAttempt, PaymentState, SandboxCashierAnswer, SandboxCashierDecision, SandboxCashierTicket, SandboxCashierView } from '@/domain/contract'

/** Asks the server for this platform's client parameters (a pending attempt is offered again). */
export function requestPayment(orderId: number): Promise<PayParams> {
  return api<PayParams>('POST', `/api/orders/${orderId}/pay`)
}

/** The confirmed state; the server asks the provider while the latest attempt is pending. */
export function getPaymentState(orderId: number): Promise<PaymentState> {
  return api<PaymentState>('GET', `/api/orders/${orderId}/payment`)
}

const q = encodeURIComponent

/** Sandbox servers only: what the in-app sandbox cashier shows for this attempt (session + ticket). */
export function getSandboxCashier(c: SandboxCashierTicket): Promise<SandboxCashierView> {
  return api<SandboxCashierView>('GET', `/api/payments/sandbox/app-cashier?out=${q(c.outTradeNo)}&t=${q(c.ticket)}`)
}

/** Sandbox servers only: pay (the sandbox's signed notify reaches the server), fail or leave. */
export function decideSandboxCashier(c: SandboxCashierTicket, decision: SandboxCashierDecision): Promise<SandboxCashierAnswer> {
  return api<SandboxCashierAnswer>('POST', '/api/payments/sandbox/app-cashier', { body: { out: c.outTradeNo, t: c.ticket, decision } })
}
