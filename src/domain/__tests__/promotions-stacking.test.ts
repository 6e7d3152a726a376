import { describe, expect, it } from 'vitest'
import { priceCart, type DiscountKind, type HeldCoupon, type Promotion } from '../promotions'
import { ALL_KINDS, coupon, discountTiers, input, limited, line, memberPrice, nForN, reduction } from './promotions-fixtures'

/**
 * Every pair of kinds that can meet on one line, in the order they apply: allowed when both
 * list each other, refused when either one does not (both ways). One line of 3 × 100.00;
 * each discount on its own would take something off it.
 */
type Maker = (combinesWith: DiscountKind[], priority: number) => Promotion | HeldCoupon

const makers: Record<DiscountKind, Maker> = {
  limited_time: (combinesWith) => limited(1, [{ skuId: 1, price: 9000, stockLeft: 99 }], { stacking: { combinesWith, priority: 0 } }),
  member_price: (combinesWith) => memberPrice(2, { percent: 90, stacking: { combinesWith, priority: 0 } }),
  n_for_n: (combinesWith, priority) => nForN(3, 3, 15000, { stacking: { combinesWith, priority } }),
  full_reduction: (combinesWith, priority) => reduction(4, [{ threshold: 100, off: 1000 }], { stacking: { combinesWith, priority } }),
  full_discount: (combinesWith, priority) => discountTiers(5, [{ threshold: 100, percent: 90 }], { stacking: { combinesWith, priority } }),
  coupon: (combinesWith) => coupon(6, { value: 500, stacking: { combinesWith, withOtherCoupons: true } }),
}

const unitKinds: DiscountKind[] = ['limited_time', 'member_price']
const orderKinds: DiscountKind[] = ['n_for_n', 'full_reduction', 'full_discount']
const pairs: [DiscountKind, DiscountKind][] = []
for (const a of unitKinds) for (const b of [...orderKinds, 'coupon' as const]) pairs.push([a, b])
for (const a of orderKinds) for (const b of orderKinds) if (a !== b) pairs.push([a, b])
for (const a of orderKinds) pairs.push([a, 'coupon'])

const others = (kind: DiscountKind) => ALL_KINDS.filter((k) => k !== kind)

function run(first: DiscountKind, second: DiscountKind, firstList: DiscountKind[], secondList: DiscountKind[]) {
  const a = makers[first](firstList, 1)
  const b = makers[second](secondList, 2)
  const promotions = [a, b].filter((d): d is Promotion => !('batchId' in d))
  const coupons = [a, b].filter((d): d is HeldCoupon => 'batchId' in d)
  return priceCart(input({ member: true, lines: [line(1, 10000, 3)], promotions, coupons }))
}

describe('stacking: every pair, allowed and refused both ways', () => {
  it.each(pairs)('%s then %s: both list each other -> both apply', (first, second) => {
    const r = run(first, second, ALL_KINDS, ALL_KINDS)
    expect(r.applied.map((d) => d.kind)).toEqual([first, second])
    expect(r.lines[0].labels).toHaveLength(2)
  })

  it.each(pairs)('%s then %s: the first does not list the second -> only the first', (first, second) => {
    const r = run(first, second, others(second), ALL_KINDS)
    expect(r.applied.map((d) => d.kind)).toEqual([first])
    if (second === 'coupon') expect(r.coupons[0]).toMatchObject({ usable: false, reason: `不与${r.applied[0].label}同享`, discount: 0 })
  })

  it.each(pairs)('%s then %s: the second does not list the first -> only the first', (first, second) => {
    const r = run(first, second, ALL_KINDS, others(first))
    expect(r.applied.map((d) => d.kind)).toEqual([first])
    if (second === 'coupon') expect(r.coupons[0]).toMatchObject({ usable: false, reason: `不与${r.applied[0].label}同享` })
  })

  it('the coupon reason names the kind in plain words: 不与限时特惠同享', () => {
    const r = run('limited_time', 'coupon', ['full_reduction'], ALL_KINDS)
    expect(r.coupons[0].reason).toBe('不与限时特惠同享')
  })

  it('a line only partly under a limited-time price counts as under it', () => {
    const offer = limited(1, [{ skuId: 1, price: 9000, stockLeft: 1 }], { stacking: { combinesWith: ['coupon'], priority: 0 } })
    const r = priceCart(input({ lines: [line(1, 10000, 3), line(2, 10000)], promotions: [offer, reduction(4, [{ threshold: 100, off: 1000 }])] }))
    // Only line 2 is the reduction's base.
    expect(r.applied[1].lines).toEqual([{ skuId: 2, amount: 1000 }])
  })

  it('refused lines drop out of the base; the others still count', () => {
    const offer = limited(1, [{ skuId: 1, price: 9000, stockLeft: 9 }], { stacking: { combinesWith: [], priority: 0 } })
    const c = coupon(6, { value: 500, threshold: 15000 })
    const r = priceCart(input({ lines: [line(1, 10000), line(2, 10000)], promotions: [offer], coupons: [c] }))
    // The coupon's base is line 2 alone (100.00): 50.00 short of its threshold.
    expect(r.coupons[0]).toMatchObject({ usable: false, reason: '再买 50.00 元可用' })
  })
})
