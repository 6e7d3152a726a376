/**
 * The check-in page's month grid and its texts. Pure: no I/O, no clock (today comes from the
 * server's CheckInCalendar, which counts days in the shop's time zone, Asia/Shanghai).
 *
 * Weeks start on Monday, as Chinese calendars do (一 … 日).
 */

export const WEEKDAY_LABELS = ['一', '二', '三', '四', '五', '六', '日'] as const

/** One cell of the grid: a day of the month, or a blank before the 1st / after the last day. */
export type CalendarCell = { date: string; day: number } | null

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/

export function isMonth(value: unknown): value is string {
  return typeof value === 'string' && MONTH.test(value)
}

function parts(month: string): { year: number; month: number } {
  const m = MONTH.exec(month)
  if (!m) throw new Error(`not a month: ${month}`)
  return { year: Number(m[1]), month: Number(m[2]) }
}

const pad = (n: number) => String(n).padStart(2, '0')

export function daysInMonth(month: string): number {
  const { year, month: m } = parts(month)
  // Day 0 of the next month is the last day of this one (UTC: no time zone can shift it).
  return new Date(Date.UTC(year, m, 0)).getUTCDate()
}

/** 0 = Monday … 6 = Sunday: the column of the month's 1st. */
export function firstColumn(month: string): number {
  const { year, month: m } = parts(month)
  return (new Date(Date.UTC(year, m - 1, 1)).getUTCDay() + 6) % 7
}

/** The month as rows of 7 cells (Monday first), blanks padding the first and last week. */
export function monthWeeks(month: string): CalendarCell[][] {
  const lead = firstColumn(month)
  const days = daysInMonth(month)
  const cells: CalendarCell[] = Array.from({ length: lead }, () => null)
  for (let d = 1; d <= days; d++) cells.push({ date: `${month}-${pad(d)}`, day: d })
  while (cells.length % 7) cells.push(null)
  const weeks: CalendarCell[][] = []
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7))
  return weeks
}

/** The month before (-1) or after (+1): "2026-01" − 1 = "2025-12". */
export function shiftMonth(month: string, by: number): string {
  const { year, month: m } = parts(month)
  const index = year * 12 + (m - 1) + by
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`
}

/** "2026-12" → "2026年12月". */
export function monthTitle(month: string): string {
  const { year, month: m } = parts(month)
  return `${year}年${m}月`
}

/**
 * The next streak bonus still ahead. `streak` counts the days up to today when today is
 * checked, else up to yesterday: either way the bonus day D is D − streak check-ins away
 * (today's included when not yet done). Bonus days already passed don't count; none → null.
 */
export function nextBonus(streak: number, bonuses: readonly { day: number; points: number }[]): { inDays: number; points: number; day: number } | null {
  const ahead = bonuses.filter((b) => b.day > streak).sort((a, b) => a.day - b.day)[0]
  if (!ahead) return null
  return { inDays: ahead.day - streak, points: ahead.points, day: ahead.day }
}

/** "再签 3 天得 20 积分" (the bonus day's extra points). */
export function nextBonusText(next: { inDays: number; points: number } | null): string | null {
  return next ? `再签 ${next.inDays} 天得 ${next.points} 积分` : null
}
