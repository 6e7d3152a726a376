import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  DEFAULT_POINTS_SETTINGS as S,
  applyEntry,
  checkInPoints,
  checkPointsSettings,
  currentStreak,
  lotExpiresAt,
  nextStreak,
  orderEarnPoints,
  pointsProblem,
  pointsQuote,
  proportionalDue,
  shopDay,
  takeBack,
  withPoints,
  type LedgerEntry,
  type PointsLot,
} from '../points'
import type { PricingResult } from '../promotions/types'

describe('shop day and expiry (Asia/Shanghai)', () => {
  it('a UTC evening is the next day in Shanghai', () => {
    expect(shopDay(new Date('2026-12-31T15:59:59Z'))).toBe('2026-12-31')
    expect(shopDay(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01')
  })
  it('a lot expires at the end of year Y + yearsAfter in Shanghai', () => {
    expect(lotExpiresAt(new Date('2026-03-01T00:00:00Z'), S).toISOString()).toBe('2027-12-31T16:00:00.000Z')
    expect(lotExpiresAt(new Date('2026-03-01T00:00:00Z'), { expiry: { yearsAfter: 0 } }).toISOString()).toBe('2026-12-31T16:00:00.000Z')
    // New Year's Eve 20:00 UTC is already 1 January in Shanghai: the lot is next year's.
    expect(lotExpiresAt(new Date('2026-12-31T20:00:00Z'), { expiry: { yearsAfter: 0 } }).toISOString()).toBe('2027-12-31T16:00:00.000Z')
  })
})

describe('streaks', () => {
  it('counts consecutive days across month and year ends, restarts after a gap', () => {
    expect(nextStreak(null, 0, '2026-03-01')).toBe(1)
    expect(nextStreak('2026-02-28', 6, '2026-03-01')).toBe(7)
    expect(nextStreak('2024-02-28', 2, '2024-03-01')).toBe(1) // 2024 has a 29 February
    expect(nextStreak('2024-02-29', 2, '2024-03-01')).toBe(3)
    expect(nextStreak('2026-12-31', 9, '2027-01-01')).toBe(10)
    expect(nextStreak('2026-01-31', 3, '2026-02-01')).toBe(4)
    expect(nextStreak('2026-03-05', 3, '2026-03-05')).toBe(3)
    expect(nextStreak('2026-03-03', 3, '2026-03-05')).toBe(1)
  })
  it('the calendar streak is alive through yesterday', () => {
    expect(currentStreak('2026-12-31', 4, '2027-01-01')).toBe(4)
    expect(currentStreak('2026-12-30', 4, '2027-01-01')).toBe(0)
    expect(currentStreak(null, 0, '2027-01-01')).toBe(0)
  })
  it('day 7 of a streak adds its bonus, other days only the daily points', () => {
    expect(checkInPoints(1, S)).toBe(5)
    expect(checkInPoints(7, S)).toBe(25)
    expect(checkInPoints(8, S)).toBe(5)
  })
})

describe('checkout quote', () => {
  it('caps at maxPercent of the goods after discounts and at the balance, in whole fen', () => {
    expect(pointsQuote(10_000, 5000, S)).toMatchObject({ usable: 2500, value: 2500, used: 0, usedValue: 0 })
    expect(pointsQuote(300, 5000, S, 200)).toMatchObject({ usable: 300, value: 300, used: 200, usedValue: 200 })
    // 150 points a yuan: 3 points are 2 fen; 100 points round down to 99 (66 fen).
    const odd = { redeem: { pointsPerYuan: 150, maxPercent: 100 } }
    expect(pointsQuote(100, 10_000, odd, 100)).toMatchObject({ usable: 99, value: 66, used: 99, usedValue: 66 })
    expect(pointsQuote(100, 0, S)).toMatchObject({ usable: 0, value: 0 })
  })
  it('names why a request cannot be spent', () => {
    expect(pointsProblem(10_000, 5000, S, 2501)).toBe('over_limit')
    expect(pointsProblem(100, 5000, S, 200)).toBe('not_enough')
    expect(pointsProblem(100, 5000, S, 100)).toBeNull()
    expect(pointsProblem(0, 5000, S, 0)).toBeNull()
  })
  it('withPoints splits the value over the lines by what they still cost; totals stay consistent', () => {
    const priced: PricingResult = {
      lines: [
        { skuId: 1, productId: 1, quantity: 1, unitPrice: 3000, lineTotal: 3000, discount: 0, payable: 3000, labels: [] },
        { skuId: 2, productId: 2, quantity: 2, unitPrice: 1000, lineTotal: 2000, discount: 1000, payable: 1000, labels: ['满减'] },
      ],
      itemCount: 3,
      subtotal: 5000,
      discount: 1000,
      shipping: 800,
      total: 4800,
      freeShippingGap: 0,
      applied: [],
      coupons: [],
      selectedCouponIds: [],
      nudges: [],
    }
    const r = withPoints(priced, 1001, 1001)
    expect(r.lines.map((l) => l.payable)).toEqual([2249, 750])
    expect(r.discount).toBe(2001)
    expect(r.total).toBe(3799)
    expect(r.applied.at(-1)).toEqual({ source: 'points', kind: 'points', id: 0, label: '积分抵扣', amount: 1001, lines: [{ skuId: 1, amount: 751 }, { skuId: 2, amount: 250 }] })
    expect(withPoints(priced, 0, 0)).toBe(priced)
  })
})

describe('earn and refunds', () => {
  it('earns per whole yuan paid', () => {
    expect(orderEarnPoints(12_399, S)).toBe(123)
    expect(orderEarnPoints(99, { earnPerYuan: 2 })).toBe(0)
  })
  it('refunds in pieces take back exactly what one whole refund would, never above the balance', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 1, max: 100_000 }), fc.array(fc.integer({ min: 1, max: 30_000 }), { maxLength: 6 }), (earned, paid, pieces) => {
        let refunded = 0
        let taken = 0
        for (const p of pieces) {
          refunded = Math.min(paid, refunded + p)
          taken += takeBack(earned, refunded, paid, taken, Number.MAX_SAFE_INTEGER)
        }
        expect(taken).toBe(proportionalDue(earned, refunded, paid, 0))
        if (refunded === paid) expect(taken).toBe(earned)
      }),
    )
    expect(takeBack(100, 1000, 1000, 0, 30)).toBe(30)
    expect(takeBack(100, 500, 1000, 0, 1000)).toBe(50)
  })
})

describe('settings', () => {
  it('accepts the defaults and names the first bad field', () => {
    expect(checkPointsSettings(S)).toBeNull()
    expect(checkPointsSettings({ ...S, redeem: { pointsPerYuan: 0, maxPercent: 50 } })?.field).toBe('redeem.pointsPerYuan')
    expect(checkPointsSettings({ ...S, redeem: { pointsPerYuan: 100, maxPercent: 101 } })?.field).toBe('redeem.maxPercent')
    expect(checkPointsSettings({ ...S, checkIn: { daily: 5, streakBonuses: [{ day: 7, points: 1 }, { day: 7, points: 2 }] } })?.field).toBe('checkIn.streakBonuses')
    expect(checkPointsSettings({ ...S, earnPerYuan: 1.5 })?.field).toBe('earnPerYuan')
  })
})

describe('ledger model (property)', () => {
  const entry: fc.Arbitrary<LedgerEntry> = fc.oneof(
    fc.record({ kind: fc.constant('earn' as const), id: fc.constant(0), points: fc.integer({ min: 1, max: 500 }), expiresAt: fc.integer({ min: 0, max: 100 }) }),
    fc.record({ kind: fc.constant('spend' as const), points: fc.integer({ min: 1, max: 800 }) }),
    fc.record({ kind: fc.constant('take_back' as const), points: fc.integer({ min: 1, max: 800 }) }),
    fc.record({ kind: fc.constant('expire' as const), at: fc.integer({ min: 0, max: 100 }) }),
  )
  it('balance = earned − spent − expired − taken back, never negative, and the sum of the lots', () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 40 }), (entries) => {
        let lots: PointsLot[] = []
        const sums = { earn: 0, spend: 0, expire: 0, take_back: 0 }
        let balance = 0
        entries.forEach((e, i) => {
          const r = applyEntry(lots, e.kind === 'earn' ? { ...e, id: i } : e)
          lots = r.lots
          sums[e.kind] += Math.abs(r.delta)
          balance += r.delta
          expect(balance).toBeGreaterThanOrEqual(0)
          expect(lots.every((l) => l.remaining >= 0)).toBe(true)
          expect(lots.reduce((n, l) => n + l.remaining, 0)).toBe(balance)
        })
        expect(balance).toBe(sums.earn - sums.spend - sums.expire - sums.take_back)
      }),
    )
  })
  it('spends take the lots expiring first', () => {
    const lots: PointsLot[] = [
      { id: 1, remaining: 10, expiresAt: 50 },
      { id: 2, remaining: 10, expiresAt: 20 },
    ]
    expect(applyEntry(lots, { kind: 'spend', points: 15 }).lots.map((l) => l.remaining)).toEqual([5, 0])
    expect(applyEntry(lots, { kind: 'spend', points: 21 }).delta).toBe(0)
  })
})
