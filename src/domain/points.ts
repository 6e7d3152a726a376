/**
 * Points (积分), check-in (签到), the points mall and referral rewards (老带新). Pure: no I/O.
 *
 * The ledger: every change is an entry (delta > 0 earns a lot that can expire; delta < 0
 * spends, expires or takes back), each with a unique key so a repeated event (a paid notify
 * twice, two taps) writes once. Spending takes from the lots expiring first. The invariant,
 * property-tested: balance = earned − spent − expired − taken back ≥ 0, and the balance is
 * the sum of the lots' remaining points.
 *
 * - Earn: on a paid order, `earnPerYuan` points per whole yuan actually paid; on check-in; on
 *   a review; on a referral.
 * - Spend: at checkout, `redeem.pointsPerYuan` points take 1 yuan off, at most
 *   `redeem.maxPercent` % of what the goods cost after discounts; in the points mall.
 * - Expire: a lot earned in year Y expires at the end of year Y + `expiry.yearsAfter` in the
 *   shop's time zone (Asia/Shanghai); 0 = the same year end.
 * - A refund takes back the points its order earned (in proportion to the refunded amount,
 *   never more than the balance: the balance never goes negative) and returns those it spent.
 * - Check-in: one per day in Asia/Shanghai; the streak counts consecutive days (across month
 *   and year ends); a day in `streakBonuses` adds its bonus on that day of the streak.
 */
import type { Fen } from './money'
import { allocate } from './promotions/split'
import type { PricingResult } from './promotions/types'

export interface PointsSettings {
  /** Points per whole yuan paid (0 = no points on orders). */
  earnPerYuan: number
  checkIn: {
    daily: number
    /** Extra points on day N of a streak (e.g. {day: 7, points: 20}). */
    streakBonuses: { day: number; points: number }[]
  }
  review: { points: number; photoBonus: number }
  referral: { inviter: number; friend: number }
  redeem: { pointsPerYuan: number; maxPercent: number }
  expiry: { yearsAfter: number }
}

export const DEFAULT_POINTS_SETTINGS: PointsSettings = {
  earnPerYuan: 1,
  checkIn: { daily: 5, streakBonuses: [{ day: 7, points: 20 }] },
  review: { points: 10, photoBonus: 10 },
  referral: { inviter: 200, friend: 100 },
  redeem: { pointsPerYuan: 100, maxPercent: 50 },
  expiry: { yearsAfter: 1 },
}

export const POINTS_KINDS = ['order', 'check_in', 'review', 'referral', 'checkout', 'mall', 'expire', 'take_back', 'return', 'admin'] as const
/** order/check_in/review/referral/return/admin(+): earned; checkout/mall(−): spent; expire(−); take_back(−). */
export type PointsKind = (typeof POINTS_KINDS)[number]

export interface PointsEntryView {
  id: number
  delta: number
  kind: PointsKind
  /** "订单 D2026… 获得", "签到第 7 天", "兑换「咖啡券」". */
  title: string
  at: string
  /** Earned lots: when they expire. */
  expiresAt: string | null
}

/** GET /api/points (fixed: balance, items). */
export interface PointsView {
  balance: number
  items: PointsEntryView[]
  total: number
  page: number
  pageSize: number
  /** The next lot to expire with points left. */
  expiring: { points: number; at: string } | null
  /** Checkout rule, for the app's text: 100 积分抵 1 元, at most 50 %. */
  redeem: PointsSettings['redeem']
}

/** POST /api/check-in (fixed: awarded, streak, balance). awarded = 0 when already checked in today. */
export interface CheckInResult {
  awarded: number
  streak: number
  balance: number
  /** Already checked in today (the second tap). */
  already: boolean
}

/** GET /api/check-in?month=YYYY-MM: the calendar. */
export interface CheckInCalendar {
  month: string
  /** Checked-in days of the month, YYYY-MM-DD. */
  days: string[]
  today: string
  checkedToday: boolean
  /** The current streak (0 when yesterday and today are both missing). */
  streak: number
  daily: number
  streakBonuses: { day: number; points: number }[]
  balance: number
}

/** Checkout: what the shopper may spend on this order (in the preview, `points` of PricePreview). */
export interface PointsQuote {
  balance: number
  /** Most points usable on this order (a multiple of pointsPerYuan / 100, i.e. whole fen). */
  usable: number
  /** What `usable` takes off, in fen. */
  value: Fen
  pointsPerYuan: number
  /** Points this preview / order spends (the request's `points`, checked): 0 when none. */
  used: number
  /** What `used` takes off, in fen (in the preview's discount and applied as source 'points'). */
  usedValue: Fen
}

// ——— Points mall (积分商城) ———

export const MALL_ITEM_KINDS = ['coupon', 'product', 'gift'] as const
/** coupon: a coupon batch's coupon; product: a SKU shipped as an order (points, or points + money); gift: a SKU shipped free for points only. */
export type MallItemKind = (typeof MALL_ITEM_KINDS)[number]

export interface MallItemInput {
  kind: MallItemKind
  title: string
  image: string
  points: number
  /** Money part in fen (product only; 0 otherwise). */
  price: Fen
  stock: number
  perUserLimit: number | null
  /** coupon: the batch; product/gift: the SKU. */
  couponBatchId: number | null
  skuId: number | null
  active: boolean
}

export interface MallItemView {
  id: number
  kind: MallItemKind
  title: string
  image: string
  points: number
  price: Fen
  stockLeft: number
  perUserLimit: number | null
  /** How many the viewer has redeemed. */
  redeemed: number
}

/** POST /api/points/redeem (fixed: itemId, addressId?). addressId is required for product and gift items. */
export interface RedeemInput {
  itemId: number
  addressId?: number
  idempotencyKey?: string
}

export interface RedeemResult {
  redemptionId: number
  balance: number
  /** product/gift: the order (to pay when it has a money part, else already paid). */
  orderId: number | null
  /** coupon: the shopper's new coupon. */
  couponId: number | null
  /** 'done' (coupon issued, order paid) or 'awaiting_payment' (points + money). */
  status: 'done' | 'awaiting_payment'
}

/** Console (GET /api/admin/mall-items). */
export interface AdminMallItem extends MallItemInput {
  id: number
  redeemed: number
  createdAt: string
}

/** Console (GET /api/admin/mall-redemptions). */
export interface AdminRedemption {
  id: number
  itemId: number
  itemTitle: string
  kind: MallItemKind
  userId: number
  points: number
  price: Fen
  status: 'done' | 'awaiting_payment' | 'cancelled'
  orderId: number | null
  createdAt: string
}

// ——— Referral (老带新) ———

/** GET /api/referrals/me: the shopper's invite link and friends. */
export interface ReferralView {
  /** Short code carried by the invite link (?invite=). */
  code: string
  reward: PointsSettings['referral']
  friends: { nickname: string; status: ReferralStatus; at: string }[]
}

/** invited: bound, no paid order yet; ordered: first order paid, waiting out its after-sales window; rewarded; void (refunded, or not a new shopper). */
export const REFERRAL_STATUSES = ['invited', 'ordered', 'rewarded', 'void'] as const
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number]

/**
 * What other modules ask of the points ledger (server/modules/points), inside their own
 * transaction: the entry commits with their change or not at all. `key` is unique across
 * the ledger: the same key twice writes once (and answers the first result).
 */
export interface PointsLedgerApi {
  /** Earn a lot (expiring by the settings' rule from `at`). */
  creditIn(q: unknown, e: { userId: number; points: number; kind: PointsKind; key: string; title: string; orderId?: number | null; at: Date }): Promise<{ applied: boolean; balance: number }>
  /** Spend; refused (ok false, nothing written) when the balance is short. */
  debitIn(q: unknown, e: { userId: number; points: number; kind: PointsKind; key: string; title: string; orderId?: number | null; at: Date }): Promise<{ ok: boolean; applied: boolean; balance: number }>
}

// ——— Rules (pure) ———

/** Asia/Shanghai is UTC+8 all year (no daylight saving since 1991): the shop's day is UTC shifted by 8 hours. */
const SHOP_OFFSET_MS = 8 * 3600_000
const DAY_MS = 86_400_000

/** The shop's calendar day of an instant, YYYY-MM-DD (Asia/Shanghai). */
export function shopDay(date: Date): string {
  return new Date(date.getTime() + SHOP_OFFSET_MS).toISOString().slice(0, 10)
}

/** The shop's month, YYYY-MM. */
export function shopMonth(date: Date): string {
  return shopDay(date).slice(0, 7)
}

/** Whole days from day a to day b (YYYY-MM-DD); negative when b is earlier. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS)
}

/**
 * When a lot earned at `earnedAt` expires: the end of year Y + yearsAfter in the shop's time
 * zone, as the first instant of the next year there (a lot is gone once now >= this).
 */
export function lotExpiresAt(earnedAt: Date, s: Pick<PointsSettings, 'expiry'>): Date {
  const year = Number(shopDay(earnedAt).slice(0, 4)) + s.expiry.yearsAfter
  return new Date(Date.UTC(year + 1, 0, 1) - SHOP_OFFSET_MS)
}

/** Today's streak given the last check-in: yesterday continues it, anything older starts again at 1. */
export function nextStreak(lastDay: string | null, lastStreak: number, today: string): number {
  if (lastDay === null) return 1
  const gap = daysBetween(lastDay, today)
  if (gap === 0) return lastStreak
  return gap === 1 ? lastStreak + 1 : 1
}

/** The streak as the calendar shows it: alive while the last check-in was today or yesterday, else 0. */
export function currentStreak(lastDay: string | null, lastStreak: number, today: string): number {
  if (lastDay === null) return 0
  const gap = daysBetween(lastDay, today)
  return gap === 0 || gap === 1 ? lastStreak : 0
}

/** Points for a check-in on day `streak` of a streak: the daily points plus that day's bonuses. */
export function checkInPoints(streak: number, s: Pick<PointsSettings, 'checkIn'>): number {
  return s.checkIn.daily + s.checkIn.streakBonuses.filter((b) => b.day === streak).reduce((n, b) => n + b.points, 0)
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b)
}

/**
 * Points are spent in steps that are worth whole fen: with 100 points a yuan a step is 1 point
 * (1 fen); with 150 a yuan it is 3 points (2 fen).
 */
export function pointsStep(pointsPerYuan: number): { points: number; fen: Fen } {
  const g = gcd(pointsPerYuan, 100)
  return { points: pointsPerYuan / g, fen: 100 / g }
}

/** What `points` take off in fen (whole steps only; the rest of a step is worth nothing). */
export function pointsValue(points: number, s: Pick<PointsSettings, 'redeem'>): Fen {
  const step = pointsStep(s.redeem.pointsPerYuan)
  return Math.floor(points / step.points) * step.fen
}

/** The most points an order of `goodsPayable` (after discounts, without shipping) may take, ignoring the balance. */
export function pointsCap(goodsPayable: Fen, s: Pick<PointsSettings, 'redeem'>): number {
  const step = pointsStep(s.redeem.pointsPerYuan)
  const capFen = Math.floor((Math.max(0, goodsPayable) * s.redeem.maxPercent) / 100)
  return Math.floor(capFen / step.fen) * step.points
}

/**
 * What the shopper may spend on an order whose goods cost `goodsPayable` after discounts:
 * at most maxPercent of that, never above the balance, in whole-fen steps. `requested` is
 * rounded down to a whole step; check it with `pointsProblem` first.
 */
export function pointsQuote(balance: number, goodsPayable: Fen, s: Pick<PointsSettings, 'redeem'>, requested = 0): PointsQuote {
  const step = pointsStep(s.redeem.pointsPerYuan)
  const byBalance = Math.floor(Math.max(0, balance) / step.points) * step.points
  const usable = Math.min(byBalance, pointsCap(goodsPayable, s))
  const used = Math.min(usable, Math.floor(Math.max(0, requested) / step.points) * step.points)
  return { balance, usable, value: pointsValue(usable, s), pointsPerYuan: s.redeem.pointsPerYuan, used, usedValue: pointsValue(used, s) }
}

/** Why `requested` points can't be spent: above the order's cap (400), or above the balance (409). */
export function pointsProblem(balance: number, goodsPayable: Fen, s: Pick<PointsSettings, 'redeem'>, requested: number): 'over_limit' | 'not_enough' | null {
  if (requested <= 0) return null
  if (requested > pointsCap(goodsPayable, s)) return 'over_limit'
  if (requested > balance) return 'not_enough'
  return null
}

export const POINTS_LABEL = '积分抵扣'

/**
 * The priced order with `value` fen of points taken off: one applied discount (source
 * 'points') split over the lines in proportion to what each still costs, so a refund of a line
 * gives back its share. Shipping is never paid with points.
 */
export function withPoints(priced: PricingResult, used: number, value: Fen): PricingResult {
  if (used <= 0 || value <= 0) return priced
  const goods = priced.lines.reduce((n, l) => n + l.payable, 0)
  if (value > goods) throw new RangeError(`points value ${value} above the goods' ${goods}`)
  const shares = allocate(value, priced.lines.map((l) => l.payable))
  const lines = priced.lines.map((l, i) =>
    shares[i] > 0 ? { ...l, discount: l.discount + shares[i], payable: l.payable - shares[i], labels: [...l.labels, POINTS_LABEL] } : l,
  )
  return {
    ...priced,
    lines,
    discount: priced.discount + value,
    total: priced.total - value,
    applied: [
      ...priced.applied,
      { source: 'points', kind: 'points', id: 0, label: POINTS_LABEL, amount: value, lines: priced.lines.map((l, i) => ({ skuId: l.skuId, amount: shares[i] })).filter((x) => x.amount > 0) },
    ],
  }
}

/** The points an order earns once paid: earnPerYuan per whole yuan actually paid. */
export function orderEarnPoints(paidFen: Fen, s: Pick<PointsSettings, 'earnPerYuan'>): number {
  return Math.floor(Math.max(0, paidFen) / 100) * s.earnPerYuan
}

/**
 * The share of `total` points due after `refundedFen` (cumulative) of `paidFen` were refunded,
 * less what earlier refunds already moved. Floors of the cumulative share: refunds in pieces
 * move exactly what one whole refund would, and a full refund moves everything.
 */
export function proportionalDue(total: number, refundedFen: Fen, paidFen: Fen, already: number): number {
  if (total <= 0 || refundedFen <= 0) return 0
  const target = paidFen <= 0 || refundedFen >= paidFen ? total : Math.floor((total * refundedFen) / paidFen)
  return Math.max(0, target - already)
}

/** Points a refund takes back of what its order earned: its proportional share, never above the balance. */
export function takeBack(earnedByOrder: number, refundedFen: Fen, paidFen: Fen, alreadyTakenBack: number, balance: number): number {
  return Math.min(Math.max(0, balance), proportionalDue(earnedByOrder, refundedFen, paidFen, alreadyTakenBack))
}

/** The first bad field of the points settings (for the console's 400), or null. */
export function checkPointsSettings(s: PointsSettings): { field: string; message: string } | null {
  const int = (v: unknown, min: number, max: number) => Number.isSafeInteger(v) && (v as number) >= min && (v as number) <= max
  const checks: [string, boolean, string][] = [
    ['earnPerYuan', int(s.earnPerYuan, 0, 1000), '每元积分应为 0–1000 的整数'],
    ['checkIn.daily', int(s.checkIn?.daily, 0, 10_000), '每日签到积分应为 0–10000 的整数'],
    ['checkIn.streakBonuses', Array.isArray(s.checkIn?.streakBonuses) && s.checkIn.streakBonuses.length <= 10, '连续签到奖励最多 10 档'],
    ...(s.checkIn?.streakBonuses ?? []).map((b, i): [string, boolean, string] => [`checkIn.streakBonuses.${i}`, int(b?.day, 2, 365) && int(b?.points, 1, 100_000), '连续签到天数应为 2–365，奖励积分应为 1–100000 的整数']),
    ['review.points', int(s.review?.points, 0, 100_000), '评价积分应为 0–100000 的整数'],
    ['review.photoBonus', int(s.review?.photoBonus, 0, 100_000), '晒图奖励积分应为 0–100000 的整数'],
    ['referral.inviter', int(s.referral?.inviter, 0, 1_000_000), '邀请人奖励积分应为 0–1000000 的整数'],
    ['referral.friend', int(s.referral?.friend, 0, 1_000_000), '好友奖励积分应为 0–1000000 的整数'],
    ['redeem.pointsPerYuan', int(s.redeem?.pointsPerYuan, 1, 100_000), '抵扣比例应为每元 1–100000 积分'],
    ['redeem.maxPercent', int(s.redeem?.maxPercent, 0, 100), '抵扣上限应为 0–100 的整数百分比'],
    ['expiry.yearsAfter', int(s.expiry?.yearsAfter, 0, 10), '积分有效期应为 0–10 年'],
  ]
  const bad = checks.find(([, ok]) => !ok)
  if (bad) return { field: bad[0], message: bad[2] }
  const days = s.checkIn.streakBonuses.map((b) => b.day)
  if (new Set(days).size !== days.length) return { field: 'checkIn.streakBonuses', message: '连续签到奖励的天数不能重复' }
  return null
}

// ——— The ledger model: what the server's tables do, as a pure function (property-tested) ———

/** An earned lot: points left and when they expire (ms). */
export interface PointsLot {
  id: number
  remaining: number
  expiresAt: number
}

/** Spends take from the lots expiring first (then the oldest): points nearest to expiry are used before they are lost. */
export function takeFromLots(lots: readonly PointsLot[], points: number): { id: number; take: number }[] {
  const order = [...lots].filter((l) => l.remaining > 0).sort((a, b) => a.expiresAt - b.expiresAt || a.id - b.id)
  const out: { id: number; take: number }[] = []
  let left = points
  for (const l of order) {
    if (left <= 0) break
    const take = Math.min(l.remaining, left)
    out.push({ id: l.id, take })
    left -= take
  }
  if (left > 0) throw new RangeError(`lots hold ${points - left} of the ${points} points to take`)
  return out
}

export type LedgerEntry =
  | { kind: 'earn'; id: number; points: number; expiresAt: number }
  | { kind: 'spend'; points: number }
  | { kind: 'expire'; at: number }
  | { kind: 'take_back'; points: number }

/**
 * One entry on the lots: earn adds a lot; spend takes from the lots expiring first and is
 * refused (delta 0) when short; expire empties the lots past their time; take back takes what
 * it can (never below zero). `delta` is what the balance moved.
 */
export function applyEntry(lots: readonly PointsLot[], e: LedgerEntry): { lots: PointsLot[]; delta: number } {
  const balance = lots.reduce((n, l) => n + l.remaining, 0)
  const taking = (points: number) => {
    const takes = new Map(takeFromLots(lots, points).map((t) => [t.id, t.take]))
    return lots.map((l) => ({ ...l, remaining: l.remaining - (takes.get(l.id) ?? 0) }))
  }
  switch (e.kind) {
    case 'earn':
      return e.points > 0 ? { lots: [...lots, { id: e.id, remaining: e.points, expiresAt: e.expiresAt }], delta: e.points } : { lots: [...lots], delta: 0 }
    case 'spend':
      return e.points > 0 && e.points <= balance ? { lots: taking(e.points), delta: -e.points } : { lots: [...lots], delta: 0 }
    case 'take_back': {
      const points = Math.min(balance, Math.max(0, e.points))
      return { lots: taking(points), delta: -points }
    }
    case 'expire': {
      const gone = lots.filter((l) => l.expiresAt <= e.at).reduce((n, l) => n + l.remaining, 0)
      return { lots: lots.map((l) => (l.expiresAt <= e.at ? { ...l, remaining: 0 } : l)), delta: -gone }
    }
  }
}
