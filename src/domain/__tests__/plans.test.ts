import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addDays, checkPlanOffer, cutoffAt, deliveryNext, earliestFirstDate, MAX_POSTPONE_DAYS, planQuote, planRefund, postponeProblem, schedule, skipProblem, type PlanOffer } from '../plans'

const OPTIONS: PlanOffer['options'] = [
  { deliveries: 4, percentOff: 0 },
  { deliveries: 8, percentOff: 5 },
  { deliveries: 12, percentOff: 10 },
]

describe('delivery transitions', () => {
  it('only a scheduled delivery moves', () => {
    expect(deliveryNext('scheduled', 'ship')).toBe('shipped')
    expect(deliveryNext('scheduled', 'skip')).toBe('skipped')
    expect(deliveryNext('scheduled', 'cancel')).toBe('cancelled')
    for (const s of ['shipped', 'skipped', 'cancelled'] as const) for (const e of ['ship', 'skip', 'cancel'] as const) expect(deliveryNext(s, e)).toBeNull()
  })
})

describe('checkPlanOffer', () => {
  const ok = { enabled: true, intervals: ['week' as const], options: OPTIONS, cutoffHours: 24 }
  it('accepts a sane offer and names the bad field', () => {
    expect(checkPlanOffer(ok)).toBeNull()
    expect(checkPlanOffer({ ...ok, intervals: [] })?.field).toBe('intervals')
    expect(checkPlanOffer({ ...ok, intervals: ['week', 'week'] })?.field).toBe('intervals')
    expect(checkPlanOffer({ ...ok, options: [{ deliveries: 1, percentOff: 0 }] })?.field).toBe('options')
    expect(checkPlanOffer({ ...ok, options: [{ deliveries: 53, percentOff: 0 }] })?.field).toBe('options')
    expect(checkPlanOffer({ ...ok, options: [{ deliveries: 4, percentOff: 51 }] })?.field).toBe('options')
    expect(checkPlanOffer({ ...ok, cutoffHours: 169 })?.field).toBe('cutoffHours')
    expect(checkPlanOffer({ ...ok, cutoffHours: -1 })?.field).toBe('cutoffHours')
  })
})

describe('schedule', () => {
  it('weeks and two weeks add 7 / 14 days, across a month and a year end', () => {
    expect(schedule('2026-12-24', 'week', 3, [])).toEqual(['2026-12-24', '2026-12-31', '2027-01-07'])
    expect(schedule('2026-12-24', '2weeks', 3, [])).toEqual(['2026-12-24', '2027-01-07', '2027-01-21'])
  })
  it('a month keeps the anchor day, clamped to the month end (leap year too)', () => {
    expect(schedule('2027-01-31', 'month', 4, [])).toEqual(['2027-01-31', '2027-02-28', '2027-03-31', '2027-04-30'])
    expect(schedule('2028-01-31', 'month', 2, [])).toEqual(['2028-01-31', '2028-02-29'])
    expect(schedule('2026-11-30', 'month', 3, [])).toEqual(['2026-11-30', '2026-12-30', '2027-01-30'])
  })
  it('a holiday moves to the next open day, a run of them (春节) too, across the month end', () => {
    const spring = ['2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12']
    expect(schedule('2027-02-05', 'week', 2, spring.slice(1))).toEqual(['2027-02-05', '2027-02-13'])
    expect(schedule('2027-01-31', 'week', 2, ['2027-01-31'])).toEqual(['2027-02-01', '2027-02-07'])
    expect(schedule('2027-12-31', 'week', 1, ['2027-12-31'])).toEqual(['2028-01-01'])
  })
  it('never onto or past the next delivery slot', () => {
    const spring = ['2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12']
    // 02-06 slot: the run covers the whole week up to 02-13's slot, so it stays on its slot.
    expect(schedule('2027-01-30', 'week', 3, spring)).toEqual(['2027-01-30', '2027-02-06', '2027-02-13'])
    // 02-06 slot with the run ending 02-10: moves to 02-11.
    expect(schedule('2027-02-06', 'week', 2, spring.slice(0, 5))).toEqual(['2027-02-11', '2027-02-13'])
  })
  it('is strictly increasing for any holidays (property)', () => {
    const day = fc.integer({ min: 0, max: 800 }).map((n) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000).toISOString().slice(0, 10))
    fc.assert(
      fc.property(day, fc.constantFrom('week' as const, '2weeks' as const, 'month' as const), fc.integer({ min: 1, max: 24 }), fc.array(day, { maxLength: 100 }), (first, interval, count, holidays) => {
        const s = schedule(first, interval, count, holidays)
        expect(s).toHaveLength(count)
        for (let i = 1; i < s.length; i++) expect(s[i] > s[i - 1]).toBe(true)
      }),
    )
  })
})

describe('planQuote', () => {
  it('never charges a fen more than the percentage says', () => {
    const q = planQuote(999, 2, 8, 5)
    expect(q.subtotal).toBe(999 * 16)
    expect(q.total).toBe(949 * 16)
    expect(q.total).toBeLessThanOrEqual((q.subtotal * 95) / 100)
    expect(q.discount + q.total).toBe(q.subtotal)
  })
})

describe('planRefund', () => {
  it('charges delivered periods at the shorter plan discount', () => {
    const paid = planQuote(1000, 1, 12, 10).total // 10800
    expect(planRefund({ paid, unitPrice: 1000, quantity: 1, deliveries: 12, delivered: 0, options: OPTIONS })).toEqual({ refund: paid, deliveredShare: 0 })
    expect(planRefund({ paid, unitPrice: 1000, quantity: 1, deliveries: 12, delivered: 3, options: OPTIONS })).toEqual({ refund: paid - 3000, deliveredShare: 3000 })
    expect(planRefund({ paid, unitPrice: 1000, quantity: 1, deliveries: 12, delivered: 8, options: OPTIONS })).toEqual({ refund: paid - 7600, deliveredShare: 7600 })
  })
  it('properties: sums to paid, within [0, paid], more delivered never refunds more', () => {
    const opts = fc.uniqueArray(fc.record({ deliveries: fc.integer({ min: 2, max: 52 }), percentOff: fc.integer({ min: 0, max: 50 }) }), { selector: (o) => o.deliveries, minLength: 1, maxLength: 4 })
    fc.assert(
      fc.property(opts, fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 2, max: 52 }), fc.integer({ min: 0, max: 52 }), (options, unitPrice, quantity, deliveries, d) => {
        const paid = planQuote(unitPrice, quantity, deliveries, options.find((o) => o.deliveries === deliveries)?.percentOff ?? 0).total
        const delivered = Math.min(d, deliveries)
        const a = planRefund({ paid, unitPrice, quantity, deliveries, delivered, options })
        expect(a.refund + a.deliveredShare).toBe(paid)
        expect(a.refund).toBeGreaterThanOrEqual(0)
        expect(a.refund).toBeLessThanOrEqual(paid)
        if (delivered === 0) expect(a.refund).toBe(paid)
        if (delivered < deliveries) expect(planRefund({ paid, unitPrice, quantity, deliveries, delivered: delivered + 1, options }).refund).toBeLessThanOrEqual(a.refund)
      }),
    )
  })
})

describe('cut-off', () => {
  it('is the delivery day 00:00 Beijing less the hours', () => {
    expect(cutoffAt('2026-12-10', 24)).toBe('2026-12-08T16:00:00.000Z')
    const now = new Date('2026-12-08T15:59:59Z')
    expect(skipProblem({ status: 'scheduled', cutoffAt: cutoffAt('2026-12-10', 24) }, now)).toBeNull()
    expect(skipProblem({ status: 'scheduled', cutoffAt: cutoffAt('2026-12-10', 24) }, new Date('2026-12-08T16:00:00Z'))?.code).toBe('PAST_CUTOFF')
    expect(skipProblem({ status: 'skipped', cutoffAt: cutoffAt('2026-12-10', 24) }, now)?.code).toBe('DELIVERY_NOT_SCHEDULED')
  })
  it('the earliest first date is tomorrow and past the cut-off', () => {
    // 2026-12-05 12:00 Beijing: tomorrow's cut-off (24 h) was 2026-12-05 00:00 → the day after.
    expect(earliestFirstDate(new Date('2026-12-05T04:00:00Z'), 24)).toBe('2026-12-07')
    expect(earliestFirstDate(new Date('2026-12-05T04:00:00Z'), 0)).toBe('2026-12-06')
  })
})

describe('postponeProblem (顺延)', () => {
  const now = new Date('2026-12-05T04:00:00.000Z')
  const d = { status: 'scheduled' as const, date: '2026-12-10', cutoffAt: cutoffAt('2026-12-10', 24) }
  it('moves a scheduled delivery to a later open day before the next one', () => {
    expect(postponeProblem(d, '2026-12-12', '2026-12-17', [], now)).toBeNull()
    expect(postponeProblem(d, '2026-12-16', '2026-12-17', [], now)).toBeNull()
  })
  it('refuses the next delivery day or later, an earlier day, a holiday and a bad date', () => {
    expect(postponeProblem(d, '2026-12-17', '2026-12-17', [], now)?.code).toBe('BAD_DATE')
    expect(postponeProblem(d, '2026-12-09', '2026-12-17', [], now)?.code).toBe('BAD_DATE')
    expect(postponeProblem(d, '2026-12-10', '2026-12-17', [], now)?.code).toBe('BAD_DATE')
    expect(postponeProblem(d, '2026-12-12', '2026-12-17', ['2026-12-12'], now)?.code).toBe('BAD_DATE')
    expect(postponeProblem(d, '2026-02-30', null, [], now)?.code).toBe('BAD_DATE')
  })
  it('the last delivery moves at most MAX_POSTPONE_DAYS, across the year end', () => {
    const last = { ...d, date: '2026-12-20', cutoffAt: cutoffAt('2026-12-20', 24) }
    expect(postponeProblem(last, addDays('2026-12-20', MAX_POSTPONE_DAYS), null, [], now)).toBeNull()
    expect(postponeProblem(last, addDays('2026-12-20', MAX_POSTPONE_DAYS + 1), null, [], now)?.code).toBe('BAD_DATE')
  })
  it('as skip: not after the cut-off, not a delivery that shipped', () => {
    expect(postponeProblem(d, '2026-12-12', null, [], new Date('2026-12-09T00:00:00+08:00'))?.code).toBe('PAST_CUTOFF')
    expect(postponeProblem({ ...d, status: 'shipped' }, '2026-12-12', null, [], now)?.code).toBe('DELIVERY_NOT_SCHEDULED')
  })
})
