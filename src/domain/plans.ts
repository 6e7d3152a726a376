/**
 * Periodic purchase (周期购): a product sold as a plan of N deliveries, weekly, every two weeks
 * or monthly, paid up front in one order. Each delivery ships on its own; the shopper skips
 * one until the cut-off (the plan gains a delivery at its end, so N are still delivered), changes
 * the address for later ones, or cancels the rest for a refund of the undelivered periods with
 * the plan discount taken back fairly. Shared by the server, the app and the console. Pure.
 *
 * Delivery state machine (DELIVERY_TRANSITIONS): scheduled ─ship─▶ shipped
 *                                                 scheduled ─skip─▶ skipped
 *                                                 scheduled ─cancel─▶ cancelled
 * Plan: active ─(last delivery shipped)─▶ completed;  active ─cancel─▶ cancelled
 */
import type { Fen } from './money'
import { shopDay } from './points'

export const PLAN_INTERVALS = ['week', '2weeks', 'month'] as const
export type PlanInterval = (typeof PLAN_INTERVALS)[number]

export const PLAN_INTERVAL_LABEL: Record<PlanInterval, string> = { week: '每周', '2weeks': '每两周', month: '每月' }

export const PLAN_STATUSES = ['pending', 'active', 'completed', 'cancelled'] as const
/** pending: its order is not paid yet; active: paid, deliveries under way. */
export type PlanStatus = (typeof PLAN_STATUSES)[number]

export const DELIVERY_STATUSES = ['scheduled', 'shipped', 'skipped', 'cancelled'] as const
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number]

/** A product's plan offer (console: 商品 › 周期购). */
export interface PlanOffer {
  productId: number
  enabled: boolean
  intervals: PlanInterval[]
  /** The plan lengths on offer and the percent off each (e.g. 4 → 5 = 5 % off, 12 → 12). */
  options: { deliveries: number; percentOff: number }[]
  /** Hours before a delivery's day (00:00 shop time) after which it can no longer be skipped or moved. */
  cutoffHours: number
}

/** POST /api/plans */
export interface CreatePlanInput {
  skuId: number
  deliveries: number
  interval: PlanInterval
  /** YYYY-MM-DD, shop time. */
  firstDate: string
  addressId: number
  idempotencyKey: string
}

/** POST /api/plans/preview: the same fields but idempotencyKey/addressId → the schedule and price. */
export interface PlanQuote {
  dates: string[]
  unitPrice: Fen
  subtotal: Fen
  discount: Fen
  total: Fen
  percentOff: number
}

export interface PlanDelivery {
  /** 1-based position in the plan (skipped ones keep theirs; the replacement is appended). */
  n: number
  date: string
  status: DeliveryStatus
  shippedAt: string | null
  tracking: { carrier: string; number: string } | null
  /** Until when this delivery can still be skipped (ISO). */
  cutoffAt: string
}

/** GET /api/plans/:id (also each row of GET /api/plans). */
export interface PlanView {
  id: number
  orderId: number
  status: PlanStatus
  skuId: number
  productId: number
  title: string
  image: string
  specs: Record<string, string>
  quantity: number
  interval: PlanInterval
  deliveryCount: number
  deliveries: PlanDelivery[]
  total: Fen
  refunded: Fen
  address: { name: string; phone: string; region: [string, string, string]; detail: string }
  createdAt: string
}

/** GET /api/admin/plan-deliveries?date=: what ships that day. */
export interface PlanDeliveryRow {
  planId: number
  orderId: number
  orderNo: string
  n: number
  date: string
  status: DeliveryStatus
  title: string
  specs: Record<string, string>
  quantity: number
  address: PlanView['address']
  tracking: { carrier: string; number: string } | null
}

/** GET/PUT /api/admin/plan-settings: days the shop does not deliver (a delivery due that day moves to the next open day). */
export interface PlanSettings {
  holidays: string[]
}

// ——— Rules (pure) ———


export type DeliveryEvent = 'ship' | 'skip' | 'cancel'

/** Only a scheduled delivery moves; shipped, skipped and cancelled are final. */
export const DELIVERY_TRANSITIONS: Record<DeliveryStatus, Partial<Record<DeliveryEvent, DeliveryStatus>>> = {
  scheduled: { ship: 'shipped', skip: 'skipped', cancel: 'cancelled' },
  shipped: {},
  skipped: {},
  cancelled: {},
}

/** The status after `event`, or null when the event may not start from `status`. */
export function deliveryNext(status: DeliveryStatus, event: DeliveryEvent): DeliveryStatus | null {
  return DELIVERY_TRANSITIONS[status][event] ?? null
}

export interface PlanProblem {
  field: string
  message: string
}

/** The console's offer form: the first problem, named by its field, or null. */
export function checkPlanOffer(offer: Omit<PlanOffer, 'productId'>): PlanProblem | null {
  const { intervals, options, cutoffHours } = offer
  if (!Array.isArray(intervals) || intervals.length < 1 || intervals.length > 3 || new Set(intervals).size !== intervals.length || intervals.some((i) => !PLAN_INTERVALS.includes(i)))
    return { field: 'intervals', message: '请选择 1–3 种不重复的配送周期' }
  if (!Array.isArray(options) || options.length < 1) return { field: 'options', message: '至少设置一种期数' }
  for (const o of options) {
    if (!Number.isInteger(o?.deliveries) || o.deliveries < 2 || o.deliveries > 52) return { field: 'options', message: '期数须为 2–52 的整数' }
    if (!Number.isInteger(o.percentOff) || o.percentOff < 0 || o.percentOff > 50) return { field: 'options', message: '优惠须为 0–50 的整数百分比' }
  }
  if (new Set(options.map((o) => o.deliveries)).size !== options.length) return { field: 'options', message: '期数不能重复' }
  if (!Number.isInteger(cutoffHours) || cutoffHours < 0 || cutoffHours > 168) return { field: 'cutoffHours', message: '截止时间须为 0–168 小时' }
  return null
}

const DAY_MS = 86_400_000
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/

/** A real calendar day written YYYY-MM-DD (2026-02-30 is not). */
export function isDay(s: unknown): s is string {
  if (typeof s !== 'string' || !DATE_RE.test(s)) return false
  const t = Date.parse(`${s}T00:00:00Z`)
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10)
}

/** The i-th (0-based) date of the plain rhythm: a month keeps the first date's day, clamped to short months (31 → 28/29 → 31 → 30). */
function nominal(firstDate: string, interval: PlanInterval, i: number): string {
  if (interval === 'week') return addDays(firstDate, 7 * i)
  if (interval === '2weeks') return addDays(firstDate, 14 * i)
  const [y, m, d] = firstDate.split('-').map(Number)
  const months = m - 1 + i
  const year = y + Math.floor(months / 12)
  const month = months % 12
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate()
  return new Date(Date.UTC(year, month, Math.min(d, last))).toISOString().slice(0, 10)
}

/**
 * The plan's `count` delivery dates. A date on a shop holiday moves to the next open day, but
 * never onto or past the next delivery's own slot (two parcels in one day help nobody): a
 * holiday run covering the whole gap keeps the delivery on its slot (the shop must then deliver
 * on that day; such long closures are a settings mistake, not a reason to drop a period).
 */
export function schedule(firstDate: string, interval: PlanInterval, count: number, holidays: readonly string[]): string[] {
  const closed = new Set(holidays)
  const out: string[] = []
  for (let i = 0; i < count; i++) {
    const slot = nominal(firstDate, interval, i)
    const next = nominal(firstDate, interval, i + 1)
    let day = slot
    while (closed.has(day) && day < next) day = addDays(day, 1)
    out.push(day < next ? day : slot)
  }
  return out
}

/** The percent off the plan options give `deliveries` periods: the largest option not longer than that, 0 when none. */
export function percentFor(options: PlanOffer['options'], deliveries: number): number {
  let best: { deliveries: number; percentOff: number } | null = null
  for (const o of options) if (o.deliveries <= deliveries && (!best || o.deliveries > best.deliveries)) best = o
  return best?.percentOff ?? 0
}

/** One unit at `percentOff` off, rounded down to the fen: the shopper never pays a fen more than the percentage says. */
export function planUnitPrice(unitPrice: Fen, percentOff: number): Fen {
  return Math.floor((unitPrice * (100 - percentOff)) / 100)
}

/**
 * The plan's price: every unit at the plan's unit price (rounded per unit, so the order, priced
 * per unit, totals exactly this); the discount is what that takes off the catalog price.
 */
export function planQuote(unitPrice: Fen, quantity: number, deliveries: number, percentOff: number): Omit<PlanQuote, 'dates'> {
  const units = quantity * deliveries
  const subtotal = unitPrice * units
  const total = planUnitPrice(unitPrice, percentOff) * units
  return { unitPrice, subtotal, discount: subtotal - total, total, percentOff }
}

export interface PlanRefundInput {
  /** What the shopper paid for the plan (less anything refunded already is the caller's business). */
  paid: Fen
  unitPrice: Fen
  quantity: number
  deliveries: number
  delivered: number
  options: PlanOffer['options']
}

/**
 * Cancelling the rest: the delivered periods are charged at the discount a plan of that length
 * would have had (the largest option not longer; none: full price) — the plan discount taken
 * back fairly — never more than was paid; the rest goes back. A shorter plan can carry a
 * bigger discount per period than a longer one would (options 2 at 0 %, 3 at 50 %), so each
 * delivered count is charged at least what fewer would have been: delivering more never
 * refunds more.
 */
export function planRefund(p: PlanRefundInput): { refund: Fen; deliveredShare: Fen } {
  const delivered = Math.max(0, Math.min(p.delivered, p.deliveries))
  let share = 0
  for (let d = 1; d <= delivered; d++) share = Math.max(share, d * p.quantity * planUnitPrice(p.unitPrice, percentFor(p.options, d)))
  const deliveredShare = Math.min(p.paid, share)
  return { refund: p.paid - deliveredShare, deliveredShare }
}

/** Until when a delivery on `date` (shop day) can be skipped or moved: its day's 00:00 in Beijing less `cutoffHours`. */
export function cutoffAt(date: string, cutoffHours: number): string {
  return new Date(Date.parse(`${date}T00:00:00+08:00`) - cutoffHours * 3600_000).toISOString()
}

/** Why this delivery can't be skipped now (409 code and message), or null. */
export function skipProblem(delivery: Pick<PlanDelivery, 'status' | 'cutoffAt'>, now: Date): { code: 'DELIVERY_NOT_SCHEDULED' | 'PAST_CUTOFF'; message: string } | null {
  if (!deliveryNext(delivery.status, 'skip')) return { code: 'DELIVERY_NOT_SCHEDULED', message: '这一期已发货、已跳过或已取消' }
  if (now.getTime() >= Date.parse(delivery.cutoffAt)) return { code: 'PAST_CUTOFF', message: '已过这一期的修改截止时间' }
  return null
}

/** The longest a delivery can be postponed when no later one bounds it (the last delivery). */
export const MAX_POSTPONE_DAYS = 31

/** The day of the plan's next delivery after `d` that still goes out (scheduled or shipped), or null: it bounds a postpone. */
export function nextOutgoingDate(d: Pick<PlanDelivery, 'n' | 'date'>, all: readonly Pick<PlanDelivery, 'n' | 'date' | 'status'>[]): string | null {
  return all.filter((x) => x.n !== d.n && x.date > d.date && (x.status === 'scheduled' || x.status === 'shipped')).map((x) => x.date).sort()[0] ?? null
}

/** The days `d` can be postponed to, as postponeProblem allows them (the app's date picker). */
export function postponeRange(d: Pick<PlanDelivery, 'n' | 'date'>, all: readonly Pick<PlanDelivery, 'n' | 'date' | 'status'>[]): { start: string; end: string } {
  const next = nextOutgoingDate(d, all)
  return { start: addDays(d.date, 1), end: next ? addDays(next, -1) : addDays(d.date, MAX_POSTPONE_DAYS) }
}

/**
 * Postponing (顺延) a delivery to `to`: only a scheduled one before its cut-off (as skip), to a
 * real later day that is not a shop holiday, before the plan's next delivery (the order of the
 * deliveries stays), or within MAX_POSTPONE_DAYS for the last one. null when allowed.
 */
export function postponeProblem(
  delivery: Pick<PlanDelivery, 'status' | 'cutoffAt' | 'date'>,
  to: string,
  next: string | null,
  holidays: readonly string[],
  now: Date,
): { code: 'DELIVERY_NOT_SCHEDULED' | 'PAST_CUTOFF' | 'BAD_DATE'; message: string } | null {
  const blocked = skipProblem(delivery, now)
  if (blocked) return blocked
  if (!isDay(to)) return { code: 'BAD_DATE', message: '日期格式应为 YYYY-MM-DD' }
  if (to <= delivery.date) return { code: 'BAD_DATE', message: '顺延的日期要晚于原配送日' }
  if (holidays.includes(to)) return { code: 'BAD_DATE', message: '这一天店铺休息不配送，请换一天' }
  if (next !== null && to >= next) return { code: 'BAD_DATE', message: `顺延不能晚于下一期（${next}）` }
  if (next === null && to > addDays(delivery.date, MAX_POSTPONE_DAYS)) return { code: 'BAD_DATE', message: `最后一期最多顺延 ${MAX_POSTPONE_DAYS} 天` }
  return null
}

/** The first day a new plan may start: tomorrow (shop day) and after the cut-off from now. */
export function earliestFirstDate(now: Date, cutoffHours: number): string {
  let day = addDays(shopDay(now), 1)
  while (now.getTime() >= Date.parse(cutoffAt(day, cutoffHours))) day = addDays(day, 1)
  return day
}
