import type { ReviewSummary } from '@/domain/reviews'
import { shopDay } from '@/domain/points'

/** 12345 → "1.2万": a count that fits beside the title. */
export function countText(n: number): string {
  if (n < 10_000) return String(n)
  return `${Math.floor(n / 1000) / 10}万`
}

/** "好评率 96%", or what an empty summary says. */
export function goodPercentText(summary: ReviewSummary): string {
  return summary.count > 0 && summary.goodPercent !== null ? `好评率 ${Math.round(summary.goodPercent)}%` : '暂无评价'
}

/** "评价 (128)", or just "评价" with none. */
export function reviewsTitle(summary: ReviewSummary): string {
  return summary.count > 0 ? `评价 (${countText(summary.count)})` : '评价'
}

/** The average with one decimal ("4.8"), or '' with no reviews. */
export function ratingText(summary: ReviewSummary): string {
  return summary.count > 0 && summary.rating !== null ? summary.rating.toFixed(1) : ''
}

/** "有图 (32)" on the reviews page's tab. */
export function withPhotosTab(summary: ReviewSummary | null): string {
  return summary && summary.withPhotos > 0 ? `有图 (${countText(summary.withPhotos)})` : '有图'
}

/** The day a review was written ("2026-12-05"): the shopper's calendar day, in the shop's zone (UTC+8). */
export function reviewDay(iso: string): string {
  const t = Date.parse(iso)
  if (!Number.isFinite(t)) return ''
  return shopDay(new Date(t))
}
