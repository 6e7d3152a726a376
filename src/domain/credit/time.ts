/**
 * Credit rules count in whole 24-hour days from an instant, never calendar days: the
 * platforms' timers and the shopper's "rented for 3 days" must agree wherever the server runs.
 * Instants come in as the server has them (Date, ISO string, epoch ms) and go out as ISO
 * strings, the wire's form.
 */
export type Instant = Date | string | number

export const DAY_MS = 24 * 60 * 60 * 1000

export function toMs(at: Instant, what = 'time'): number {
  const ms = at instanceof Date ? at.getTime() : typeof at === 'number' ? at : Date.parse(at)
  if (!Number.isFinite(ms)) throw new RangeError(`${what} is not a valid instant: ${String(at)}`)
  return ms
}

export function addDays(at: Instant, days: number): string {
  return new Date(toMs(at) + days * DAY_MS).toISOString()
}

/** Started 24 h days in [from, to]: 24 h is 1 day, 24 h + 1 ms is 2. 0 when to <= from. */
export function startedDays(fromMs: number, toMs: number): number {
  return toMs <= fromMs ? 0 : Math.ceil((toMs - fromMs) / DAY_MS)
}
