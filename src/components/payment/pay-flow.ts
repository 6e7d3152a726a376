import { paymentStanding, type OrderStatus } from '@/domain/order-state'
import { pollUntil, type PollOptions } from '@/lib/poll-until'
import type { PaymentAdapter } from '@/platform/payment/types'
import { errorMessage } from '@/services/http'
import { getPaymentState, requestPayment } from '@/services/payments'
import type { PayParams, SandboxCashierTicket } from '@/domain/contract'
import type { MessageAsk } from './ask-messages'

/**
 * How handing the order to the platform's cashier ended. None of these is "paid": after
 * 'confirming' the shop asks the server (confirmPayment) until it has the verified notify.
 */
export type StartOutcome =
  /** The platform took the payment (WeChat success, Alipay 9000) or has not decided (8000, 6004). */
  | { kind: 'confirming' }
  | { kind: 'cancelled' }
  | { kind: 'failed'; message: string }
  /** The shopper went to a cashier page (H5 preview); its return address brings them back. */
  | { kind: 'left' }
  /** Sandbox server, mini-program in its IDE: the host couldn't pay the sandbox trade; the in-app sandbox cashier takes over. */
  | { kind: 'sandbox'; cashier: SandboxCashierTicket }

/** The server's verdict on the payment, after the platform's side. Only 'paid' means paid. */
export type PaymentVerdict =
  | { kind: 'paid' }
  /** The order left 待付款 another way (closed, cancelled) while we waited. */
  | { kind: 'ended'; message: string }
  /** Polling ran out without a verdict: the payment may still arrive (notify later). */
  | { kind: 'timeout' }
  /** The page went away or was hidden; nothing to show. */
  | { kind: 'aborted' }

/** The message for an order that can no longer be paid. */
export function endedMessage(status: OrderStatus): string {
  return status === 'closed' ? '订单已超时关闭' : '订单已取消'
}

/** The in-app sandbox cashier's ticket when the (sandbox) server sent one. */
export function sandboxTicket(params: PayParams): SandboxCashierTicket | null {
  const t = (params as { sandbox?: Partial<SandboxCashierTicket> }).sandbox
  return t && typeof t.outTradeNo === 'string' && t.outTradeNo !== '' && typeof t.ticket === 'string' && t.ticket !== '' ? { outTradeNo: t.outTradeNo, ticket: t.ticket } : null
}

/** 去支付 / 提交订单: POST pay -> adapter.pay(params). 'submitted' and 'pending' both mean: ask the server. */
export async function startPayment(orderId: number, adapter: PaymentAdapter, messages?: MessageAsk): Promise<StartOutcome> {
  let params
  try {
    params = await requestPayment(orderId)
  } catch (err) {
    return { kind: 'failed', message: errorMessage(err) }
  }
  // Subscription messages: in the payment callback where the platform calls back, else before
  // the page leaves for the cashier. messages.ask() never throws and has its own time limits.
  if (messages && !messages.afterPay) await messages.ask()
  const result = await adapter.pay(params)
  // Only a sandbox server's answer carries a ticket; a host that paid or was closed by the shopper decides as usual.
  const cashier = sandboxTicket(params)
  if (cashier && result.status !== 'submitted' && result.status !== 'cancelled' && result.status !== 'redirected') return { kind: 'sandbox', cashier }
  if (messages?.afterPay && (result.status === 'submitted' || result.status === 'pending' || result.status === 'cancelled')) await messages.ask()
  switch (result.status) {
    case 'submitted':
    case 'pending':
      return { kind: 'confirming' }
    case 'cancelled':
      return { kind: 'cancelled' }
    case 'redirected':
      return { kind: 'left' }
    case 'failed':
      return { kind: 'failed', message: result.message }
    case 'unavailable':
      return { kind: 'failed', message: result.reason }
  }
}

/** Polls GET payment until the server says paid, the order ends, time runs out or the signal aborts. */
export async function confirmPayment(orderId: number, options: PollOptions = {}): Promise<PaymentVerdict> {
  // The order's own status is the verdict (the server moves it with a verified notify or query).
  const polled = await pollUntil(() => getPaymentState(orderId), (state) => paymentStanding(state.orderStatus) !== 'awaiting', options)
  if (polled.kind !== 'done') return { kind: polled.kind }
  const status = polled.value.orderStatus
  return paymentStanding(status) === 'paid' ? { kind: 'paid' } : { kind: 'ended', message: endedMessage(status) }
}
