import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { FREE_SHIPPING_THRESHOLD, MAX_QUANTITY_PER_LINE, SHIPPING_FEE, priceLines } from '../pricing'

describe('priceLines', () => {
  it('sums lines and charges shipping under the free-shipping threshold', () => {
    const r = priceLines([
      { skuId: 1, unitPrice: 2990, quantity: 2 },
      { skuId: 2, unitPrice: 1500, quantity: 1 },
    ])
    expect(r.lines.map((l) => l.lineTotal)).toEqual([5980, 1500])
    expect(r.subtotal).toBe(7480)
    expect(r.itemCount).toBe(3)
    expect(r.shipping).toBe(SHIPPING_FEE)
    expect(r.total).toBe(7480 + SHIPPING_FEE)
    expect(r.freeShippingGap).toBe(FREE_SHIPPING_THRESHOLD - 7480)
  })

  it('ships free at exactly the threshold', () => {
    const r = priceLines([{ skuId: 1, unitPrice: FREE_SHIPPING_THRESHOLD, quantity: 1 }])
    expect(r.shipping).toBe(0)
    expect(r.total).toBe(FREE_SHIPPING_THRESHOLD)
    expect(r.freeShippingGap).toBe(0)
  })

  it('prices an empty cart at zero with no shipping', () => {
    expect(priceLines([])).toMatchObject({ subtotal: 0, shipping: 0, total: 0, itemCount: 0, freeShippingGap: 0 })
  })

  it.each([0, -1, 1.5, MAX_QUANTITY_PER_LINE + 1, Number.NaN])('refuses quantity %s', (quantity) => {
    expect(() => priceLines([{ skuId: 1, unitPrice: 100, quantity }])).toThrow(RangeError)
  })

  it('refuses a fractional unit price', () => {
    expect(() => priceLines([{ skuId: 1, unitPrice: 99.5, quantity: 1 }])).toThrow(RangeError)
  })

  it('total = subtotal + shipping, never negative, always whole fen', () => {
    const line = fc.record({
      skuId: fc.nat(),
      unitPrice: fc.integer({ min: 0, max: 10_000_000 }),
      quantity: fc.integer({ min: 1, max: MAX_QUANTITY_PER_LINE }),
    })
    fc.assert(
      fc.property(fc.array(line, { maxLength: 50 }), (lines) => {
        const r = priceLines(lines)
        expect(r.total).toBe(r.subtotal + r.shipping - r.discount)
        expect(r.total).toBeGreaterThanOrEqual(0)
        expect(Number.isSafeInteger(r.total)).toBe(true)
        expect(r.lines.reduce((s, l) => s + l.lineTotal, 0)).toBe(r.subtotal)
      }),
    )
  })
})
