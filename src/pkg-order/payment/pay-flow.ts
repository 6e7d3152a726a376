import type { OrderStatus } from '@/domain/order-state'
import type { PaymentAdapter } from '@/platform/payment/types'
import { errorMessage } from '@/services/http'
import { getPaymentState, requestPayment } from '@/services/payments'

/** How one tap on 去支付 ended. Only 'paid' comes from the server; the client callback never decides it. */
export type PayOutcome =
  | { kind: 'paid' }
  | { kind: 'cancelled' }
  | { kind: 'failed'; message: string }
  /** The order left 待付款 another way (closed, cancelled) while we waited. */
  | { kind: 'ended'; message: string }
  /** Polling ran out without a verdict: the payment may still arrive (notify later). */
  | { kind: 'timeout' }
  /** The page went away; nothing to show. */
  | { kind: 'aborted' }

export interface PayFlowOptions {
  adapter: PaymentAdapter
  /** Called once the platform has taken the payment and we are waiting for the server. */
  onConfirming?: () => void
  intervalMs?: number
  timeoutMs?: number
  signal?: { aborted: boolean }
  sleep?: (ms: number) => Promise<void>
  now?: () => number
}

const PAID: readonly OrderStatus[] = ['paid', 'shipped', 'completed']

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/**
 * 去支付: POST pay -> adapter.pay(params) -> poll GET payment until the server says paid,
 * the order ends, or time runs out. 'submitted' and 'pending' from the platform only start polling.
 */
export async function payAndConfirm(orderId: number, options: PayFlowOptions): Promise<PayOutcome> {
  const { adapter, intervalMs = 1500, timeoutMs = 30_000, signal, sleep = defaultSleep, now = Date.now } = options
  let params
  try {
    params = await requestPayment(orderId)
  } catch (err) {
    return { kind: 'failed', message: errorMessage(err) }
  }
  if (signal?.aborted) return { kind: 'aborted' }
  const result = await adapter.pay(params)
  if (result.status === 'cancelled') return { kind: 'cancelled' }
  if (result.status === 'failed') return { kind: 'failed', message: result.message }
  if (result.status === 'unavailable') return { kind: 'failed', message: result.reason }
  options.onConfirming?.()
  const deadline = now() + timeoutMs
  for (;;) {
    if (signal?.aborted) return { kind: 'aborted' }
    try {
      const state = await getPaymentState(orderId)
      // The order's own status is the verdict (the server moves it with a verified notify or query).
      if (PAID.includes(state.orderStatus)) return { kind: 'paid' }
      if (state.orderStatus !== 'created') {
        return { kind: 'ended', message: state.orderStatus === 'closed' ? '订单已关闭' : '订单已取消' }
      }
    } catch {
      // A failed poll is not a verdict: try again until the deadline.
    }
    if (now() >= deadline) return { kind: 'timeout' }
    await sleep(intervalMs)
  }
}
