import { describe, expect, it } from 'vitest'
import { MAX_QUANTITY_PER_LINE, SHIPPING_FEE } from '../pricing'
import { priceCart } from '../promotions'
import { coupon, input, limited, line, memberPrice, nForN, reduction } from './promotions-fixtures'

describe('priceCart basics', () => {
  it('without promotions prices like priceLines', () => {
    const r = priceCart(input({ lines: [line(1, 2990, 2), line(2, 1500)] }))
    expect(r).toMatchObject({ subtotal: 7480, discount: 0, shipping: SHIPPING_FEE, total: 7480 + SHIPPING_FEE, itemCount: 3, freeShippingGap: 9900 - 7480 })
  })

  it('limited-time price, then 满200减20 on what is left, then a coupon', () => {
    const r = priceCart(
      input({
        lines: [line(1, 10000, 2), line(2, 5000, 1)],
        promotions: [limited(1, [{ skuId: 1, price: 9000, stockLeft: 10 }]), reduction(2, [{ threshold: 20000, off: 2000 }])],
        coupons: [coupon(7, { value: 500, threshold: 10000 })],
      }),
    )
    // 2 × 90 + 50 = 230 -> 满200减20 -> 210 -> 5 off -> 205
    expect(r.applied.map((a) => [a.kind, a.label, a.amount])).toEqual([
      ['limited_time', '限时特惠', 2000],
      ['full_reduction', '满200减20', 2000],
      ['coupon', '满100减10券', 500],
    ])
    expect(r.total).toBe(25000 - 4500)
    expect(r.selectedCouponIds).toEqual([7])
  })

  it('member price and N for N', () => {
    const r = priceCart(input({ member: true, lines: [line(1, 5000, 3)], promotions: [memberPrice(1, { percent: 90 }), nForN(2, 3, 9900)] }))
    // 3 × 45 = 135 -> 3 for 99 -> 36 off
    expect(r.discount).toBe(1500 + 3600)
    expect(r.lines[0].labels).toEqual(['会员价', '任选3件99元'])
  })
})

describe('priceCart input and shipping', () => {
  it('an empty cart costs nothing and ships nothing, with every coupon judged', () => {
    const r = priceCart(input({ promotions: [reduction(1, [{ threshold: 100, off: 10 }])], coupons: [coupon(1)] }))
    expect(r).toMatchObject({ lines: [], itemCount: 0, subtotal: 0, discount: 0, shipping: 0, total: 0, freeShippingGap: 0, applied: [], selectedCouponIds: [], nudges: [] })
    expect(r.coupons).toEqual([{ couponId: 1, usable: false, reason: '所选商品不适用', discount: 0, selected: false }])
  })

  it.each([0, -1, 1.5, MAX_QUANTITY_PER_LINE + 1, Number.NaN])('refuses quantity %s like priceLines', (quantity) => {
    expect(() => priceCart(input({ lines: [line(1, 100, quantity)] }))).toThrow(RangeError)
  })

  it('refuses fractional or negative prices, a SKU on two lines and bad promotion data', () => {
    expect(() => priceCart(input({ lines: [line(1, 99.5)] }))).toThrow(RangeError)
    expect(() => priceCart(input({ lines: [line(1, -1)] }))).toThrow(RangeError)
    expect(() => priceCart(input({ lines: [line(1, 100), line(1, 200)] }))).toThrow(RangeError)
    expect(() => priceCart(input({ lines: [line(1, 100)], promotions: [nForN(1, 0, 100)] }))).toThrow(RangeError)
    expect(() => priceCart(input({ lines: [line(1, 100)], promotions: [reduction(1, [{ threshold: 200, off: 1 }, { threshold: 100, off: 2 }])] }))).toThrow(RangeError)
    expect(() => priceCart(input({ lines: [line(1, 100)], coupons: [coupon(1, { type: 'percent', value: 120 })] }))).toThrow(RangeError)
    expect(() => priceCart(input({ lines: [line(1, 100)], purchased: { 1: -1 } }))).toThrow(RangeError)
  })

  it('free shipping is judged on the subtotal: a promotion never costs the shopper free shipping', () => {
    // 100.00 of goods ships free; 满100减5 takes them to 95.00 and they still ship free.
    const r = priceCart(input({ lines: [line(1, 10000)], promotions: [reduction(1, [{ threshold: 10000, off: 500 }])] }))
    expect(r).toMatchObject({ subtotal: 10000, discount: 500, shipping: 0, total: 9500, freeShippingGap: 0 })
    const under = priceCart(input({ lines: [line(1, 9899)] }))
    expect(under).toMatchObject({ shipping: SHIPPING_FEE, freeShippingGap: 1, total: 9899 + SHIPPING_FEE })
  })

  it('a pickup order (门店自提) ships nothing and has no free-shipping gap; coupons judged on the same goods', () => {
    const base = input({ lines: [line(1, 2990, 2)], coupons: [coupon(7, { value: 500, threshold: 5000 })] })
    const delivered = priceCart(base)
    const picked = priceCart({ ...base, pickup: true })
    expect(delivered).toMatchObject({ shipping: SHIPPING_FEE, freeShippingGap: 9900 - 5980 })
    expect(picked).toMatchObject({ shipping: 0, freeShippingGap: 0, discount: delivered.discount, total: delivered.total - SHIPPING_FEE, selectedCouponIds: [7] })
  })

  it('lines carry productId, totals, discount, payable and their labels once each', () => {
    const r = priceCart(input({ lines: [line(1, 10000, 2)], promotions: [reduction(1, [{ threshold: 100, off: 100 }]), reduction(2, [{ threshold: 100, off: 100 }], { stacking: { combinesWith: ['full_reduction'], priority: 1 } })] }))
    expect(r.lines).toEqual([{ skuId: 1, productId: 10, quantity: 2, unitPrice: 10000, lineTotal: 20000, discount: 200, payable: 19800, labels: ['满1减1'] }])
  })

  it('is deterministic: the same input gives the same output, and the input is not changed', () => {
    const make = () =>
      input({
        member: true,
        lines: [line(1, 10000, 3), line(2, 3333, 7), line(3, 999, 2)],
        promotions: [limited(1, [{ skuId: 1, price: 8000, stockLeft: 2 }]), memberPrice(2), nForN(3, 3, 5000), reduction(4, [{ threshold: 20000, off: 2000 }])],
        coupons: [coupon(1, { value: 700 }), coupon(2, { type: 'percent', value: 95, scope: { type: 'products', productIds: [20] } })],
      })
    const a = make()
    const first = priceCart(a)
    expect(a).toEqual(make())
    expect(priceCart(a)).toEqual(first)
    expect(priceCart(make())).toEqual(first)
  })
})
