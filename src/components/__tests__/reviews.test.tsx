import { describe, expect, it, vi } from 'vitest'
import { fireEvent, render } from '@testing-library/react'
import StarRating from '@/components/star-rating'
import { clampRating, starMarks } from '@/components/star-rating/stars'
import { countText, goodPercentText, ratingText, reviewDay, reviewsTitle, withPhotosTab } from '@/components/review-section/summary-text'
import type { ReviewSummary } from '@/domain/reviews'

const summary = (over: Partial<ReviewSummary> = {}): ReviewSummary => ({ count: 128, rating: 4.8, withPhotos: 32, goodPercent: 96, ...over })
const NONE: ReviewSummary = { count: 0, rating: null, withPhotos: 0, goodPercent: null }

describe('starMarks', () => {
  it('rounds an average to the nearest half star', () => {
    expect(starMarks(5)).toEqual(['full', 'full', 'full', 'full', 'full'])
    expect(starMarks(4.8)).toEqual(['full', 'full', 'full', 'full', 'full'])
    expect(starMarks(4.3)).toEqual(['full', 'full', 'full', 'full', 'half'])
    expect(starMarks(4.2)).toEqual(['full', 'full', 'full', 'full', 'empty'])
    expect(starMarks(1)).toEqual(['full', 'empty', 'empty', 'empty', 'empty'])
  })

  it('nothing, or nonsense, is five empty stars; above five is five', () => {
    expect(starMarks(null)).toEqual(Array(5).fill('empty'))
    expect(starMarks(Number.NaN)).toEqual(Array(5).fill('empty'))
    expect(starMarks(7)).toEqual(Array(5).fill('full'))
  })

  it('a tap sets a whole 1..5', () => {
    expect([clampRating(0), clampRating(3.4), clampRating(9), clampRating(Number.NaN)]).toEqual([1, 3, 5, 5])
  })
})

describe('StarRating', () => {
  it('picks the tapped star and says what it means', () => {
    const onChange = vi.fn()
    const { container, getByText } = render(<StarRating value={4} onChange={onChange} />)
    expect(getByText('好')).toBeTruthy()
    fireEvent.click(container.querySelector('.star-rating__star--2') as Element)
    expect(onChange).toHaveBeenCalledWith(2)
  })

  it('only shows when there is nothing to change', () => {
    const { container } = render(<StarRating value={4.5} size="sm" />)
    expect(Array.from(container.querySelectorAll('.star-rating__star')).map((s) => s.className.match(/is-(\w+)/)?.[1])).toEqual(['full', 'full', 'full', 'full', 'half'])
    expect(container.querySelector('.star-rating__label')).toBeNull()
  })
})

describe('summary text', () => {
  it('好评率, title, rating and the 有图 tab', () => {
    expect(goodPercentText(summary())).toBe('好评率 96%')
    expect(goodPercentText(summary({ goodPercent: 95.6 }))).toBe('好评率 96%')
    expect(reviewsTitle(summary())).toBe('评价 (128)')
    expect(ratingText(summary())).toBe('4.8')
    expect(ratingText(summary({ rating: 5 }))).toBe('5.0')
    expect(withPhotosTab(summary())).toBe('有图 (32)')
  })

  it('no reviews yet says so instead of 0%', () => {
    expect(goodPercentText(NONE)).toBe('暂无评价')
    expect(reviewsTitle(NONE)).toBe('评价')
    expect(ratingText(NONE)).toBe('')
    expect(withPhotosTab(NONE)).toBe('有图')
    expect(withPhotosTab(null)).toBe('有图')
  })

  it('large counts in 万', () => {
    expect([countText(9999), countText(10_000), countText(12_345), countText(1_250_000)]).toEqual(['9999', '1万', '1.2万', '125万'])
  })

  it("a review's day is the shop's calendar day (UTC+8)", () => {
    expect(reviewDay('2026-12-05T17:30:00.000Z')).toBe('2026-12-06')
    expect(reviewDay('2026-12-05T08:00:00.000Z')).toBe('2026-12-05')
    expect(reviewDay('nonsense')).toBe('')
  })
})
