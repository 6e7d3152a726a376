import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  CREDIT_SERVICE_LABEL,
  DAY_MS,
  checkRentalTerms,
  coverLedger,
  creditRelease,
  defaultDue,
  depositCover,
  rentalDueAt,
  rentalMachine,
  rentalSettlement,
  rentalTimerEvent,
  rentalWaiverMessage,
  settlementLedger,
  validateRentDays,
  type RentalTerms,
} from '../credit'

const T0 = Date.parse('2026-11-20T08:00:00.000Z')
const at = (ms: number) => new Date(ms).toISOString()
// A camera: ¥300 deposit, ¥40 a day, 1 to 7 days. The fee reaches the deposit on day 8 (8 * 40 = 320).
const CAMERA: RentalTerms = { deposit: 30_000, dailyRate: 4_000, minDays: 1, maxDays: 7 }

describe('depositCover', () => {
  it.each([
    ['full waiver', 30_000, { deposit: 30_000, waived: 30_000, frozen: 0 }],
    ['partial waiver', 12_000, { deposit: 30_000, waived: 12_000, frozen: 18_000 }],
    ['denial: the shopper freezes it all', 0, { deposit: 30_000, waived: 0, frozen: 30_000 }],
  ])('%s', (_name, waived, cover) => {
    expect(depositCover(30_000, waived)).toEqual(cover)
  })

  it.each([
    [30_000, 30_001],
    [30_000, -1],
    [30_000, 0.5],
    [-1, 0],
    [30_000.5, 0],
    [30_000, Number.NaN],
  ])('rejects deposit %s waived %s', (deposit, waived) => {
    expect(() => depositCover(deposit, waived)).toThrow(RangeError)
  })
})

describe('rentalSettlement', () => {
  const due3 = rentalDueAt(at(T0), 3)
  const settle = (elapsedMs: number, waived = 0, terms = CAMERA, due = due3) => rentalSettlement(terms, at(T0), due, at(T0 + elapsedMs), depositCover(terms.deposit, waived))

  it('is due whole 24 h days after the start', () => {
    expect(due3).toBe('2026-11-23T08:00:00.000Z')
  })

  it.each([
    ['returned at once: at least 1 day', 0, 1],
    ['1 ms', 1, 1],
    ['exactly 24 h is 1 day', DAY_MS, 1],
    ['24 h + 1 ms is 2 days', DAY_MS + 1, 2],
    ['exactly 48 h', 2 * DAY_MS, 2],
    ['exactly 72 h', 3 * DAY_MS, 3],
  ])('%s', (_name, elapsed, days) => {
    const s = settle(elapsed)
    expect(s.days).toBe(days)
    expect(s.fee).toBe(days * CAMERA.dailyRate)
    expect(s.charge).toBe(days * CAMERA.dailyRate)
    expect(s.overdueDays).toBe(0)
  })

  it('on time, full waiver: the fee is charged, nothing to unfreeze, the rest of the credit released', () => {
    const s = settle(2 * DAY_MS + 5, 30_000)
    expect(s).toEqual({ days: 3, overdueDays: 0, fee: 12_000, charge: 12_000, release: 18_000, unfreeze: 0 })
    expect(creditRelease(s)).toBe(18_000)
  })

  it('partial waiver: the frozen funds pay the fee first, the rest of them unfrozen', () => {
    // ¥200 waived, ¥100 frozen, ¥120 fee: the ¥100 frozen are all taken, ¥20 collected beyond them.
    const s = settle(3 * DAY_MS, 20_000)
    expect(s).toEqual({ days: 3, overdueDays: 0, fee: 12_000, charge: 12_000, release: 18_000, unfreeze: 0 })
    // ¥100 waived, ¥200 frozen: ¥80 of the frozen funds go back.
    const t = settle(3 * DAY_MS, 10_000)
    expect(t.unfreeze).toBe(8_000)
    expect(creditRelease(t)).toBe(10_000)
  })

  it('denial: everything frozen, the unused part unfrozen', () => {
    const s = settle(DAY_MS, 0)
    expect(s).toEqual({ days: 1, overdueDays: 0, fee: 4_000, charge: 4_000, release: 26_000, unfreeze: 26_000 })
    expect(creditRelease(s)).toBe(0)
  })

  it('overdue: started days past the due time, charged by the day', () => {
    const s = settle(3 * DAY_MS + 1)
    expect(s).toMatchObject({ days: 4, overdueDays: 1, fee: 16_000, charge: 16_000 })
    expect(settle(5 * DAY_MS)).toMatchObject({ days: 5, overdueDays: 2, fee: 20_000 })
  })

  it('caps the charge at the deposit', () => {
    const s = settle(10 * DAY_MS, 5_000)
    expect(s).toEqual({ days: 10, overdueDays: 7, fee: 40_000, charge: 30_000, release: 0, unfreeze: 0 })
  })

  it('rejects an end before the start, a cover of another deposit, a cover that does not add up', () => {
    expect(() => settle(-1)).toThrow(RangeError)
    expect(() => settle(DAY_MS, 0, CAMERA, at(T0 - 1))).toThrow(RangeError)
    expect(() => rentalSettlement(CAMERA, at(T0), due3, at(T0 + DAY_MS), depositCover(20_000, 0))).toThrow(RangeError)
    expect(() => rentalSettlement(CAMERA, at(T0), due3, at(T0 + DAY_MS), { deposit: 30_000, waived: 10_000, frozen: 10_000 })).toThrow(RangeError)
    expect(() => rentalSettlement(CAMERA, 'yesterday', due3, at(T0), depositCover(30_000, 0))).toThrow(RangeError)
  })

  it('accepts Date, ISO string and epoch ms alike', () => {
    const cover = depositCover(30_000, 0)
    const a = rentalSettlement(CAMERA, new Date(T0), new Date(due3), new Date(T0 + DAY_MS + 1), cover)
    const b = rentalSettlement(CAMERA, T0, Date.parse(due3), T0 + DAY_MS + 1, cover)
    expect(a).toEqual(b)
    expect(a.days).toBe(2)
  })
})

describe('ledger amounts', () => {
  it('at confirm: the waived and the frozen parts', () => {
    expect(coverLedger(depositCover(30_000, 12_000))).toEqual([
      { kind: 'deposit_waived', amount: 12_000 },
      { kind: 'deposit_frozen', amount: 18_000 },
    ])
    expect(coverLedger(depositCover(30_000, 30_000))).toEqual([{ kind: 'deposit_waived', amount: 30_000 }])
    expect(coverLedger(depositCover(30_000, 0))).toEqual([{ kind: 'deposit_frozen', amount: 30_000 }])
  })

  it('at settlement: the charge, the own funds unfrozen, the credit released', () => {
    const cover = depositCover(30_000, 10_000)
    const s = rentalSettlement(CAMERA, T0, rentalDueAt(T0, 3), T0 + 3 * DAY_MS, cover)
    expect(settlementLedger(s)).toEqual([
      { kind: 'charge', amount: 12_000 },
      { kind: 'unfreeze', amount: 8_000 },
      { kind: 'release', amount: 10_000 },
    ])
    const capped = rentalSettlement(CAMERA, T0, rentalDueAt(T0, 3), T0 + 20 * DAY_MS, cover)
    expect(settlementLedger(capped)).toEqual([{ kind: 'charge', amount: 30_000 }])
  })
})

describe('default', () => {
  it('fires at the end of the first day whose fee reaches the deposit', () => {
    // 30000 / 4000 = 7.5: day 8 brings the fee to 32000.
    expect(defaultDue(CAMERA, at(T0))).toBe(at(T0 + 8 * DAY_MS))
    // Exactly divisible: 30000 / 3000 = 10 days.
    expect(defaultDue({ ...CAMERA, dailyRate: 3_000 }, at(T0))).toBe(at(T0 + 10 * DAY_MS))
    // A rate above the deposit: the first day already reaches it.
    expect(defaultDue({ ...CAMERA, dailyRate: 40_000 }, at(T0))).toBe(at(T0 + DAY_MS))
  })

  it('charges the whole deposit when it fires, and nothing more later', () => {
    const due = defaultDue(CAMERA, at(T0))
    const cover = depositCover(30_000, 12_000)
    const s = rentalSettlement(CAMERA, at(T0), rentalDueAt(at(T0), 7), due, cover)
    expect(s.charge).toBe(30_000)
    expect(s.fee).toBeGreaterThanOrEqual(30_000)
    // A day earlier the fee was still under the deposit.
    expect(rentalSettlement(CAMERA, at(T0), rentalDueAt(at(T0), 7), Date.parse(due) - DAY_MS, cover).charge).toBeLessThan(30_000)
  })

  it('never comes before the due time of any length validateRentDays allows', () => {
    const terms: RentalTerms = { deposit: 10_000, dailyRate: 3_000, minDays: 1, maxDays: 30 }
    for (let days = 1; days <= 30; days++) {
      if (validateRentDays(terms, days) !== null) continue
      expect(Date.parse(defaultDue(terms, T0)) >= Date.parse(rentalDueAt(T0, days))).toBe(true)
    }
  })

  it('the timer: overdue after the due time, default at its time, nothing before or after settling', () => {
    const due = rentalDueAt(T0, 3)
    expect(rentalTimerEvent('in_use', CAMERA, T0, due, T0 + 3 * DAY_MS)).toBeNull()
    expect(rentalTimerEvent('in_use', CAMERA, T0, due, T0 + 3 * DAY_MS + 1)).toBe('overdue')
    expect(rentalTimerEvent('overdue', CAMERA, T0, due, T0 + 5 * DAY_MS)).toBeNull()
    expect(rentalTimerEvent('overdue', CAMERA, T0, due, T0 + 8 * DAY_MS - 1)).toBeNull()
    expect(rentalTimerEvent('overdue', CAMERA, T0, due, T0 + 8 * DAY_MS)).toBe('default')
    // A server that was down: straight to default, which the machine allows from in_use.
    expect(rentalTimerEvent('in_use', CAMERA, T0, due, T0 + 9 * DAY_MS)).toBe('default')
    expect(rentalMachine.next('in_use', 'default', 'system')).toBe('settling')
    for (const s of ['created', 'authorized', 'settling', 'completed', 'cancelled', 'expired'] as const) expect(rentalTimerEvent(s, CAMERA, T0, due, T0 + 9 * DAY_MS)).toBeNull()
  })
})

describe('validateRentDays and checkRentalTerms', () => {
  it.each([
    [1, null],
    [7, null],
    [0, '请选择租期天数'],
    [2.5, '请选择租期天数'],
    [Number.NaN, '请选择租期天数'],
    [8, '最长租 7 天'],
  ])('%s days: %s', (days, message) => {
    expect(validateRentDays(CAMERA, days)).toBe(message)
  })

  it('respects the minimum', () => {
    expect(validateRentDays({ ...CAMERA, minDays: 3 }, 2)).toBe('最短租 3 天')
  })

  it('limits the days to those whose fee has not passed the deposit before the last day', () => {
    const terms: RentalTerms = { deposit: 10_000, dailyRate: 3_000, minDays: 1, maxDays: 30 }
    expect(validateRentDays(terms, 4)).toBeNull()
    expect(validateRentDays(terms, 5)).toBe('最长租 4 天')
  })

  it.each([
    [CAMERA, null],
    [{ ...CAMERA, deposit: 0 }, '押金须为正数'],
    [{ ...CAMERA, dailyRate: 0 }, '日租金须为正数'],
    [{ ...CAMERA, dailyRate: 1.5 }, '日租金须为正数'],
    [{ ...CAMERA, minDays: 0 }, '最短租期至少 1 天'],
    [{ ...CAMERA, minDays: 5, maxDays: 4 }, '最长租期不能短于最短租期'],
    [{ ...CAMERA, minDays: 9, maxDays: 10 }, '最短租期的租金已超过押金'],
  ])('terms %j: %s', (terms, message) => {
    expect(checkRentalTerms(terms)).toBe(message)
  })
})

describe('rentalWaiverMessage', () => {
  it.each([
    [30_000, CREDIT_SERVICE_LABEL.alipay, '芝麻信用已为你免除全部押金'],
    [30_000, CREDIT_SERVICE_LABEL.weapp, '微信支付分已为你免除全部押金'],
    [12_000, CREDIT_SERVICE_LABEL.alipay, '已免押 ¥120.00，还需冻结 ¥180.00'],
    [0, CREDIT_SERVICE_LABEL.alipay, '芝麻信用暂不支持免押，需冻结押金 ¥300.00'],
    [0, CREDIT_SERVICE_LABEL.weapp, '微信支付分暂不支持免押，需冻结押金 ¥300.00'],
  ])('waived %s via %s', (waived, service, message) => {
    expect(rentalWaiverMessage(depositCover(30_000, waived), service)).toBe(message)
  })

  it('defaults to Sesame', () => {
    expect(rentalWaiverMessage(depositCover(30_000, 30_000))).toBe('芝麻信用已为你免除全部押金')
  })
})

describe('rental properties', () => {
  const terms = fc
    .record({ deposit: fc.integer({ min: 1, max: 2_000_000 }), dailyRate: fc.integer({ min: 1, max: 200_000 }), minDays: fc.constant(1), maxDays: fc.integer({ min: 1, max: 60 }) })
  const scenario = terms.chain((t) =>
    fc.record({
      terms: fc.constant(t),
      waived: fc.integer({ min: 0, max: t.deposit }),
      days: fc.integer({ min: 1, max: t.maxDays }),
      elapsed: fc.integer({ min: 0, max: 90 * DAY_MS }),
    }),
  )

  it('charge <= deposit, charge + release = deposit, unfreeze <= frozen, the credit part <= waived, charge = min(fee, deposit)', () => {
    fc.assert(
      fc.property(scenario, ({ terms: t, waived, days, elapsed }) => {
        const cover = depositCover(t.deposit, waived)
        const s = rentalSettlement(t, T0, rentalDueAt(T0, days), T0 + elapsed, cover)
        expect(s.charge).toBeLessThanOrEqual(t.deposit)
        expect(s.charge + s.release).toBe(t.deposit)
        expect(s.unfreeze).toBeLessThanOrEqual(cover.frozen)
        expect(s.unfreeze).toBeGreaterThanOrEqual(0)
        expect(creditRelease(s)).toBeGreaterThanOrEqual(0)
        expect(creditRelease(s)).toBeLessThanOrEqual(cover.waived)
        expect(s.charge).toBe(Math.min(s.fee, t.deposit))
        // Frozen funds pay first: what is kept of them is min(charge, frozen), and own funds come back only once they covered the whole charge.
        expect(cover.frozen - s.unfreeze).toBe(Math.min(s.charge, cover.frozen))
        if (s.unfreeze > 0) expect(cover.frozen - s.unfreeze).toBe(s.charge)
        expect(s.fee).toBe(s.days * t.dailyRate)
        expect(s.days).toBeGreaterThanOrEqual(1)
        expect(s.overdueDays).toBeLessThanOrEqual(s.days)
        for (const v of Object.values(s)) expect(Number.isSafeInteger(v)).toBe(true)
        const sum = (es: { amount: number }[]) => es.reduce((a, e) => a + e.amount, 0)
        expect(sum(settlementLedger(s))).toBe(t.deposit)
        expect(sum(coverLedger(cover))).toBe(t.deposit)
      }),
    )
  })

  it('a later end never charges less', () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 0, max: 10 * DAY_MS }), ({ terms: t, waived, days, elapsed }, more) => {
        const cover = depositCover(t.deposit, waived)
        const due = rentalDueAt(T0, days)
        expect(rentalSettlement(t, T0, due, T0 + elapsed + more, cover).charge).toBeGreaterThanOrEqual(rentalSettlement(t, T0, due, T0 + elapsed, cover).charge)
      }),
    )
  })

  it('at the default time the whole deposit is charged', () => {
    fc.assert(
      fc.property(scenario, ({ terms: t, waived, days }) => {
        const s = rentalSettlement(t, T0, rentalDueAt(T0, days), defaultDue(t, T0), depositCover(t.deposit, waived))
        expect(s.charge).toBe(t.deposit)
        expect(s.release).toBe(0)
      }),
    )
  })
})
