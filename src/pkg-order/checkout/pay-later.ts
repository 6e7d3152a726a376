import Taro from '@tarojs/taro'
import type { Order } from '@/domain/contract'
import { isPaid, paymentStanding } from '@/domain/order-state'
import type { CreditAdapter } from '@/platform/credit/types'
import { route } from '@/routes'
import { startPayAfterUse } from '@/services/credit'
import { pollUntil, type PollOptions } from '@/lib/poll-until'
import { openCreditConfirm } from '@/platform/credit/open-confirm'
import { errorMessage } from '@/services/http'
import { fetchOrder } from '@/services/orders'

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

/** The server decided: the order left 待付款 (paid, or closed meanwhile), or its credit order moved (declined). */
const decided = (o: Order) => paymentStanding(o.status) !== 'awaiting' || (o.credit !== undefined && o.credit.state !== 'created')

/** 先享后付: POST /api/orders/:id/credit, the platform's confirm, then the order until the server says paid (or credit said no). */
export async function startPayLater(orderId: number, adapter?: CreditAdapter, poll: PollOptions = {}): Promise<PayLaterOutcome> {
  let start
  try {
    start = await startPayAfterUse(orderId)
  } catch (err) {
    return { kind: 'failed', message: errorMessage(err) }
  }
  const outcome = await openCreditConfirm(start.confirm, route.orderDetail(orderId), adapter)
  // Sandbox server, mini-program in its IDE: the in-app sandbox confirm decides, then opens the order.
  if (outcome.kind === 'sandbox') {
    void Taro.redirectTo({ url: route.sandboxConfirm(outcome.ticket, route.orderDetail(orderId)) })
    return { kind: 'left' }
  }
  if (outcome.kind !== 'confirming') return outcome
  const polled = await pollUntil(() => fetchOrder(orderId), decided, poll)
  if (polled.kind !== 'done') return { kind: 'timeout' }
  if (isPaid(polled.value.status)) return { kind: 'confirmed' }
  return { kind: 'failed', message: '信用评估未通过，请选择立即支付' }
}
