/**
 * Stage 3: coupons. Each held coupon is judged once against the cart as stage 2 left it (its
 * base, threshold, what it alone takes off and how that splits over the lines); a selection
 * of one or two coupons is then priced from those numbers without redoing the stages, which
 * keeps the best-combination search cheap.
 *
 * Rules: at most one shop coupon (scope 'all') and one product coupon (any other scope); a
 * coupon with withOtherCoupons false goes alone; two coupons of one batch never go together.
 * Percent coupons apply before amount coupons; between two of the same type the product
 * coupon goes first. Whether coupons combine with each other is decided by these rules only
 * (not by combinesWith, which is about promotions).
 */
import type { Fen } from '../money'
import { applyShares, firstBlocker, lineAccepts, stackRef, type StackRef, type WorkLine } from './cart-state'
import { couponLabel, couponReasons } from './labels'
import { inScope } from './scope'
import { allocate } from './split'
import { CouponChoiceError, type AppliedDiscount, type HeldCoupon } from './types'

export interface CouponPlan {
  coupon: HeldCoupon
  shop: boolean
  usable: boolean
  reason: string | null
  /** Indices of the lines it may take money off (in scope and combinable after stage 2). */
  base: number[]
  /** What its base costs after stage 2; the threshold is measured on this. */
  baseAmount: Fen
  /** What it alone takes off now. */
  discount: Fen
  /** Its shares when it applies first, one per cart line (0 off its base); see sharesOf. */
  shares: Fen[] | null
  stack: StackRef
}

function couponOff(c: HeldCoupon, base: Fen): Fen {
  if (base <= 0) return 0
  if (c.type === 'amount') return Math.min(c.value, base)
  const off = Math.floor((base * (100 - c.value)) / 100)
  return Math.min(off, c.cap ?? off, base)
}

function refused(plan: CouponPlan, reason: string): CouponPlan {
  plan.reason = reason
  plan.base = []
  plan.baseAmount = 0
  return plan
}

/** Judges every held coupon against the cart after stage 2. */
export function planCoupons(lines: readonly WorkLine[], coupons: readonly HeldCoupon[], now: number): CouponPlan[] {
  return coupons.map((coupon) => {
    const stack = stackRef('coupon', coupon.stacking.combinesWith)
    const plan: CouponPlan = { coupon, shop: coupon.scope.type === 'all', usable: false, reason: null, base: [], baseAmount: 0, discount: 0, shares: null, stack }
    if (now < coupon.validFrom) return refused(plan, couponReasons.notYet)
    if (now >= coupon.validTo) return refused(plan, couponReasons.expired)
    let blocker: string | null = null
    let anyInScope = false
    for (const line of lines) {
      if (!inScope(coupon.scope, line)) continue
      anyInScope = true
      if (lineAccepts(line, stack)) {
        plan.base.push(line.index)
        plan.baseAmount += line.payable
      } else if (blocker === null) {
        blocker = line.labels[firstBlocker(line, stack)]
      }
    }
    if (!anyInScope) return refused(plan, couponReasons.notApplicable)
    if (plan.base.length === 0) return refused(plan, couponReasons.blockedBy(blocker as string))
    if (plan.baseAmount < coupon.threshold) return refused(plan, couponReasons.threshold(coupon.threshold - plan.baseAmount))
    plan.usable = true
    plan.discount = couponOff(coupon, plan.baseAmount)
    return plan
  })
}

/**
 * A coupon's split when it applies first, worked out only when a selection needs it (most
 * coupons in a search never do). Only valid while the lines are as stage 2 left them.
 */
function sharesOf(plan: CouponPlan, lines: readonly WorkLine[]): Fen[] {
  if (plan.shares) return plan.shares
  const shares = new Array<number>(lines.length).fill(0)
  if (plan.discount > 0) {
    const split = allocate(plan.discount, plan.base.map((i) => lines[i].payable))
    plan.base.forEach((i, k) => (shares[i] = split[k]))
  }
  plan.shares = shares
  return shares
}

/** Why these usable coupons can't go together, or null when they can. */
function stackProblem(a: CouponPlan, b: CouponPlan): string | null {
  if (a.coupon.id === b.coupon.id) return '同一张优惠券不能重复使用'
  if (!a.coupon.stacking.withOtherCoupons) return `「${a.coupon.title}」不能与其他优惠券同时使用`
  if (!b.coupon.stacking.withOtherCoupons) return `「${b.coupon.title}」不能与其他优惠券同时使用`
  if (a.shop === b.shop) return a.shop ? '一次最多使用一张店铺券' : '一次最多使用一张商品券'
  if (a.coupon.batchId === b.coupon.batchId) return '同一批次的优惠券不能同时使用'
  return null
}

/** The order two coupons apply in: percent first, then the product coupon first. */
function ordered(a: CouponPlan, b: CouponPlan): [CouponPlan, CouponPlan] {
  if (a.coupon.type !== b.coupon.type) return a.coupon.type === 'percent' ? [a, b] : [b, a]
  return a.shop ? [b, a] : [a, b]
}

/** What the second coupon takes off after the first took its shares. */
function secondOff(first: CouponPlan, second: CouponPlan, lines: readonly WorkLine[]): Fen {
  let left = second.baseAmount
  const shares = sharesOf(first, lines)
  for (const i of second.base) left -= shares[i]
  return couponOff(second.coupon, left)
}

export interface Selection {
  /** In the order they apply. */
  plans: CouponPlan[]
  discount: Fen
}

const NONE: Selection = { plans: [], discount: 0 }

function selectionOf(plans: CouponPlan[], lines: readonly WorkLine[]): Selection {
  if (plans.length === 0) return NONE
  if (plans.length === 1) return { plans, discount: plans[0].discount }
  const [first, second] = ordered(plans[0], plans[1])
  return { plans: [first, second], discount: first.discount + secondOff(first, second, lines) }
}

/**
 * Every valid selection (none, each usable coupon alone, each stackable shop × product pair),
 * keeping the lowest total with shipping; ties: fewer coupons, then the ones expiring first,
 * then lower ids.
 */
export function bestSelection(plans: readonly CouponPlan[], lines: readonly WorkLine[], goods: Fen, totalFor: (couponDiscount: Fen) => Fen): Selection {
  const usable = plans.filter((p) => p.usable)
  let best = NONE
  let bestTotal = totalFor(0)
  const consider = (s: Selection) => {
    const total = totalFor(s.discount)
    if (total < bestTotal || (total === bestTotal && prefer(s, best))) {
      best = s
      bestTotal = total
    }
  }
  for (const p of usable) consider({ plans: [p], discount: p.discount })
  const shops = usable.filter((p) => p.shop && p.coupon.stacking.withOtherCoupons)
  const products = usable.filter((p) => !p.shop && p.coupon.stacking.withOtherCoupons)
  for (const s of shops) {
    for (const p of products) {
      if (s.coupon.batchId === p.coupon.batchId) continue
      // Together they take off at most what each takes alone: skip pairs that can't win.
      if (goods - s.discount - p.discount > bestTotal) continue
      const [first, second] = ordered(s, p)
      const discount = first.discount + secondOff(first, second, lines)
      const total = totalFor(discount)
      // Only build the selection when it could win.
      if (total <= bestTotal) consider({ plans: [first, second], discount })
    }
  }
  return best
}

/** Tie-break between equally cheap selections: is `a` preferred over `b`? */
function prefer(a: Selection, b: Selection): boolean {
  if (a.plans.length !== b.plans.length) return a.plans.length < b.plans.length
  const ends = (s: Selection) => s.plans.map((p) => p.coupon.validTo).sort((x, y) => x - y)
  const ids = (s: Selection) => s.plans.map((p) => p.coupon.id).sort((x, y) => x - y)
  const cmp = compareLists(ends(a), ends(b)) || compareLists(ids(a), ids(b))
  return cmp < 0
}

function compareLists(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i]
  return 0
}

/** The shopper's own choice, checked: held, usable now, and allowed together. */
export function chosenSelection(plans: readonly CouponPlan[], lines: readonly WorkLine[], ids: readonly number[]): Selection {
  const chosen: CouponPlan[] = []
  for (const id of ids) {
    const plan = plans.find((p) => p.coupon.id === id)
    if (!plan) throw new CouponChoiceError('COUPON_NOT_HELD', '没有这张优惠券，或它已被使用')
    chosen.push(plan)
  }
  for (const plan of chosen) {
    if (!plan.usable) throw new CouponChoiceError('COUPON_NOT_USABLE', `「${plan.coupon.title}」暂不可用：${plan.reason ?? ''}`)
  }
  if (chosen.length > 2) throw new CouponChoiceError('COUPONS_DO_NOT_STACK', '一次最多使用一张店铺券和一张商品券')
  if (chosen.length === 2) {
    const problem = stackProblem(chosen[0], chosen[1])
    if (problem) throw new CouponChoiceError('COUPONS_DO_NOT_STACK', problem)
  }
  return selectionOf(chosen, lines)
}

/** Puts the selected coupons' shares on the lines, in order. */
export function applySelection(lines: readonly WorkLine[], selection: Selection): AppliedDiscount[] {
  const applied: AppliedDiscount[] = []
  selection.plans.forEach((plan, k) => {
    let shares = k === 0 ? sharesOf(plan, lines) : []
    if (k > 0) {
      // The later coupon splits over what its lines cost after the earlier one.
      const off = selection.discount - selection.plans[0].discount
      shares = new Array<number>(lines.length).fill(0)
      if (off > 0) {
        const split = allocate(off, plan.base.map((i) => lines[i].payable))
        plan.base.forEach((i, j) => (shares[i] = split[j]))
      }
    }
    const entry = applyShares(lines, shares, { source: 'coupon', id: plan.coupon.id, kind: 'coupon', label: couponLabel(plan.coupon) }, plan.stack)
    if (entry) applied.push(entry)
  })
  return applied
}
