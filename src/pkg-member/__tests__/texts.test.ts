import { describe, expect, it } from 'vitest'
import type { PlanDelivery } from '@/domain/plans'
import { benefitLines, progressPercent } from '../level/benefits'
import { earliestFirstDate, postponeRange } from '@/domain/plans'
import { canSkip, dayLabel, percentOffText, refundText } from '../plan-text'

const delivery = (over: Partial<PlanDelivery>): PlanDelivery => ({ n: 1, date: '2026-12-14', status: 'scheduled', shippedAt: null, tracking: null, cutoffAt: '2026-12-12T16:00:00.000Z', ...over })

describe('periodic purchase texts', () => {
  it('the earliest first day leaves the cut-off before its 00:00 shop time', () => {
    // 2026-12-05 10:00 Shanghai (02:00Z), cut-off 48 h: 12-07 10:00 → the 12-08 is the first whole day after it.
    expect(earliestFirstDate(new Date('2026-12-05T02:00:00Z'), 48)).toBe('2026-12-08')
    // Without a cut-off: tomorrow in Shanghai; 16:30Z is already 12-06 00:30 there.
    expect(earliestFirstDate(new Date('2026-12-05T15:30:00Z'), 0)).toBe('2026-12-06')
    expect(earliestFirstDate(new Date('2026-12-05T16:30:00Z'), 0)).toBe('2026-12-07')
  })

  it('skips only scheduled deliveries before their cut-off', () => {
    const now = Date.parse('2026-12-10T00:00:00Z')
    expect(canSkip(delivery({}), now)).toBe(true)
    expect(canSkip(delivery({ cutoffAt: '2026-12-09T16:00:00.000Z' }), now)).toBe(false)
    expect(canSkip(delivery({ status: 'shipped' }), now)).toBe(false)
    expect(canSkip(delivery({ status: 'skipped' }), now)).toBe(false)
  })

  it('labels days, discounts and the refund', () => {
    expect(dayLabel('2026-12-14')).toBe('12月14日 周一')
    expect(dayLabel('2027-01-03')).toBe('1月3日 周日')
    expect(percentOffText(5)).toBe('省 5%')
    expect(percentOffText(0)).toBe('')
    expect(refundText(14850)).toBe('已取消剩余期数，退款 ¥148.50 将原路退回')
    expect(refundText(0)).toBe('已取消剩余期数')
  })
})

describe('level texts', () => {
  it('lists what a level gives', () => {
    expect(benefitLines({ freeShippingThreshold: 6900, pointsMultiplier: 1.2, birthdayCouponBatchId: null }, 1)).toEqual(['满 ¥69.00 包邮', '积分 1.2 倍', '专享会员价'])
    expect(benefitLines({ freeShippingThreshold: 0, pointsMultiplier: 2, birthdayCouponBatchId: 3 }, 3)).toEqual(['全场包邮', '积分 2 倍', '专享会员价', '生日礼券'])
    expect(benefitLines({ freeShippingThreshold: null, pointsMultiplier: 1, birthdayCouponBatchId: null }, 0)).toEqual([])
  })

  it('measures the progress to the next level, full at the top', () => {
    expect(progressPercent(1250, 500, 2000)).toBe(50)
    expect(progressPercent(500, 500, 2000)).toBe(0)
    expect(progressPercent(9000, 8000, null)).toBe(100)
  })
})

describe('postponeRange (顺延)', () => {
  const d = (n: number, date: string, status: PlanDelivery['status'] = 'scheduled'): PlanDelivery => ({ n, date, status, shippedAt: null, tracking: null, cutoffAt: `${date}T00:00:00.000Z` })
  it('from the next day to the day before the next delivery that still goes out', () => {
    const all = [d(1, '2026-12-10'), d(2, '2026-12-17', 'skipped'), d(3, '2026-12-24'), d(4, '2026-12-31')]
    expect(postponeRange(all[0], all)).toEqual({ start: '2026-12-11', end: '2026-12-23' })
  })
  it('the last delivery: up to 31 days, across the year end', () => {
    const all = [d(1, '2026-12-10', 'shipped'), d(2, '2026-12-20')]
    expect(postponeRange(all[1], all)).toEqual({ start: '2026-12-21', end: '2027-01-20' })
  })
})
