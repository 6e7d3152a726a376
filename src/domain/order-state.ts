/**
 * The one order state machine, shared by the server (which enforces it) and the app
 * (which uses it to decide which buttons and tabs to show). Pure: no I/O.
 *
 *   created ──pay──▶ paid ──ship──▶ shipped ──confirm──▶ completed
 *      │                │              │                    │
 *      ├─cancel─▶ cancelled            └──────refund────────┤
 *      └─close──▶ closed     paid ─refund─▶ refunding ─refunded─▶ refunded
 */
export const ORDER_STATUSES = [
  'created',
  'paid',
  'shipped',
  'completed',
  'cancelled',
  'closed',
  'refunding',
  'refunded',
] as const
export type OrderStatus = (typeof ORDER_STATUSES)[number]

export type OrderEvent =
  | 'pay' // a verified payment notify or query
  | 'cancel' // the shopper cancels before paying
  | 'close' // the unpaid order outlived its time to pay
  | 'ship' // the merchant ships with a tracking number
  | 'confirm' // the shopper (or the auto-confirm timer) confirms receipt
  | 'refund' // a refund is requested (admin, or a late payment on a closed order)
  | 'refunded' // the provider confirms the refund

export type OrderActor = 'shopper' | 'system' | 'admin'

interface Transition {
  from: readonly OrderStatus[]
  to: OrderStatus
  by: readonly OrderActor[]
}

const TRANSITIONS: Record<OrderEvent, Transition> = {
  pay: { from: ['created'], to: 'paid', by: ['system'] },
  cancel: { from: ['created'], to: 'cancelled', by: ['shopper', 'admin'] },
  close: { from: ['created'], to: 'closed', by: ['system'] },
  ship: { from: ['paid'], to: 'shipped', by: ['admin'] },
  confirm: { from: ['shipped'], to: 'completed', by: ['shopper', 'system'] },
  refund: { from: ['paid', 'shipped', 'completed'], to: 'refunding', by: ['admin', 'system'] },
  refunded: { from: ['refunding'], to: 'refunded', by: ['system'] },
}

export function isOrderStatus(value: unknown): value is OrderStatus {
  return typeof value === 'string' && (ORDER_STATUSES as readonly string[]).includes(value)
}

/** The next status, or null when the event is not allowed from this status for this actor. */
export function nextStatus(from: OrderStatus, event: OrderEvent, actor: OrderActor): OrderStatus | null {
  const t = TRANSITIONS[event]
  if (!t.from.includes(from) || !t.by.includes(actor)) return null
  return t.to
}

/** The statuses an event may start from: the server uses it for conditional updates. */
export function statusesAllowing(event: OrderEvent): readonly OrderStatus[] {
  return TRANSITIONS[event].from
}

export function canDo(from: OrderStatus, event: OrderEvent, actor: OrderActor): boolean {
  return nextStatus(from, event, actor) !== null
}

/** Stock reserved at creation goes back when the order ends without being paid. */
export function releasesStock(event: OrderEvent): boolean {
  return event === 'cancel' || event === 'close'
}

export function isFinal(status: OrderStatus): boolean {
  return status === 'completed' || status === 'cancelled' || status === 'closed' || status === 'refunded'
}

/**
 * Orders the server has taken the money for (or, 先享后付, whose credit it confirmed): 'paid'
 * and every status an order can reach from there. Only the server moves an order here.
 */
export const PAID_STATUSES: readonly OrderStatus[] = ['paid', 'shipped', 'completed', 'refunding', 'refunded']

export function isPaid(status: OrderStatus): boolean {
  return PAID_STATUSES.includes(status)
}

/**
 * Where an order stands for paying it: 'paid' (the server has the money), 'awaiting' (待付款:
 * it can still be paid) or 'ended' (cancelled or closed without being paid: it never can be).
 */
export type PaymentStanding = 'paid' | 'awaiting' | 'ended'

export function paymentStanding(status: OrderStatus): PaymentStanding {
  if (isPaid(status)) return 'paid'
  return canDo(status, 'pay', 'system') ? 'awaiting' : 'ended'
}

export const ORDER_STATUS_LABEL: Record<OrderStatus, string> = {
  created: '待付款',
  paid: '待发货',
  shipped: '待收货',
  completed: '已完成',
  cancelled: '已取消',
  closed: '已关闭',
  refunding: '退款中',
  refunded: '已退款',
}

/** The tabs of the order list, in the order a shopper expects them. `all` lists every order. */
export const ORDER_TABS: readonly { key: OrderStatus | 'all'; label: string }[] = [
  { key: 'all', label: '全部' },
  { key: 'created', label: '待付款' },
  { key: 'paid', label: '待发货' },
  { key: 'shipped', label: '待收货' },
  { key: 'completed', label: '已完成' },
]

/** The happy path, for a timeline that shows what is done and what is still to come. */
export const ORDER_HAPPY_PATH: readonly OrderStatus[] = ['created', 'paid', 'shipped', 'completed']
