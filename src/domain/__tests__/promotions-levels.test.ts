import { describe, expect, it } from 'vitest'
import { FREE_SHIPPING_THRESHOLD, SHIPPING_FEE } from '../pricing'
import { priceCart } from '../promotions/engine'
import { input, line, memberPrice } from './promotions-fixtures'

/** Member levels in the engine (src/domain/levels.ts): a member-price tier by level, and a level's free shipping. */
describe('member levels', () => {
  const paid = memberPrice(1, { percent: 95 }) // the paid membership's 9.5 折
  const gold = memberPrice(2, { percent: 85, minLevel: 2 }) // 金卡会员价: 8.5 折 from rank 2

  it('a level tier price applies from its rank, paid member or not, and says so on the applied entry', () => {
    const r = priceCart(input({ level: 2, lines: [line(1, 10000, 2)], promotions: [paid, gold] }))
    expect(r.applied).toEqual([{ source: 'promotion', id: 2, kind: 'member_price', label: '会员价', amount: 3000, lines: [{ skuId: 1, amount: 3000 }], minLevel: 2 }])
    expect(priceCart(input({ level: 3, lines: [line(1, 10000)], promotions: [gold] })).discount).toBe(1500)
  })

  it('below the tier: nothing for a non-member, and only the plain member price for a paid member', () => {
    expect(priceCart(input({ level: 1, lines: [line(1, 10000)], promotions: [paid, gold] })).applied).toEqual([])
    const member = priceCart(input({ member: true, level: 1, lines: [line(1, 10000)], promotions: [paid, gold] }))
    expect(member.applied.map((a) => [a.id, a.amount, a.minLevel])).toEqual([[1, 500, undefined]])
  })

  it('a paid member at the tier pays the lower of the two prices', () => {
    const r = priceCart(input({ member: true, level: 2, lines: [line(1, 10000)], promotions: [paid, gold] }))
    expect(r.applied.map((a) => a.id)).toEqual([2])
    expect(r.total).toBe(8500) // free shipping: judged on the regular price
  })

  it("a level's free-shipping threshold replaces the shop's; 0 ships everything free; absent is the shop's", () => {
    const small = [line(1, 5000)]
    expect(priceCart(input({ lines: small })).shipping).toBe(SHIPPING_FEE)
    expect(priceCart(input({ lines: small })).freeShippingGap).toBe(FREE_SHIPPING_THRESHOLD - 5000)
    const silver = priceCart(input({ lines: small, freeShippingThreshold: 6900 }))
    expect([silver.shipping, silver.freeShippingGap]).toEqual([SHIPPING_FEE, 1900])
    expect(priceCart(input({ lines: [line(1, 6900)], freeShippingThreshold: 6900 })).shipping).toBe(0)
    const gold0 = priceCart(input({ lines: small, freeShippingThreshold: 0 }))
    expect([gold0.shipping, gold0.freeShippingGap, gold0.total]).toEqual([0, 0, 5000])
  })

  it('bad level data is refused like any malformed input', () => {
    expect(() => priceCart(input({ level: -1, lines: [line(1, 100)] }))).toThrow(RangeError)
    expect(() => priceCart(input({ freeShippingThreshold: 1.5, lines: [line(1, 100)] }))).toThrow(RangeError)
    expect(() => priceCart(input({ lines: [line(1, 100)], promotions: [memberPrice(3, { minLevel: 0.5 })] }))).toThrow(RangeError)
  })
})
