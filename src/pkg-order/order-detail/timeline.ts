import dayjs from 'dayjs'
import type { Order } from '@/domain/contract'
import { ORDER_HAPPY_PATH, ORDER_STATUS_LABEL, type OrderStatus } from '@/domain/order-state'

export interface TimelineStep {
  status: OrderStatus
  label: string
  state: 'done' | 'current' | 'todo'
  at: string | null
}

const STEP_LABEL: Partial<Record<OrderStatus, string>> = { created: '提交订单', paid: '付款成功', shipped: '商家发货', completed: '确认收货' }

/**
 * The happy path with what is done, where the order is and what is still to come. An order
 * that left the path (cancelled, closed, refunding…) shows the steps it reached, then where it ended.
 */
export function timelineSteps(order: Pick<Order, 'status' | 'timeline' | 'credit'>): TimelineStep[] {
  const at = (s: OrderStatus) => order.timeline.find((e) => e.status === s)?.at ?? null
  // 先享后付: 'paid' means the credit confirmed, not money taken (that happens at receipt).
  const label = (s: OrderStatus) => (s === 'paid' && order.credit ? '先享后付已确认' : (STEP_LABEL[s] ?? ORDER_STATUS_LABEL[s]))
  const index = ORDER_HAPPY_PATH.indexOf(order.status)
  if (index >= 0) {
    return ORDER_HAPPY_PATH.map((s, i) => ({ status: s, label: label(s), state: i < index ? 'done' : i === index ? 'current' : 'todo', at: at(s) }))
  }
  const reached: TimelineStep[] = ORDER_HAPPY_PATH.filter((s) => s === 'created' || at(s) !== null).map((s) => ({ status: s, label: label(s), state: 'done', at: at(s) }))
  return [...reached, { status: order.status, label: label(order.status), state: 'current', at: at(order.status) }]
}

/** "14分05秒" left to pay, or null once the time is up. */
export function timeLeftToPay(expiresAt: string | null, now: number): string | null {
  if (!expiresAt) return null
  const ms = dayjs(expiresAt).diff(dayjs(now))
  if (ms <= 0) return null
  const total = Math.ceil(ms / 1000)
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = String(total % 60).padStart(2, '0')
  return h > 0 ? `${h}小时${String(m).padStart(2, '0')}分${s}秒` : `${m}分${s}秒`
}

export function formatTime(iso: string): string {
  return dayjs(iso).format('YYYY-MM-DD HH:mm:ss')
}
