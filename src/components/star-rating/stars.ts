/** One of the five stars as drawn: full, half (an average like 4.5) or empty. */
export type StarMark = 'full' | 'half' | 'empty'

export const RATING_LABEL: Record<number, string> = { 1: '非常差', 2: '差', 3: '一般', 4: '好', 5: '非常好' }

/**
 * The five stars for a rating: an average rounds to the nearest half star (4.8 → five full,
 * 4.3 → four and a half); nothing (null, NaN) is five empty stars.
 */
export function starMarks(rating: number | null): StarMark[] {
  const halves = rating === null || !Number.isFinite(rating) ? 0 : Math.round(Math.min(5, Math.max(0, rating)) * 2)
  return [1, 2, 3, 4, 5].map((n) => (halves >= n * 2 ? 'full' : halves === n * 2 - 1 ? 'half' : 'empty'))
}

/** What a tap on a star sets: a whole 1..5 (the server refuses anything else). */
export function clampRating(n: number): number {
  return Number.isFinite(n) ? Math.min(5, Math.max(1, Math.round(n))) : 5
}
