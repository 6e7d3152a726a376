import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  DEFAULT_LEVELS,
  birthdaysOn,
  checkLadder,
  growthFor,
  growthTakeBack,
  isBirthday,
  isBirthdayToday,
  levelFor,
  multiplyPoints,
  nextLevel,
  type Level,
} from '../levels'

const withLevel = (i: number, patch: Partial<Level> | { benefits: Partial<Level['benefits']> }): Level[] =>
  DEFAULT_LEVELS.map((l, j) => (j !== i ? l : { ...l, ...patch, benefits: { ...l.benefits, ...('benefits' in patch ? patch.benefits : {}) } }))

describe('levels by growth', () => {
  it('the highest level whose threshold is reached; the next one with its gap', () => {
    expect(levelFor(0, DEFAULT_LEVELS).rank).toBe(0)
    expect(levelFor(499, DEFAULT_LEVELS).rank).toBe(0)
    expect(levelFor(500, DEFAULT_LEVELS).rank).toBe(1)
    expect(levelFor(1999, DEFAULT_LEVELS).name).toBe('银卡会员')
    expect(levelFor(2000, DEFAULT_LEVELS).name).toBe('金卡会员')
    expect(levelFor(1_000_000, DEFAULT_LEVELS).rank).toBe(3)
    expect(nextLevel(120, DEFAULT_LEVELS)).toMatchObject({ rank: 1, gap: 380 })
    expect(nextLevel(500, DEFAULT_LEVELS)).toMatchObject({ rank: 2, gap: 1500 })
    expect(nextLevel(8000, DEFAULT_LEVELS)).toBeNull()
  })

  it('growth is 1 per whole yuan paid', () => {
    expect(growthFor(0)).toBe(0)
    expect(growthFor(99)).toBe(0)
    expect(growthFor(100)).toBe(1)
    expect(growthFor(19_999)).toBe(199)
    expect(growthFor(-5)).toBe(0)
  })

  it('points with a multiplier are rounded down, in tenths without float drift', () => {
    expect(multiplyPoints(15, 1.2)).toBe(18)
    expect(multiplyPoints(199, 1.5)).toBe(298)
    expect(multiplyPoints(7, 1)).toBe(7)
    expect(multiplyPoints(33, 1.1)).toBe(36)
    expect(multiplyPoints(0, 2)).toBe(0)
  })
})

describe('growth take-back', () => {
  it('a partial refund takes back its share; the rest takes back everything the order earned', () => {
    // 117.00 paid, 117 growth; 39.00 refunded first.
    expect(growthTakeBack(117, 3900, 11_700, 0, 500)).toBe(39)
    expect(growthTakeBack(117, 11_700, 11_700, 39, 500)).toBe(78)
    // Never below zero: growth already spent down by other refunds.
    expect(growthTakeBack(117, 11_700, 11_700, 0, 20)).toBe(20)
    expect(growthTakeBack(0, 11_700, 11_700, 0, 20)).toBe(0)
  })

  it('property: refunds in pieces take back exactly what one whole refund of the same money would, and a full refund takes it all', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5_000_000 }), fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 8 }), (paid, weights) => {
        const earned = growthFor(paid)
        // Split the paid amount into refunds in proportion to the weights (the last takes the rest).
        const sum = weights.reduce((a, b) => a + b, 0)
        const pieces = weights.map((w) => Math.floor((paid * w) / sum))
        pieces[pieces.length - 1] += paid - pieces.reduce((a, b) => a + b, 0)
        let refunded = 0
        let taken = 0
        let growth = earned + 10_000 // plenty: the cap never bites here
        for (const piece of pieces) {
          refunded += piece
          const back = growthTakeBack(earned, refunded, paid, taken, growth)
          expect(back).toBeGreaterThanOrEqual(0)
          taken += back
          growth -= back
          // After every piece: what one refund of the cumulative amount would take.
          expect(taken).toBe(growthTakeBack(earned, refunded, paid, 0, Number.MAX_SAFE_INTEGER))
        }
        expect(taken).toBe(earned)
      }),
    )
  })

  it('property: the take-back never drives growth below zero', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 20_000 }), (paid, refund, growth) => {
        const back = growthTakeBack(growthFor(paid), Math.min(refund, paid), paid, 0, growth)
        expect(back).toBeGreaterThanOrEqual(0)
        expect(growth - back).toBeGreaterThanOrEqual(0)
      }),
    )
  })
})

describe('birthdays', () => {
  it('MM-DD of a real day', () => {
    expect(isBirthday('01-31')).toBe(true)
    expect(isBirthday('02-29')).toBe(true)
    expect(isBirthday('02-30')).toBe(false)
    expect(isBirthday('04-31')).toBe(false)
    expect(isBirthday('13-01')).toBe(false)
    expect(isBirthday('1-01')).toBe(false)
    expect(isBirthday('2026-01-01')).toBe(false)
  })

  it('a 29 February birthday is kept on 28 February in common years', () => {
    expect(isBirthdayToday('06-15', '2027-06-15')).toBe(true)
    expect(isBirthdayToday('06-15', '2027-06-16')).toBe(false)
    expect(isBirthdayToday('02-29', '2028-02-29')).toBe(true)
    expect(isBirthdayToday('02-29', '2028-02-28')).toBe(false)
    expect(isBirthdayToday('02-29', '2027-02-28')).toBe(true)
    expect(isBirthdayToday('02-29', '2100-02-28')).toBe(true) // 2100 is not a leap year
    expect(isBirthdayToday('02-29', '2000-02-28')).toBe(false) // 2000 is
    expect(isBirthdayToday('02-28', '2027-02-28')).toBe(true)
    expect(birthdaysOn('2027-02-28')).toEqual(['02-28', '02-29'])
    expect(birthdaysOn('2028-02-28')).toEqual(['02-28'])
    expect(birthdaysOn('2028-02-29')).toEqual(['02-29'])
  })
})

describe('checkLadder', () => {
  it('the default ladder is valid', () => {
    expect(checkLadder(DEFAULT_LEVELS)).toBeNull()
  })

  it('names the first bad field', () => {
    const cases: [Level[], string][] = [
      [[], 'levels'],
      [withLevel(0, { threshold: 10 }), 'levels.0.threshold'],
      [withLevel(0, { rank: 1 }), 'levels.0.rank'],
      [withLevel(2, { rank: 3 }), 'levels.2.rank'],
      [withLevel(2, { threshold: 500 }), 'levels.2.threshold'],
      [withLevel(1, { threshold: 0 }), 'levels.1.threshold'],
      [withLevel(1, { name: '' }), 'levels.1.name'],
      [withLevel(1, { name: '一二三四五六七八九十一' }), 'levels.1.name'],
      [withLevel(1, { benefits: { pointsMultiplier: 1.25 } }), 'levels.1.benefits.pointsMultiplier'],
      [withLevel(1, { benefits: { pointsMultiplier: 0.5 } }), 'levels.1.benefits.pointsMultiplier'],
      [withLevel(1, { benefits: { pointsMultiplier: 5.5 } }), 'levels.1.benefits.pointsMultiplier'],
      [withLevel(3, { benefits: { freeShippingThreshold: 100_001 } }), 'levels.3.benefits.freeShippingThreshold'],
      [withLevel(3, { benefits: { freeShippingThreshold: 12.5 } }), 'levels.3.benefits.freeShippingThreshold'],
      [withLevel(3, { benefits: { birthdayCouponBatchId: 0 } }), 'levels.3.benefits.birthdayCouponBatchId'],
    ]
    for (const [ladder, field] of cases) expect(checkLadder(ladder)?.field, JSON.stringify(ladder)).toBe(field)
  })

  it('accepts one decimal multipliers, free shipping 0 and 100000, a batch id, up to 11 levels', () => {
    expect(checkLadder(withLevel(1, { benefits: { pointsMultiplier: 4.9, freeShippingThreshold: 100_000, birthdayCouponBatchId: 7 } }))).toBeNull()
    const many = Array.from({ length: 11 }, (_, i): Level => ({ rank: i, name: `V${i}`, threshold: i * 100, benefits: { freeShippingThreshold: null, pointsMultiplier: 1, birthdayCouponBatchId: null } }))
    expect(checkLadder(many)).toBeNull()
    expect(checkLadder([...many, { ...many[10], rank: 11, threshold: 5000 }])?.field).toBe('levels')
  })
})
