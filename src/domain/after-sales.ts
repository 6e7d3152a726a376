/**
 * After-sales (售后): what a shopper asks for after paying, and the one state machine the
 * server enforces and the app and the console read to decide which buttons to show. Pure: no I/O.
 *
 *                      ┌──approve / answer timeout──▶ refunding ──refunded──▶ refunded      (type refund)
 *   requested ─────────┤
 *     │  │             └──approve / answer timeout──▶ awaiting_return ──ship_back──▶ returning ──receive──┐
 *     │  └──refuse──▶ refused                             │                                                │
 *     └──withdraw──▶ withdrawn      withdraw ◀────────────┤ return timeout ──▶ closed                      │
 *                                                                   return:   refunding ◀──────────────────┤
 *                                                                   exchange: resending ──resend──▶ exchanged
 */
import type { Fen } from './money'
import type { OrderStatus } from './order-state'

export const AFTER_SALE_TYPES = ['refund', 'return', 'exchange'] as const
/** refund: 仅退款 (money only); return: 退货退款; exchange: 换货. */
export type AfterSaleType = (typeof AFTER_SALE_TYPES)[number]

export const AFTER_SALE_STATUSES = [
  'requested',
  'awaiting_return',
  'returning',
  'refunding',
  'resending',
  'refunded',
  'exchanged',
  'refused',
  'withdrawn',
  'closed',
] as const
export type AfterSaleStatus = (typeof AFTER_SALE_STATUSES)[number]

export type AfterSaleEvent =
  | 'approve' // the shop agrees (console), or the answer timeout agrees for it (system)
  | 'refuse' // the shop refuses, with a reason
  | 'withdraw' // the shopper takes the request back before anything was sent
  | 'ship_back' // the shopper sends the goods back with a carrier and tracking number
  | 'return_timeout' // the goods were not sent back in time
  | 'receive' // the shop has the goods back
  | 'resend' // exchange: the shop ships the replacement
  | 'refunded' // the refunds module reports the money back

export type AfterSaleActor = 'shopper' | 'admin' | 'system'

type ByType = Record<AfterSaleType, AfterSaleStatus | null>
const all = (s: AfterSaleStatus): ByType => ({ refund: s, return: s, exchange: s })

interface Transition {
  from: readonly AfterSaleStatus[]
  /** Where it goes, per type; null: not for this type. */
  to: ByType
  by: readonly AfterSaleActor[]
}

/** The whole machine: one row per event. */
export const AFTER_SALE_TRANSITIONS: Record<AfterSaleEvent, Transition> = {
  approve: { from: ['requested'], to: { refund: 'refunding', return: 'awaiting_return', exchange: 'awaiting_return' }, by: ['admin', 'system'] },
  refuse: { from: ['requested'], to: all('refused'), by: ['admin'] },
  withdraw: { from: ['requested', 'awaiting_return'], to: all('withdrawn'), by: ['shopper'] },
  ship_back: { from: ['awaiting_return'], to: { refund: null, return: 'returning', exchange: 'returning' }, by: ['shopper'] },
  return_timeout: { from: ['awaiting_return'], to: { refund: null, return: 'closed', exchange: 'closed' }, by: ['system'] },
  receive: { from: ['returning'], to: { refund: null, return: 'refunding', exchange: 'resending' }, by: ['admin'] },
  resend: { from: ['resending'], to: { refund: null, return: null, exchange: 'exchanged' }, by: ['admin'] },
  refunded: { from: ['refunding'], to: { refund: 'refunded', return: 'refunded', exchange: null }, by: ['system'] },
}

/** The next status, or null when the event is not allowed here for this type and actor. */
export function nextAfterSaleStatus(type: AfterSaleType, from: AfterSaleStatus, event: AfterSaleEvent, actor: AfterSaleActor): AfterSaleStatus | null {
  const t = AFTER_SALE_TRANSITIONS[event]
  if (!t.from.includes(from) || !t.by.includes(actor)) return null
  return t.to[type]
}

export function canAfterSale(type: AfterSaleType, from: AfterSaleStatus, event: AfterSaleEvent, actor: AfterSaleActor): boolean {
  return nextAfterSaleStatus(type, from, event, actor) !== null
}

/** Statuses an event may start from: the server's conditional UPDATE uses them. */
export function afterSaleStatusesAllowing(event: AfterSaleEvent): readonly AfterSaleStatus[] {
  return AFTER_SALE_TRANSITIONS[event].from
}

/** Ended: nothing more can happen to it. Its units are free for a new request unless it refunded or exchanged them. */
export function isAfterSaleFinal(s: AfterSaleStatus): boolean {
  return s === 'refunded' || s === 'exchanged' || s === 'refused' || s === 'withdrawn' || s === 'closed'
}

/** Open, or ended having taken the units (refunded / exchanged): these units can't be asked for again. */
export function holdsUnits(s: AfterSaleStatus): boolean {
  return !isAfterSaleFinal(s) || s === 'refunded' || s === 'exchanged'
}

export const AFTER_SALE_TYPE_LABEL: Record<AfterSaleType, string> = { refund: '仅退款', return: '退货退款', exchange: '换货' }

export const AFTER_SALE_STATUS_LABEL: Record<AfterSaleStatus, string> = {
  requested: '待商家处理',
  awaiting_return: '待寄回商品',
  returning: '商品寄回中',
  refunding: '退款中',
  resending: '待商家发出换货',
  refunded: '已退款',
  exchanged: '已换货',
  refused: '商家已拒绝',
  withdrawn: '已撤销',
  closed: '已关闭',
}

/** The timers, in days; each is configurable on the server (AFTER_SALES_* in the README). */
export interface AfterSalePolicy {
  /** The window after receipt in which a request may be made (7). */
  windowDays: number
  /** A request the shop hasn't answered in this many days is approved (2). */
  answerDays: number
  /** Goods not sent back this many days after approval: the request closes (7). */
  returnDays: number
}

export const DEFAULT_AFTER_SALE_POLICY: AfterSalePolicy = { windowDays: 7, answerDays: 2, returnDays: 7 }

export const AFTER_SALE_LIMITS = { photos: 6, reason: 200, description: 500, photoBytes: 5 * 1024 * 1024 } as const

export const DAY_MS = 86_400_000

/**
 * When the order's after-sales window ends: `windowDays` after receipt. Null while it has not
 * been received (the window has not started: requests are open). Commission and referral
 * rewards wait for this.
 */
export function afterSalesWindowEnd(receivedAt: Date | null, policy: Pick<AfterSalePolicy, 'windowDays'> = DEFAULT_AFTER_SALE_POLICY): Date | null {
  return receivedAt ? new Date(receivedAt.getTime() + policy.windowDays * DAY_MS) : null
}

/** Which types the shopper may ask for on an order in this status (refund only until received; goods back once shipped). */
export function afterSaleTypesFor(status: OrderStatus): readonly AfterSaleType[] {
  if (status === 'paid') return ['refund']
  if (status === 'shipped') return ['refund', 'return', 'exchange']
  if (status === 'completed') return ['return', 'exchange']
  return []
}

export interface AfterSaleLineState {
  orderItemId: number
  quantity: number
  refundedQuantity: number
  /**
   * Units in requests that hold them (open, refunded or exchanged), less those a refund has
   * already reserved on the order: those are in refundedQuantity, and counting them twice would
   * refuse units that are still free.
   */
  heldQuantity: number
}

export type AfterSaleCheck =
  | { ok: true }
  | { ok: false; status: 400 | 409; code: 'TYPE_NOT_ALLOWED' | 'WINDOW_CLOSED' | 'UNKNOWN_LINE' | 'TOO_MANY' | 'BAD_QUANTITY' | 'DUPLICATE_LINE' | 'NO_LINES'; message: string }

/**
 * Whether a request may be made: the type fits the order's status, the window is open, and
 * each line asks for no more than was bought less what is refunded or already asked for.
 */
export function checkAfterSaleRequest(
  order: { status: OrderStatus; receivedAt: Date | null; lines: readonly AfterSaleLineState[] },
  request: { type: AfterSaleType; lines: readonly { orderItemId: number; quantity: number }[] },
  now: Date,
  policy: AfterSalePolicy = DEFAULT_AFTER_SALE_POLICY,
): AfterSaleCheck {
  if (request.lines.length === 0) return { ok: false, status: 400, code: 'NO_LINES', message: '请选择要售后的商品' }
  if (!afterSaleTypesFor(order.status).includes(request.type)) {
    const message = order.status === 'paid' ? '订单还未发货，只能申请仅退款' : order.status === 'completed' ? '已收货的订单请申请退货退款或换货' : '该订单当前不能申请售后'
    return { ok: false, status: 409, code: 'TYPE_NOT_ALLOWED', message }
  }
  const end = afterSalesWindowEnd(order.receivedAt, policy)
  if (end && now.getTime() > end.getTime()) return { ok: false, status: 409, code: 'WINDOW_CLOSED', message: `已超过售后期（收货后 ${policy.windowDays} 天）` }
  const seen = new Set<number>()
  for (const l of request.lines) {
    if (seen.has(l.orderItemId)) return { ok: false, status: 400, code: 'DUPLICATE_LINE', message: '同一商品请只填写一次' }
    seen.add(l.orderItemId)
    if (!Number.isInteger(l.quantity) || l.quantity < 1) return { ok: false, status: 400, code: 'BAD_QUANTITY', message: '售后数量必须是正整数' }
    const line = order.lines.find((x) => x.orderItemId === l.orderItemId)
    if (!line) return { ok: false, status: 400, code: 'UNKNOWN_LINE', message: `订单中没有商品行 ${l.orderItemId}` }
    const left = line.quantity - line.refundedQuantity - line.heldQuantity
    if (l.quantity > left) return { ok: false, status: 409, code: 'TOO_MANY', message: left > 0 ? `该商品最多还能申请 ${left} 件` : '该商品已在售后中或已退款' }
  }
  return { ok: true }
}

/** When a timer acts on a request in this status: the answer timeout, the return timeout; null: no timer. */
export function afterSaleDeadline(status: AfterSaleStatus, since: Date, policy: AfterSalePolicy = DEFAULT_AFTER_SALE_POLICY): { event: AfterSaleEvent; at: Date } | null {
  if (status === 'requested') return { event: 'approve', at: new Date(since.getTime() + policy.answerDays * DAY_MS) }
  if (status === 'awaiting_return') return { event: 'return_timeout', at: new Date(since.getTime() + policy.returnDays * DAY_MS) }
  return null
}

// ——— Wire shapes (server/modules/after-sales produces them; the app and the console read them) ———

export interface AfterSaleLine {
  orderItemId: number
  skuId: number
  title: string
  specs: string
  image: string
  quantity: number
  /** What these units cost the shopper (stored line discounts), the refund they would get. */
  amount: Fen
}

export interface AfterSaleStep {
  status: AfterSaleStatus
  actor: AfterSaleActor
  note: string | null
  at: string
}

export interface AfterSale {
  id: number
  orderId: number
  orderNo: string
  type: AfterSaleType
  status: AfterSaleStatus
  lines: AfterSaleLine[]
  reason: string
  description: string | null
  /** Server paths of the photos. */
  photos: string[]
  /** What the refund is / would be (0 for an exchange). */
  amount: Fen
  /** The shop's answer when it refused. */
  refusal: string | null
  /** Where the shopper sends the goods back (return / exchange once approved). */
  returnAddress: { name: string; phone: string; address: string } | null
  returnShipment: { carrier: string; trackingNo: string; at: string } | null
  /** Exchange: the replacement's shipment. */
  resendShipment: { carrier: string; trackingNo: string; at: string } | null
  /** The refund through the refunds module, once asked for. */
  refund: { id: number; status: 'pending' | 'succeeded' | 'failed'; failure: string | null } | null
  /** When a timer will act if nobody does (answer / return timeout); null when none runs. */
  deadline: { event: AfterSaleEvent; at: string } | null
  createdAt: string
  updatedAt: string
  steps: AfterSaleStep[]
}

/** POST /api/orders/:id/after-sales */
export interface AfterSaleRequestInput {
  type: AfterSaleType
  lines: { orderItemId: number; quantity: number }[]
  reason: string
  description?: string
  photos?: string[]
}

/** Reasons the app offers (the shopper may also type one). */
export const AFTER_SALE_REASONS: Record<AfterSaleType, readonly string[]> = {
  refund: ['不想要了', '拍错 / 多拍', '商家未按约定时间发货', '未收到货'],
  return: ['商品质量问题', '商品与描述不符', '收到商品破损', '发错货', '七天无理由退货'],
  exchange: ['尺码 / 规格不合适', '商品质量问题', '收到商品破损', '发错货'],
}
