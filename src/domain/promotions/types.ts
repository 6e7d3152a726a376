/**
 * The promotions engine's inputs and outputs. Pure data: the server loads promotions and the
 * shopper's coupons from its database and the engine (./engine) turns lines into one price
 * with a breakdown; the app only shows that breakdown.
 *
 * The rules, in the order the engine applies them (anyone reading this should be able to
 * work out a price by hand):
 *
 * 1. Unit-price stage: limited_time and member_price. A unit has one price: the lowest of
 *    the regular price, a live limited-time price (for the units the offer's own stock and
 *    the shopper's per-user limit still allow) and, for members, the member price (one with
 *    `minLevel` is for every shopper of that level rank or higher instead). These two
 *    kinds never stack with each other.
 * 2. Order-level stage: n_for_n, full_reduction, full_discount, in ascending `priority`
 *    (then id). Each one's base is the in-scope lines whose every discount so far combines
 *    with it (see Stacking), at what they cost after the discounts so far. Thresholds are
 *    measured on that base.
 * 3. Coupons: at most one shop coupon (scope 'all') and at most one product coupon (any
 *    other scope); a coupon whose `withOtherCoupons` is false goes alone; two coupons of one
 *    batch never go together. Whether two coupons combine is decided by these rules alone
 *    (combinesWith is about promotions). Percent coupons apply before amount coupons; two of
 *    the same type: the product coupon first. A coupon's threshold is measured on its base
 *    after stage 2; what it takes off is measured on what its base costs when it applies
 *    (after an earlier coupon): amount = min(value, that), percent = min(cap, floor(that ×
 *    (100 - value) / 100)). With couponChoice 'best' the engine tries every valid selection
 *    and keeps the lowest total (ties: fewer coupons, then the ones expiring first, then
 *    lower ids).
 * 4. Shipping: free when the goods cost at least FREE_SHIPPING_THRESHOLD (or the shopper's
 *    level's `freeShippingThreshold`, 0 = always free) at their regular
 *    price (the subtotal). Judged before discounts on purpose: after discounts, a 满减 that
 *    takes 100.00 of goods to 95.00 would add 10.00 shipping and the shopper would pay more
 *    with the promotion than without it; no discount ever costs the shopper free shipping.
 *
 * Rounding: every discount is rounded down to the fen (the shopper never gets a fraction).
 * A discount over several lines is split in proportion to what each line costs at that
 * point, remainders to the largest shares first (then the larger line, then the earlier
 * line), so the lines' shares add up to the discount exactly; refunds use these per-line
 * shares. A member percent price is the regular price less the rounded-down discount.
 *
 * Details the rules above leave open, as the engine does them:
 * - A line is "under" a discount when that discount has a share on it greater than 0 (a line
 *   with 1 of 3 units at a limited-time price is under limited_time; a line whose n_for_n
 *   units went into no bundle is not under n_for_n).
 * - Limited-time offers: a unit takes the cheapest live offer still available for its SKU,
 *   only when that is below the member price (members) or the regular price; lines use up
 *   the offer's stock and the per-user allowance in cart order.
 * - n_for_n: a line's unit values are the cumulative floors of what it costs so far; ties
 *   between equal values go to the earlier line. Bundles formed from the highest values stop
 *   at the first bundle saving nothing; a bundle's saving is split over its lines in
 *   proportion to the value each gave it.
 * - full_reduction with `repeat` uses the highest tier reached, once per full threshold.
 * - Nudges: one per order-level promotion whose base is not empty and which has a next step
 *   (the next tier, the next multiple for 每满, or the units missing for a first n_for_n
 *   bundle), unless the cap already stops that step from saving more.
 * - The same SKU on two lines, a quantity outside 1..MAX_QUANTITY_PER_LINE, a fraction of a
 *   fen and malformed promotion data are refused with a RangeError.
 */
import type { Fen } from '../money'

export const PROMOTION_KINDS = ['limited_time', 'member_price', 'n_for_n', 'full_reduction', 'full_discount'] as const
export type PromotionKind = (typeof PROMOTION_KINDS)[number]
/** Everything that can take money off a line. */
export type DiscountKind = PromotionKind | 'coupon'

export type Scope =
  | { type: 'all' }
  | { type: 'products'; productIds: number[] }
  | { type: 'categories'; categoryIds: number[] }

export interface Stacking {
  /**
   * The kinds this discount may share a line with. Two discounts share a line only when
   * each lists the other's kind (a promotion that allows coupons lists 'coupon').
   */
  combinesWith: DiscountKind[]
  /** Order within the order-level stage; lower applies first. Ignored by the unit-price stage. */
  priority: number
}

interface PromotionBase {
  id: number
  /** Shown to shoppers: "双11 限时特惠". */
  name: string
  /** Epoch ms; live while startsAt <= now < endsAt. */
  startsAt: number
  endsAt: number
  stacking: Stacking
}

/** 限时特价: its own price and its own stock per SKU, and an optional per-shopper limit. */
export interface LimitedTimePromotion extends PromotionBase {
  kind: 'limited_time'
  /** stockLeft: units the offer may still sell at its price (its own stock, not the SKU's). */
  items: { skuId: number; price: Fen; stockLeft: number }[]
  /** Units one shopper may buy at the offer price over the whole offer; null = no limit. */
  perUserLimit: number | null
}

/** 会员价: fixed prices per SKU, or a percentage for everything in scope. Members only. */
export interface MemberPricePromotion extends PromotionBase {
  kind: 'member_price'
  scope: Scope
  /** Percent of the price a member pays (95 = 9.5 折) for in-scope SKUs without a fixed price; null = fixed prices only. */
  percent: number | null
  items: { skuId: number; price: Fen }[]
  /**
   * A level tier (金卡会员价): applies to every shopper whose level rank ≥ minLevel, paid member
   * or not. Absent or null: the paid membership's price (PricingInput.member), as before.
   */
  minLevel?: number | null
}

/** N元N件: any `count` units in scope for `price` together, as many times as the cart allows. */
export interface NForNPromotion extends PromotionBase {
  kind: 'n_for_n'
  scope: Scope
  count: number
  price: Fen
}

/** 满减: tiers by amount (fen) or by quantity (units); the highest tier reached applies. */
export interface FullReductionPromotion extends PromotionBase {
  kind: 'full_reduction'
  scope: Scope
  basis: 'amount' | 'quantity'
  /** Ascending thresholds. */
  tiers: { threshold: number; off: Fen }[]
  /** 每满: the (single) tier's `off` counts once for every full threshold. */
  repeat: boolean
  /** Most fen this promotion takes off an order; null = no cap. */
  cap: Fen | null
}

/** 满折: tiers by amount or quantity; the tier's percent is what the shopper pays (80 = 8 折). */
export interface FullDiscountPromotion extends PromotionBase {
  kind: 'full_discount'
  scope: Scope
  basis: 'amount' | 'quantity'
  tiers: { threshold: number; percent: number }[]
  cap: Fen | null
}

export type Promotion = LimitedTimePromotion | MemberPricePromotion | NForNPromotion | FullReductionPromotion | FullDiscountPromotion

/** What a coupon offers, wherever it is shown (held, in the shopper's list, a batch in the console). */
export interface CouponFace {
  /** "满100减10", "全场 9 折券". */
  title: string
  type: 'amount' | 'percent'
  /** amount: fen off; percent: percent paid (85 = 8.5 折). */
  value: number
  /** Percent coupons: most fen off; null = no cap. Amount coupons: null. */
  cap: Fen | null
  /** Least the in-scope goods must cost (after promotions) for the coupon to apply; 0 = none. */
  threshold: Fen
  scope: Scope
}

/** A coupon the shopper holds (a claimed, unused one). */
export interface HeldCoupon extends CouponFace {
  /** The shopper's coupon id (user_coupons.id), not the batch. */
  id: number
  batchId: number
  /** Epoch ms; usable while validFrom <= now < validTo. */
  validFrom: number
  validTo: number
  stacking: { combinesWith: DiscountKind[]; withOtherCoupons: boolean }
}

export interface EngineLine {
  skuId: number
  productId: number
  categoryId: number
  /** The catalog price, read by the server from its own database. */
  unitPrice: Fen
  quantity: number
}

export interface PricingInput {
  lines: EngineLine[]
  /** Epoch ms. */
  now: number
  member: boolean
  promotions: Promotion[]
  coupons: HeldCoupon[]
  /** 'best': the engine chooses; a list (possibly empty) is the shopper's own choice. */
  couponChoice: 'best' | number[]
  /** Units this shopper already bought at each limited-time offer's price: promotion id -> units. */
  purchased: Record<number, number>
  /** The shopper's member level rank (src/domain/levels.ts; 0 or absent = the base level): member_price promotions with minLevel apply from that rank. */
  level?: number
  /** The level's free-shipping threshold when it has one (absent = the shop's FREE_SHIPPING_THRESHOLD). */
  freeShippingThreshold?: Fen
  /** A pickup order (门店自提): no shipping fee. */
  pickup?: boolean
}

/**
 * Money off that the engine doesn't decide, set on an order by another module: a group deal's
 * price (拼团价), the points mall's money part (积分兑换), points spent at checkout (积分抵扣).
 */
export type OrderDiscountKind = 'group_buy' | 'points_redeem' | 'points' | 'plan'

export interface AppliedDiscount {
  /** group: a group deal (id = the deal); mall: a points-mall item; points: points spent at checkout (id 0); plan: a periodic purchase (id = the plan's product). */
  source: 'promotion' | 'coupon' | 'group' | 'mall' | 'points' | 'plan'
  /** Promotion id, the shopper's coupon id, the deal or the mall item. */
  id: number
  kind: DiscountKind | OrderDiscountKind
  /** "限时特惠", "满200减20", "任选3件99元", "会员价", "满100减10券". */
  label: string
  amount: Fen
  /** Its share on each line; adds up to amount. */
  lines: { skuId: number; amount: Fen }[]
  /** limited_time only: the units sold at the offer price, per SKU (for its stock and the per-user limit). */
  units?: { skuId: number; quantity: number }[]
  /**
   * member_price only: the level tier this price came from (MemberPricePromotion.minLevel).
   * Absent: the paid membership's price (its savings count towards the membership's charge).
   */
  minLevel?: number
}

export interface LineResult {
  skuId: number
  productId: number
  quantity: number
  unitPrice: Fen
  /** unitPrice * quantity. */
  lineTotal: Fen
  /** Sum of every discount's share on this line. */
  discount: Fen
  /** lineTotal - discount. */
  payable: Fen
  /** Labels of the discounts on this line, in the order they applied. */
  labels: string[]
}

export interface CouponVerdict {
  couponId: number
  usable: boolean
  /** Why it can't be used now: "再买 23.00 元可用", "未到使用时间", "已过期", "所选商品不适用", "不与限时特惠同享". */
  reason: string | null
  /** What this coupon alone would take off now; 0 when not usable. */
  discount: Fen
  selected: boolean
}

/** A push towards the next tier: "再买 23.00 元，可减 20.00". */
export interface Nudge {
  promotionId: number
  label: string
  message: string
  /** Fen (amount basis) or units (quantity basis) still missing. */
  gap: number
}

export interface PricingResult {
  lines: LineResult[]
  itemCount: number
  /** Sum of line totals, before any discount. */
  subtotal: Fen
  /** Sum of applied amounts. */
  discount: Fen
  shipping: Fen
  /** subtotal - discount + shipping; never negative. */
  total: Fen
  /** How much more the goods must cost (at regular price, see rule 4) for free shipping; 0 once reached. */
  freeShippingGap: Fen
  /** In the order they applied. */
  applied: AppliedDiscount[]
  /** One verdict per held coupon, in input order. */
  coupons: CouponVerdict[]
  selectedCouponIds: number[]
  nudges: Nudge[]
}

/** The shopper's explicit coupon choice can't be used; the message says why. */
export class CouponChoiceError extends Error {
  constructor(
    readonly code: 'COUPON_NOT_HELD' | 'COUPON_NOT_USABLE' | 'COUPONS_DO_NOT_STACK',
    message: string,
  ) {
    super(message)
    this.name = 'CouponChoiceError'
  }
}

/** What the product page and list cards show for one product (./offers). */
export interface ProductOffer {
  /** Lowest price anyone can pay now (limited-time offers included, member prices not). */
  price: Fen
  /** Lowest member price, when a member price applies to this product (shown to everyone as "会员价"). */
  memberPrice: Fen | null
  /** Short labels for cards, the engine's own: "限时特惠", "满200减20", "任选3件99元", "会员价". */
  labels: string[]
  /** The live limited-time offer on this product, for the countdown. */
  limited: { promotionId: number; name: string; endsAt: number; perUserLimit: number | null; skus: { skuId: number; price: Fen; stockLeft: number }[] } | null
}
