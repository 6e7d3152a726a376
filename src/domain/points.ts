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
