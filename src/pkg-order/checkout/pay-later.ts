import type { Order } from '@/domain/contract'
import type { CreditAdapter } from '@/platform/credit/types'
import { route } from '@/routes'
import { startPayAfterUse } from '@/services/credit'
import { openCreditConfirm, pollUntil, type PollOptions } from '@/services/credit-confirm'
import { errorMessage } from '@/services/http'
import { fetchOrder } from '@/services/orders'
import { PAID_STATUSES } from '../payment/pay-flow'

export type PayLaterOutcome =
  /** The server has the platform's confirm: the order ships now, paid after use. */
  | { kind: 'confirmed' }
  | { kind: 'cancelled' }
  /** Credit said no, or the confirm could not open: the order waits to be paid the ordinary way. */
  | { kind: 'failed'; message: string }
  /** The H5 confirm page is opening; it brings the shopper back to the order. */
  | { kind: 'left' }
  /** No verdict yet: the order page shows what the server has. */
  | { kind: 'timeout' }

const decided = (o: Order) => PAID_STATUSES.includes(o.status) || (o.credit !== undefined && o.credit.state !== 'created') || o.status !== 'created'

/** 先享后付: POST /api/orders/:id/credit, the platform's confirm, then the order until the server says paid (or credit said no). */
export async function startPayLater(orderId: number, adapter?: CreditAdapter, poll: PollOptions = {}): Promise<PayLaterOutcome> {
  let start
  try {
    start = await startPayAfterUse(orderId)
  } catch (err) {
    return { kind: 'failed', message: errorMessage(err) }
  }
  const outcome = await openCreditConfirm(start.confirm, route.orderDetail(orderId), adapter)
  if (outcome.kind !== 'confirming') return outcome
  const polled = await pollUntil(() => fetchOrder(orderId), decided, poll)
  if (polled.kind !== 'done') return { kind: 'timeout' }
  if (PAID_STATUSES.includes(polled.value.status)) return { kind: 'confirmed' }
  return { kind: 'failed', message: '信用评估未通过，请选择立即支付' }
}
