import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MEMBERSHIP_PLAN, membershipMachine, membershipSettlement, nextPeriod, periodEnd, savingsFromDiscounts, settledEvent, settlementPreview } from '../credit'
import { MEMBER_PRICE_LABEL } from '../promotions'

const FEE = MEMBERSHIP_PLAN.fee

describe('membershipSettlement: min(fee, savings)', () => {
  it.each([
    ['no member price used: nothing to pay', 0, 0],
    ['saved less than the fee: pays what was saved', 480, 480],
    ['saved exactly the fee', FEE, FEE],
    ['saved more than the fee: pays the fee', FEE * 4 + 1, FEE],
  ])('%s', (_name, savings, charge) => {
    expect(membershipSettlement(FEE, savings)).toEqual({ fee: FEE, savings, charge })
  })

  it('a free plan never charges', () => {
    expect(membershipSettlement(0, 5_000).charge).toBe(0)
  })

  it.each([
    [-1, 0],
    [0, -1],
    [1500.5, 0],
    [1500, 0.1],
    [Number.NaN, 0],
    [1500, Number.POSITIVE_INFINITY],
  ])('rejects fee %s savings %s', (fee, savings) => {
    expect(() => membershipSettlement(fee, savings)).toThrow(RangeError)
  })

  it('charge = min(fee, savings), never above the fee nor the savings', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 10_000_000 }), (fee, savings) => {
        const s = membershipSettlement(fee, savings)
        expect(s.charge).toBe(Math.min(fee, savings))
        expect(s.charge).toBeLessThanOrEqual(fee)
        expect(s.charge).toBeLessThanOrEqual(savings)
      }),
    )
  })
})

describe('savingsFromDiscounts', () => {
  it('sums member_price discounts only', () => {
    expect(
      savingsFromDiscounts([
        { kind: 'member_price', amount: 300 },
        { kind: 'coupon', amount: 1_000 },
        { kind: 'full_reduction', amount: 2_000 },
        { kind: 'member_price', amount: 45 },
        { kind: 'limited_time', amount: 700 },
      ]),
    ).toBe(345)
    expect(savingsFromDiscounts([])).toBe(0)
    expect(savingsFromDiscounts([{ kind: 'coupon', amount: 1_000 }])).toBe(0)
  })

  it('rejects a broken amount rather than count it', () => {
    expect(() => savingsFromDiscounts([{ kind: 'member_price', amount: -5 }])).toThrow(RangeError)
    expect(() => savingsFromDiscounts([{ kind: 'member_price', amount: 2.5 }])).toThrow(RangeError)
  })

  it('the promotions engine labels the same kind 会员价', () => {
    expect(MEMBER_PRICE_LABEL).toBe('会员价')
  })
})

describe('a period, end to end through the rules', () => {
  const start = '2026-11-01T00:00:00.000Z'
  const orders = [
    [{ kind: 'member_price', amount: 600 }, { kind: 'coupon', amount: 500 }],
    [{ kind: 'member_price', amount: 400 }],
  ]
  const savedSoFar = orders.map(savingsFromDiscounts).reduce((a, b) => a + b, 0)

  it('periods are periodDays whole days and follow each other', () => {
    const end = periodEnd(start)
    expect(end).toBe('2026-12-01T00:00:00.000Z')
    expect(nextPeriod(end)).toEqual({ start: end, end: '2026-12-31T00:00:00.000Z' })
    expect(periodEnd(new Date(start), 7)).toBe('2026-11-08T00:00:00.000Z')
    expect(() => periodEnd('not a date')).toThrow(RangeError)
  })

  it('mid-period cancel: settles min(fee, what was saved so far) and ends', () => {
    let state = membershipMachine.next('active', 'cancel', 'shopper')
    expect(state).toBe('settling')
    expect(membershipSettlement(FEE, savedSoFar).charge).toBe(1_000)
    state = membershipMachine.next('settling', settledEvent(true, true), 'platform')
    expect(state).toBe('ended')
  })

  it('period end with renewal on: charged, back to active for the next period', () => {
    const state = membershipMachine.next('active', 'period_end', 'system')
    expect(state).toBe('settling')
    expect(membershipMachine.next('settling', settledEvent(true, false), 'platform')).toBe('active')
  })

  it('period end with renewal off: ends; with nothing saved the server settles without the platform', () => {
    expect(membershipSettlement(FEE, 0).charge).toBe(0)
    expect(membershipMachine.next('settling', settledEvent(false, false), 'system')).toBe('ended')
  })

  it('a member cannot end a period or settle it', () => {
    expect(membershipMachine.next('active', 'period_end', 'shopper')).toBeNull()
    expect(membershipMachine.next('settling', 'settled_end', 'shopper')).toBeNull()
    expect(membershipMachine.next('signing', 'cancel', 'shopper')).toBeNull()
  })
})

describe('settlementPreview', () => {
  it.each([
    [0, 0, '本期还未使用会员价，期末无需支付'],
    [480, 480, '本期已省 ¥4.80，期末将支付 ¥4.80'],
    [6_000, 1_500, '本期已省 ¥60.00，期末将支付 ¥15.00'],
  ])('saved %s, will pay %s', (savings, willPay, text) => {
    expect(settlementPreview({ savings, willPay })).toBe(text)
  })

  it('says what membershipSettlement charges', () => {
    const s = membershipSettlement(FEE, 2_345)
    expect(settlementPreview({ savings: s.savings, willPay: s.charge })).toBe('本期已省 ¥23.45，期末将支付 ¥15.00')
  })
})
