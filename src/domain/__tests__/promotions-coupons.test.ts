import { describe, expect, it } from 'vitest'
import { CouponChoiceError, priceCart, type HeldCoupon, type PricingInput } from '../promotions'
import { coupon, input, line, NOW, reduction } from './promotions-fixtures'

const product = (id: number, over: Partial<HeldCoupon> = {}) => coupon(id, { title: '商品券', scope: { type: 'products', productIds: [10] }, ...over })
const lines = [line(1, 10000), line(2, 5000)] // product 10: 100.00, product 20: 50.00
const price = (coupons: HeldCoupon[], over: Partial<PricingInput> = {}) => priceCart(input({ lines, coupons, ...over }))

describe('one coupon', () => {
  it.each([
    ['amount', coupon(1, { value: 1000 }), 1000],
    ['amount above its base: the base', coupon(1, { value: 99999 }), 15000],
    ['percent, rounded down', coupon(1, { type: 'percent', value: 85, cap: null, title: '8.5折券' }), 2250],
    ['percent, capped', coupon(1, { type: 'percent', value: 85, cap: 2000, title: '8.5折券' }), 2000],
    ['product scope', product(1, { value: 20000 }), 10000],
    ['category scope', coupon(1, { value: 700, scope: { type: 'categories', categoryIds: [1] } }), 700],
  ])('%s', (_, c, off) => {
    const r = price([c])
    expect(r.discount).toBe(off)
    expect(r.coupons).toEqual([{ couponId: 1, usable: true, reason: null, discount: off, selected: true }])
  })

  it('percent of an odd base rounds down: 15% of 33.33 = 4.9995 -> 4.99', () => {
    expect(priceCart(input({ lines: [line(1, 3333)], coupons: [coupon(1, { type: 'percent', value: 85 })] })).discount).toBe(499)
  })

  it('splits over its lines in proportion; the label is the title as a coupon', () => {
    const r = price([coupon(1, { value: 1000 })])
    expect(r.applied).toEqual([{ source: 'coupon', id: 1, kind: 'coupon', label: '满100减10券', amount: 1000, lines: [{ skuId: 1, amount: 667 }, { skuId: 2, amount: 333 }] }])
    expect(price([coupon(1, { title: '全场9折券', type: 'percent', value: 90 })]).applied[0].label).toBe('全场9折券')
  })

  it.each([
    ['threshold exactly met', 15000, true, null],
    ['1 fen short', 15001, false, '再买 0.01 元可用'],
    ['23.00 short', 17300, false, '再买 23.00 元可用'],
  ])('%s', (_, threshold, usable, reason) => {
    expect(price([coupon(1, { threshold })]).coupons[0]).toMatchObject({ usable, reason })
  })

  it('the threshold is measured after the promotions', () => {
    // 150.00 - 满150减20 = 130.00: a 满150 coupon no longer applies.
    const r = price([coupon(1, { threshold: 15000 })], { promotions: [reduction(9, [{ threshold: 15000, off: 2000 }])] })
    expect(r.coupons[0]).toMatchObject({ usable: false, reason: '再买 20.00 元可用', discount: 0, selected: false })
    expect(r.discount).toBe(2000)
  })

  it.each([
    ['validFrom exactly now: usable', NOW, NOW + 1, true, null],
    ['validFrom 1 ms later: not yet', NOW + 1, NOW + 10, false, '未到使用时间'],
    ['validTo exactly now: expired', NOW - 10, NOW, false, '已过期'],
    ['validTo 1 ms later: usable', NOW - 10, NOW + 1, true, null],
  ])('%s', (_, validFrom, validTo, usable, reason) => {
    expect(price([coupon(1, { validFrom, validTo })]).coupons[0]).toMatchObject({ usable, reason })
  })

  it('a scope that misses every line: 所选商品不适用', () => {
    expect(price([product(1, { scope: { type: 'products', productIds: [999] } })]).coupons[0]).toMatchObject({ usable: false, reason: '所选商品不适用' })
  })
})

describe('two coupons', () => {
  it('percent before amount, whichever is the shop coupon', () => {
    // Product percent 80% on 100.00 = 20.00; then shop 10.00 off.
    const r = price([coupon(1, { value: 1000 }), product(2, { type: 'percent', value: 80 })])
    expect(r.applied.map((a) => [a.id, a.amount])).toEqual([
      [2, 2000],
      [1, 1000],
    ])
    expect(r.selectedCouponIds).toEqual([2, 1])
  })

  it('an amount coupon after a percent one takes at most what is left of its base', () => {
    // Product 50% of 100.00 = 50.00 off, then the shop's 200.00 off what is left: 150.00 - 50.00 = 100.00.
    const r = price([coupon(1, { value: 20000 }), product(2, { type: 'percent', value: 50 })])
    expect(r.discount).toBe(15000)
    expect(r.lines.map((l) => l.payable)).toEqual([0, 0])
  })

  it('two percent coupons: the product coupon first, the shop coupon on what is left', () => {
    // 90% of 100.00 -> 10.00 off; shop 90% of (150.00 - 10.00) -> 14.00 off.
    const r = price([coupon(1, { type: 'percent', value: 90 }), product(2, { type: 'percent', value: 90 })])
    expect(r.applied.map((a) => [a.id, a.amount])).toEqual([
      [2, 1000],
      [1, 1400],
    ])
  })

  it('the later coupon splits over what its lines cost after the earlier one', () => {
    const r = price([coupon(1, { value: 1400 }), product(2, { value: 5000 })])
    // Product 50.00 off line 1 (100.00 -> 50.00); shop 14.00 over 50.00 + 50.00: 7.00 each.
    expect(r.applied.find((a) => a.id === 1)?.lines).toEqual([
      { skuId: 1, amount: 700 },
      { skuId: 2, amount: 700 },
    ])
  })
})

describe('best combination', () => {
  it('a stackable pair beats a bigger coupon that goes alone', () => {
    const r = price([coupon(1, { value: 3000, stacking: { combinesWith: ['coupon'], withOtherCoupons: false } }), coupon(2, { value: 2000 }), product(3, { value: 1500 })])
    // Two amount coupons: the product coupon applies first.
    expect(r.selectedCouponIds).toEqual([3, 2])
    expect(r.discount).toBe(3500)
    expect(r.coupons.map((c) => [c.couponId, c.discount, c.selected])).toEqual([
      [1, 3000, false],
      [2, 2000, true],
      [3, 1500, true],
    ])
  })

  it('never two shop coupons, never two of one batch, never a withOtherCoupons=false one in company', () => {
    expect(price([coupon(1, { value: 1000 }), coupon(2, { value: 900 })]).selectedCouponIds).toEqual([1])
    expect(price([coupon(1, { value: 1000, batchId: 5 }), product(2, { value: 900, batchId: 5 })]).selectedCouponIds).toEqual([1])
    expect(price([coupon(1, { value: 1000 }), product(2, { value: 900, stacking: { combinesWith: [], withOtherCoupons: false } })]).selectedCouponIds).toEqual([1])
  })

  it('ties: fewer coupons, then the one expiring first, then the lower id', () => {
    // The product coupon adds nothing after the shop coupon took everything: one coupon wins.
    expect(price([coupon(1, { value: 15000 }), product(2, { value: 1000 })]).selectedCouponIds).toEqual([1])
    expect(price([coupon(1, { value: 1000, validTo: NOW + 20 }), coupon(2, { value: 1000, validTo: NOW + 10 })]).selectedCouponIds).toEqual([2])
    expect(price([coupon(7, { value: 1000 }), coupon(3, { value: 1000 })]).selectedCouponIds).toEqual([3])
  })

  it('no usable coupon: none selected, every verdict says why', () => {
    const r = price([coupon(1, { threshold: 99999 }), coupon(2, { validFrom: NOW + 1 })])
    expect(r.selectedCouponIds).toEqual([])
    expect(r.coupons.map((c) => c.reason)).toEqual(['再买 849.99 元可用', '未到使用时间'])
  })
})

describe('the shopper\'s own choice', () => {
  const held = [coupon(1, { value: 1000 }), coupon(2, { value: 3000, title: '满200减30', threshold: 20000 }), product(3, { value: 500 }), coupon(4, { value: 800, batchId: 3, scope: { type: 'all' } }), product(5, { value: 100, stacking: { combinesWith: [], withOtherCoupons: false } }), coupon(6, { value: 100 })]

  it('is priced as chosen, even when another choice would be cheaper; [] means no coupon', () => {
    expect(price(held, { couponChoice: [3] })).toMatchObject({ discount: 500, selectedCouponIds: [3] })
    expect(price(held, { couponChoice: [] })).toMatchObject({ discount: 0, selectedCouponIds: [] })
    expect(price(held, { couponChoice: [1, 3] })).toMatchObject({ discount: 1500, selectedCouponIds: [3, 1] })
  })

  it.each([
    [[99], 'COUPON_NOT_HELD', '没有这张优惠券，或它已被使用'],
    [[2], 'COUPON_NOT_USABLE', '「满200减30」暂不可用：再买 50.00 元可用'],
    [[1, 6], 'COUPONS_DO_NOT_STACK', '一次最多使用一张店铺券'],
    [[3, 4], 'COUPONS_DO_NOT_STACK', '同一批次的优惠券不能同时使用'],
    [[1, 5], 'COUPONS_DO_NOT_STACK', '「商品券」不能与其他优惠券同时使用'],
    [[1, 1], 'COUPONS_DO_NOT_STACK', '同一张优惠券不能重复使用'],
    [[1, 3, 6], 'COUPONS_DO_NOT_STACK', '一次最多使用一张店铺券和一张商品券'],
  ])('%j is refused: %s', (ids, code, message) => {
    let error: unknown
    try {
      price(held, { couponChoice: ids })
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(CouponChoiceError)
    expect(error).toMatchObject({ code, message })
  })
})
