/**
 * Member levels (会员等级): growth value (成长值) from paid orders, levels with thresholds, and
 * the benefits the pricing engine and the points ledger apply. Shared by the server, the app
 * and the console. Pure: no I/O.
 *
 * Growth: 1 per whole yuan paid, written when an order is paid and taken back in proportion
 * when it is refunded (a ledger with one key per event, like points). A shopper's level is the
 * highest whose threshold the growth reaches; levels never need a sweep.
 */
import type { Fen } from './money'

/**
 * What a level gives. Its 会员价 tier is not stored here: a member_price promotion with
 * `minLevel` applies to every shopper whose rank ≥ minLevel (MemberPricePromotion.minLevel).
 */
export interface LevelBenefits {
  /** Free shipping from this many fen of goods (null = the shop's usual threshold). */
  freeShippingThreshold: Fen | null
  /** Points earned per order are multiplied by this (1 = none; 1.5 = +50 %), rounded down. */
  pointsMultiplier: number
  /** A coupon batch (promotions) issued once a year on the shopper's birthday; null = none. */
  birthdayCouponBatchId: number | null
}

export interface Level {
  /** 0 = the base level everyone has (threshold 0), then 1, 2, … */
  rank: number
  name: string
  threshold: number
  benefits: LevelBenefits
}

/** GET /api/levels/me */
export interface MyLevel {
  growth: number
  level: Level
  /** null at the top level. */
  next: (Level & { gap: number }) | null
  levels: Level[]
  /** MM-DD or null when not set. */
  birthday: string | null
}

/** GET/PUT /api/admin/levels: the whole ladder, rank 0 first with threshold 0, thresholds strictly rising. */
export interface LevelLadder {
  levels: Level[]
}

export const DEFAULT_LEVELS: Level[] = [
  { rank: 0, name: '普通会员', threshold: 0, benefits: { freeShippingThreshold: null, pointsMultiplier: 1, birthdayCouponBatchId: null } },
  { rank: 1, name: '银卡会员', threshold: 500, benefits: { freeShippingThreshold: 6900, pointsMultiplier: 1.2, birthdayCouponBatchId: null } },
  { rank: 2, name: '金卡会员', threshold: 2000, benefits: { freeShippingThreshold: 0, pointsMultiplier: 1.5, birthdayCouponBatchId: null } },
  { rank: 3, name: '黑金会员', threshold: 8000, benefits: { freeShippingThreshold: 0, pointsMultiplier: 2, birthdayCouponBatchId: null } },
]
