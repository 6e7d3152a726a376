import { describe, expect, it } from 'vitest'
import { daysInMonth, firstColumn, isMonth, monthTitle, monthWeeks, nextBonus, nextBonusText, shiftMonth } from '../check-in-calendar'

const days = (weeks: ReturnType<typeof monthWeeks>) => weeks.flat().filter((c) => c !== null)

describe('the check-in month grid (Monday first)', () => {
  // A month starting on each weekday of 2026: Jun 1 is a Monday … Nov 1 a Sunday.
  it.each([
    ['2026-06', 0, 'Monday'],
    ['2026-09', 1, 'Tuesday'],
    ['2026-04', 2, 'Wednesday'],
    ['2026-01', 3, 'Thursday'],
    ['2026-05', 4, 'Friday'],
    ['2026-08', 5, 'Saturday'],
    ['2026-11', 6, 'Sunday'],
  ] as const)('%s starts in column %i (%s)', (month, column, _weekday) => {
    expect(firstColumn(month)).toBe(column)
    const weeks = monthWeeks(month)
    expect(weeks.every((w) => w.length === 7)).toBe(true)
    expect(weeks[0].findIndex((c) => c !== null)).toBe(column)
    expect(weeks[0][column]).toEqual({ date: `${month}-01`, day: 1 })
    const all = days(weeks)
    expect(all).toHaveLength(daysInMonth(month))
    expect(all.map((c) => c.day)).toEqual(Array.from({ length: all.length }, (_, i) => i + 1))
    // The last week holds the last day; no week is all blanks.
    expect(weeks.every((w) => w.some((c) => c !== null))).toBe(true)
  })

  it('February: 29 days in a leap year, 28 otherwise; Feb 2021 fills exactly four weeks', () => {
    expect(daysInMonth('2028-02')).toBe(29)
    expect(daysInMonth('2024-02')).toBe(29)
    expect(daysInMonth('2026-02')).toBe(28)
    expect(daysInMonth('2100-02')).toBe(28)
    expect(daysInMonth('2000-02')).toBe(29)
    const leap = monthWeeks('2028-02')
    expect(days(leap).at(-1)).toEqual({ date: '2028-02-29', day: 29 })
    // Feb 1 2021 was a Monday: 28 days, 4 full rows, no blanks.
    expect(monthWeeks('2021-02')).toHaveLength(4)
    expect(monthWeeks('2021-02').flat().every((c) => c !== null)).toBe(true)
  })

  it('a 31-day month starting on Sunday needs six rows', () => {
    expect(firstColumn('2026-03')).toBe(6)
    expect(monthWeeks('2026-03')).toHaveLength(6)
  })

  it('switching months crosses year ends', () => {
    expect(shiftMonth('2026-01', -1)).toBe('2025-12')
    expect(shiftMonth('2026-12', 1)).toBe('2027-01')
    expect(shiftMonth('2026-05', 0)).toBe('2026-05')
    expect(shiftMonth('2026-05', -17)).toBe('2024-12')
    expect(monthTitle('2026-03')).toBe('2026年3月')
  })

  it('only YYYY-MM is a month', () => {
    expect(isMonth('2026-12')).toBe(true)
    expect(isMonth('2026-13')).toBe(false)
    expect(isMonth('2026-1')).toBe(false)
    expect(isMonth(202612)).toBe(false)
    expect(() => monthWeeks('2026-13')).toThrow()
  })
})

describe('the next streak bonus', () => {
  const bonuses = [
    { day: 7, points: 20 },
    { day: 3, points: 5 },
  ]

  it('the nearest bonus day ahead of the streak, however the settings are ordered', () => {
    expect(nextBonus(0, bonuses)).toEqual({ inDays: 3, points: 5, day: 3 })
    expect(nextBonus(3, bonuses)).toEqual({ inDays: 4, points: 20, day: 7 })
    expect(nextBonusText(nextBonus(4, bonuses))).toBe('再签 3 天得 20 积分')
  })

  it('none left (or none set): no text', () => {
    expect(nextBonus(7, bonuses)).toBeNull()
    expect(nextBonus(2, [])).toBeNull()
    expect(nextBonusText(null)).toBeNull()
  })
})
