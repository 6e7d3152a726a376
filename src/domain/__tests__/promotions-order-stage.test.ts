import { describe, expect, it } from 'vitest'
import { priceCart, type Promotion } from '../promotions'
import { discountTiers, input, limited, line, nForN, reduction } from './promotions-fixtures'

const price = (promotions: Promotion[], lines = [line(1, 10000)]) => priceCart(input({ lines, promotions }))

describe('N for N (任选N件M元)', () => {
  it('bundles the most valuable units first and splits each bundle\'s saving by what its units cost', () => {
    // Units 50, 50, 40, 40: one bundle 50 + 50 + 40 = 140 for 99 saves 41; the last unit stays.
    const r = price([nForN(1, 3, 9900)], [line(1, 5000, 2), line(2, 4000, 2)])
    expect(r.applied).toEqual([{ source: 'promotion', id: 1, kind: 'n_for_n', label: '任选3件99元', amount: 4100, lines: [{ skuId: 1, amount: 2929 }, { skuId: 2, amount: 1171 }] }])
    expect(r.lines.map((l) => l.payable)).toEqual([10000 - 2929, 8000 - 1171])
  })

  it('stops at the first bundle that would save nothing', () => {
    // 2 for 50: 40 + 30 saves 20; 20 + 10 would cost more than 50.
    const r = price([nForN(1, 2, 5000)], [line(1, 4000), line(2, 3000), line(3, 2000), line(4, 1000)])
    expect(r.discount).toBe(2000)
    expect(r.applied[0].lines).toEqual([
      { skuId: 1, amount: 1143 },
      { skuId: 2, amount: 857 },
    ])
  })

  it('repeats as often as the cart allows, whole bundles within one line included', () => {
    const r = price([nForN(1, 3, 6000)], [line(1, 3000, 7)])
    expect(r.discount).toBe(2 * 3000)
  })

  it('unit values are cumulative floors of what the line costs so far (after a limited-time price)', () => {
    const r = price([limited(1, [{ skuId: 1, price: 2000, stockLeft: 1 }]), nForN(2, 2, 4000)], [line(1, 4000, 3)])
    // After the offer the line costs 2000 + 8000 = 10000: units 3333, 3333, 3334. One bundle: 3334 + 3333 - 4000 = 2667.
    expect(r.applied.map((a) => [a.kind, a.amount])).toEqual([
      ['limited_time', 2000],
      ['n_for_n', 2667],
    ])
  })

  it('too few units: nothing, and a nudge for the missing ones', () => {
    const r = price([nForN(1, 3, 9900)], [line(1, 5000, 2)])
    expect(r.discount).toBe(0)
    expect(r.nudges).toEqual([{ promotionId: 1, label: '任选3件99元', message: '再买 1 件，可享任选3件99元', gap: 1 }])
  })

  it('only in-scope lines count', () => {
    const r = price([nForN(1, 2, 5000, { scope: { type: 'products', productIds: [10, 30] } })], [line(1, 4000), line(2, 9000), line(3, 3000)])
    expect(r.applied[0].lines).toEqual([
      { skuId: 1, amount: 1143 },
      { skuId: 3, amount: 857 },
    ])
  })
})

describe('full reduction (满减)', () => {
  const tiers = [
    { threshold: 20000, off: 2000 },
    { threshold: 50000, off: 6000 },
  ]
  it.each([
    [19999, 0, '满200减20'],
    [20000, 2000, '满200减20'],
    [49999, 2000, '满200减20'],
    [50000, 6000, '满500减60'],
    [90000, 6000, '满500减60'],
  ])('goods %i: %i off (%s)', (goods, off, label) => {
    const r = price([reduction(1, tiers)], [line(1, goods)])
    expect(r.discount).toBe(off)
    if (off > 0) expect(r.applied[0].label).toBe(label)
  })

  it('1 fen short: a nudge towards the tier; between tiers: towards the next one', () => {
    expect(price([reduction(1, tiers)], [line(1, 17700)]).nudges).toEqual([{ promotionId: 1, label: '满200减20', message: '再买 23.00 元，可减 20.00', gap: 2300 }])
    expect(price([reduction(1, tiers)], [line(1, 19999)]).nudges[0]).toMatchObject({ message: '再买 0.01 元，可减 20.00', gap: 1 })
    expect(price([reduction(1, tiers)], [line(1, 30000)]).nudges).toEqual([{ promotionId: 1, label: '满500减60', message: '再买 200.00 元，可减 60.00', gap: 20000 }])
    expect(price([reduction(1, tiers)], [line(1, 50000)]).nudges).toEqual([])
  })

  it('每满: the tier counts once per full threshold, up to the cap', () => {
    const each = reduction(1, [{ threshold: 20000, off: 2000 }], { repeat: true })
    expect(price([each], [line(1, 65000)])).toMatchObject({ discount: 6000, applied: [{ label: '每满200减20' }] })
    expect(price([each], [line(1, 65000)]).nudges[0]).toMatchObject({ message: '再买 150.00 元，可减 80.00', gap: 15000 })
    const capped = reduction(1, [{ threshold: 20000, off: 2000 }], { repeat: true, cap: 5000 })
    expect(price([capped], [line(1, 65000)]).discount).toBe(5000)
    expect(price([capped], [line(1, 65000)]).nudges).toEqual([])
  })

  it('by quantity', () => {
    const p = reduction(1, [{ threshold: 3, off: 1000 }], { basis: 'quantity' })
    expect(price([p], [line(1, 2000, 2)]).nudges[0]).toMatchObject({ label: '满3件减10', message: '再买 1 件，可减 10.00', gap: 1 })
    expect(price([p], [line(1, 2000, 2), line(2, 500)])).toMatchObject({ discount: 1000 })
  })

  it('never takes off more than its base costs', () => {
    const r = price([reduction(1, [{ threshold: 1, off: 99999 }], { basis: 'quantity' })], [line(1, 300), line(2, 700)])
    expect(r.discount).toBe(1000)
    expect(r.lines.map((l) => l.payable)).toEqual([0, 0])
  })

  it('splits over its base in proportion to what each line costs', () => {
    const r = price([reduction(1, [{ threshold: 100, off: 1000 }])], [line(1, 6666), line(2, 1990)])
    expect(r.applied[0].lines).toEqual([
      { skuId: 1, amount: 770 },
      { skuId: 2, amount: 230 },
    ])
  })

  it('the threshold is measured on its base only (in scope)', () => {
    const p = reduction(1, tiers, { scope: { type: 'categories', categoryIds: [2] } })
    const r = price([p], [line(1, 15000, 1, { categoryId: 2 }), line(2, 15000, 1, { categoryId: 3 })])
    expect(r.discount).toBe(0)
    expect(r.nudges[0]).toMatchObject({ gap: 5000 })
  })
})

describe('full discount (满折)', () => {
  it.each([
    [1, 0],
    [2, 2000], // 满2件9折: 10% of 200.00
    [3, 6000], // 满3件8折: 20% of 300.00
  ])('%i units: %i off', (quantity, off) => {
    const p = discountTiers(1, [{ threshold: 2, percent: 90 }, { threshold: 3, percent: 80 }], { basis: 'quantity' })
    const r = price([p], [line(1, 10000, quantity)])
    expect(r.discount).toBe(off)
    if (quantity === 3) expect(r.applied[0].label).toBe('满3件8折')
    if (quantity === 1) expect(r.nudges).toEqual([{ promotionId: 1, label: '满2件9折', message: '再买 1 件，可打 9 折', gap: 1 }])
    if (quantity === 2) expect(r.nudges[0]).toMatchObject({ label: '满3件8折', message: '再买 1 件，可打 8 折' })
  })

  it('by amount, rounded down to the fen, capped', () => {
    const p = discountTiers(1, [{ threshold: 10000, percent: 85 }])
    expect(price([p], [line(1, 9999)]).discount).toBe(0)
    // 15% of 100.01 = 15.0015 -> 15.00
    expect(price([p], [line(1, 10001)])).toMatchObject({ discount: 1500, applied: [{ label: '满100元8.5折' }] })
    expect(price([{ ...p, cap: 1000 }], [line(1, 50000)]).discount).toBe(1000)
  })
})

describe('order-level stage order', () => {
  const off5 = (priority: number, id = 1) => discountTiers(id, [{ threshold: 100, percent: 95 }], { stacking: { combinesWith: ['full_reduction', 'full_discount'], priority } })
  const r20 = (priority: number, id = 2) => reduction(id, [{ threshold: 20000, off: 2000 }], { stacking: { combinesWith: ['full_reduction', 'full_discount'], priority } })

  it('lower priority first: the later one measures its threshold after the earlier one', () => {
    // 95% first: 21000 -> 19950, 满200 no longer met.
    expect(price([r20(2), off5(1)], [line(1, 21000)]).applied.map((a) => [a.kind, a.amount])).toEqual([['full_discount', 1050]])
    // 满200减20 first: 21000 -> 19000, then 5% = 950.
    expect(price([r20(1), off5(2)], [line(1, 21000)]).applied.map((a) => [a.kind, a.amount])).toEqual([
      ['full_reduction', 2000],
      ['full_discount', 950],
    ])
  })

  it('equal priority: lower id first', () => {
    expect(price([r20(0, 9), off5(0, 3)], [line(1, 21000)]).applied.map((a) => a.id)).toEqual([3])
    expect(price([r20(0, 3), off5(0, 9)], [line(1, 21000)]).applied.map((a) => a.id)).toEqual([3, 9])
  })
})
