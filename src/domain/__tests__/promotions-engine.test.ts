import { describe, expect, it } from 'vitest'
import { SHIPPING_FEE } from '../pricing'
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
