import { describe, expect, it } from 'vitest'
import { priceCart } from '../promotions'
import { input, limited, line, memberPrice, NOW } from './promotions-fixtures'

const applied = (r: ReturnType<typeof priceCart>) => r.applied.map((a) => ({ id: a.id, kind: a.kind, amount: a.amount, lines: a.lines, units: a.units }))

describe('limited-time price', () => {
  it('prices every unit at the offer price while its stock lasts', () => {
    const r = priceCart(input({ lines: [line(1, 10000, 2)], promotions: [limited(1, [{ skuId: 1, price: 7990, stockLeft: 10 }])] }))
    expect(applied(r)).toEqual([{ id: 1, kind: 'limited_time', amount: 2 * 2010, lines: [{ skuId: 1, amount: 4020 }], units: [{ skuId: 1, quantity: 2 }] }])
    expect(r.lines[0]).toMatchObject({ lineTotal: 20000, discount: 4020, payable: 15980, labels: ['限时特惠'] })
  })

  it('its own stock covering part of a line: the rest at the regular price', () => {
    const r = priceCart(input({ lines: [line(1, 10000, 5)], promotions: [limited(1, [{ skuId: 1, price: 8000, stockLeft: 2 }])] }))
    expect(r.applied[0]).toMatchObject({ amount: 4000, units: [{ skuId: 1, quantity: 2 }] })
    expect(r.lines[0].payable).toBe(2 * 8000 + 3 * 10000)
  })

  it('the per-user limit less what the shopper already bought, shared by the offer\'s SKUs in line order', () => {
    const offer = limited(1, [{ skuId: 1, price: 8000, stockLeft: 50 }, { skuId: 2, price: 4000, stockLeft: 50 }], { perUserLimit: 4 })
    const r = priceCart(input({ lines: [line(1, 10000, 2), line(2, 5000, 3)], promotions: [offer], purchased: { 1: 1 } }))
    // 3 units left to this shopper: both of line 1, one of line 2.
    expect(r.applied[0]).toMatchObject({ amount: 2 * 2000 + 1000, units: [{ skuId: 1, quantity: 2 }, { skuId: 2, quantity: 1 }] })
    expect(r.lines.map((l) => l.discount)).toEqual([4000, 1000])
  })

  it('a shopper at the limit pays the regular price', () => {
    const r = priceCart(input({ lines: [line(1, 10000)], promotions: [limited(1, [{ skuId: 1, price: 8000, stockLeft: 5 }], { perUserLimit: 2 })], purchased: { 1: 2 } }))
    expect(r.applied).toEqual([])
    expect(r.lines[0].labels).toEqual([])
  })

  it('a sold-out offer, an offer price not below the regular one and an offer for another SKU do nothing', () => {
    const r = priceCart(
      input({
        lines: [line(1, 10000), line(2, 10000)],
        promotions: [limited(1, [{ skuId: 1, price: 8000, stockLeft: 0 }]), limited(2, [{ skuId: 2, price: 10000, stockLeft: 5 }]), limited(3, [{ skuId: 9, price: 1, stockLeft: 5 }])],
      }),
    )
    expect(r.discount).toBe(0)
  })

  it('two offers on one SKU: the cheaper one first, then the other, then the regular price', () => {
    const r = priceCart(input({ lines: [line(1, 10000, 4)], promotions: [limited(1, [{ skuId: 1, price: 9000, stockLeft: 2 }]), limited(2, [{ skuId: 1, price: 7000, stockLeft: 1 }])] }))
    expect(applied(r)).toEqual([
      { id: 1, kind: 'limited_time', amount: 2000, lines: [{ skuId: 1, amount: 2000 }], units: [{ skuId: 1, quantity: 2 }] },
      { id: 2, kind: 'limited_time', amount: 3000, lines: [{ skuId: 1, amount: 3000 }], units: [{ skuId: 1, quantity: 1 }] },
    ])
    expect(r.lines[0].payable).toBe(7000 + 2 * 9000 + 10000)
  })

  it.each([
    ['exactly at startsAt: live', NOW, NOW + 1000, true],
    ['one ms before startsAt: not yet', NOW + 1, NOW + 1000, false],
    ['exactly at endsAt: over', NOW - 1000, NOW, false],
    ['one ms before endsAt: live', NOW - 1000, NOW + 1, true],
  ])('%s', (_, startsAt, endsAt, live) => {
    const r = priceCart(input({ lines: [line(1, 10000)], promotions: [limited(1, [{ skuId: 1, price: 8000, stockLeft: 5 }], { startsAt, endsAt })] }))
    expect(r.discount).toBe(live ? 2000 : 0)
  })
})

describe('member price', () => {
  const percent = memberPrice(1, { percent: 95 })

  it.each([
    [true, 999, 49], // 5% of 9.99 = 0.4995 -> rounded down to 0.49 off
    [true, 10000, 500],
    [false, 10000, 0],
  ])('member %s, unit %i: %i off per unit', (member, unit, off) => {
    const r = priceCart(input({ member, lines: [line(1, unit, 3)], promotions: [percent] }))
    expect(r.discount).toBe(3 * off)
    expect(r.lines[0].labels).toEqual(off > 0 ? ['会员价'] : [])
  })

  it('a fixed price for a SKU wins over the percent, and a scope that misses the line does nothing', () => {
    const p = memberPrice(1, { percent: 95, scope: { type: 'categories', categoryIds: [7] }, items: [{ skuId: 2, price: 6000 }] })
    const r = priceCart(input({ member: true, lines: [line(1, 10000), line(2, 10000)], promotions: [p] }))
    expect(r.lines.map((l) => l.discount)).toEqual([0, 4000])
  })

  it('two member promotions: the lower price', () => {
    const r = priceCart(input({ member: true, lines: [line(1, 10000)], promotions: [memberPrice(1, { percent: 90 }), memberPrice(2, { percent: 85 })] }))
    expect(applied(r)).toEqual([{ id: 2, kind: 'member_price', amount: 1500, lines: [{ skuId: 1, amount: 1500 }], units: undefined }])
  })
})

describe('limited-time and member price never stack', () => {
  it('limited-time units at the offer price, the rest at the member price', () => {
    const r = priceCart(input({ member: true, lines: [line(1, 10000, 3)], promotions: [limited(1, [{ skuId: 1, price: 8000, stockLeft: 1 }]), memberPrice(2, { percent: 90 })] }))
    expect(r.applied.map((a) => [a.kind, a.amount])).toEqual([
      ['limited_time', 2000],
      ['member_price', 2000],
    ])
    expect(r.lines[0]).toMatchObject({ payable: 8000 + 2 * 9000, labels: ['限时特惠', '会员价'] })
  })

  it('a member price below the offer wins every unit and leaves the offer\'s stock alone', () => {
    const r = priceCart(input({ member: true, lines: [line(1, 10000, 2)], promotions: [limited(1, [{ skuId: 1, price: 8000, stockLeft: 5 }]), memberPrice(2, { percent: null, items: [{ skuId: 1, price: 7000 }] })] }))
    expect(r.applied.map((a) => [a.kind, a.amount, a.units])).toEqual([['member_price', 6000, undefined]])
  })

  it('a non-member gets the offer, not the member price', () => {
    const r = priceCart(input({ member: false, lines: [line(1, 10000, 2)], promotions: [limited(1, [{ skuId: 1, price: 8000, stockLeft: 5 }]), memberPrice(2, { percent: null, items: [{ skuId: 1, price: 7000 }] })] }))
    expect(r.applied.map((a) => [a.kind, a.amount])).toEqual([['limited_time', 4000]])
  })
})
