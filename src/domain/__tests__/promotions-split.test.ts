import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { allocate } from '../promotions'

describe('allocate', { timeout: 30_000 }, () => {
  it.each([
    // amount, weights, shares
    [100, [1, 1, 1], [34, 33, 33]], // equal remainders: earlier index first
    [1000, [6666, 1990], [770, 230]], // 770.2 / 229.8: the larger remainder takes the fen
    [10, [3, 3, 4], [3, 3, 4]], // exact
    [2, [1, 1, 1], [1, 1, 0]],
    [5, [0, 7, 0], [0, 5, 0]],
    [0, [0, 0], [0, 0]],
    [7, [5], [7]],
    [3, [10, 20, 10, 20], [1, 1, 0, 1]], // exact .5 1 .5 1: the fen left goes to the earlier of the two .5s
  ])('allocate(%i, %j) = %j', (amount, weights, shares) => {
    const got = allocate(amount, weights)
    expect(got).toEqual(shares)
    expect(got.reduce((a, b) => a + b, 0)).toBe(amount)
  })

  it('breaks equal remainders by the larger weight before the earlier index', () => {
    // 1 × (1, 1, 2)/4 = .25 .25 .5: the largest remainder.
    expect(allocate(1, [1, 1, 2])).toEqual([0, 0, 1])
    // 2 × (1, 2, 1, 2)/6 = .33 .67 .33 .67: two fen to the .67s.
    expect(allocate(2, [1, 2, 1, 2])).toEqual([0, 1, 0, 1])
    // 1 × (2, 1, 2, 1)/6 × 3 = 1 .5 1 .5 with 3 fen: equal remainders .5, equal weights: the earlier.
    expect(allocate(3, [2, 1, 2, 1])).toEqual([1, 1, 1, 0])
    // Remainders equal (.5 each) but weights differ: 1 × (1, 3)/4 × 2 = .5 1.5 -> the larger weight.
    expect(allocate(2, [1, 3])).toEqual([0, 2])
  })

  it('refuses negative or fractional input and an amount over zero weights', () => {
    expect(() => allocate(-1, [1])).toThrow(RangeError)
    expect(() => allocate(1.5, [1])).toThrow(RangeError)
    expect(() => allocate(1, [1.5])).toThrow(RangeError)
    expect(() => allocate(1, [0, 0])).toThrow(RangeError)
  })

  it('handles amounts whose products pass 2^53 exactly (BigInt path)', () => {
    const big = 4_000_000_000
    const shares = allocate(big, [big, big, big + 1])
    expect(shares.reduce((a, b) => a + b, 0)).toBe(big)
    expect(shares).toEqual([1333333333, 1333333333, 1333333334])
  })

  it('shares add up, each is within one fen of its exact share, and larger weights never get less', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.array(fc.integer({ min: 0, max: 5_000_000 }), { minLength: 1, maxLength: 60 }), (amount, weights) => {
        const total = weights.reduce((a, b) => a + b, 0)
        fc.pre(total > 0)
        const shares = allocate(amount, weights)
        expect(shares.reduce((a, b) => a + b, 0)).toBe(amount)
        shares.forEach((s, i) => {
          const exact = (amount * weights[i]) / total
          expect(s).toBeGreaterThanOrEqual(Math.floor(exact))
          expect(s).toBeLessThanOrEqual(Math.floor(exact) + 1)
        })
        for (let i = 0; i < weights.length; i++) for (let j = 0; j < weights.length; j++) if (weights[i] > weights[j]) expect(shares[i]).toBeGreaterThanOrEqual(shares[j])
      }),
    )
  })
})
