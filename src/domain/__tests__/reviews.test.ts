import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { canAppend, canReview, checkAppend, checkReviewLine, REVIEW_MAX_TEXT, reviewerName, summarize, type RatingCount, type ReviewLineInput } from '../reviews'

const line = (over: Partial<ReviewLineInput> = {}): ReviewLineInput => ({ orderItemId: 1, rating: 5, content: '很好', photos: [], ...over })
const photos = (n: number) => Array.from({ length: n }, (_, i) => `/api/uploads/${String(i).padStart(32, '0')}.jpg`)

describe('checkReviewLine', () => {
  it('takes whole stars 1..5 only', () => {
    for (const rating of [1, 2, 3, 4, 5]) expect(checkReviewLine(line({ rating })).ok).toBe(true)
    for (const rating of [0, 6, 4.5, -1, Number.NaN]) expect(checkReviewLine(line({ rating }))).toMatchObject({ ok: false, code: 'BAD_RATING' })
  })

  it('trims the words, allows none with a rating, caps them by code points', () => {
    expect(checkReviewLine(line({ content: '  好  ', anonymous: undefined }))).toEqual({ ok: true, value: { orderItemId: 1, rating: 5, content: '好', photos: [], anonymous: false } })
    expect(checkReviewLine(line({ content: '   ' }))).toMatchObject({ ok: true, value: { content: '' } })
    expect(checkReviewLine(line({ content: '😀'.repeat(REVIEW_MAX_TEXT) })).ok).toBe(true)
    expect(checkReviewLine(line({ content: 'a'.repeat(REVIEW_MAX_TEXT + 1) }))).toMatchObject({ ok: false, code: 'TEXT_TOO_LONG' })
  })

  it('takes up to 9 photos, each once', () => {
    expect(checkReviewLine(line({ photos: photos(9) })).ok).toBe(true)
    expect(checkReviewLine(line({ photos: photos(10) }))).toMatchObject({ ok: false, code: 'TOO_MANY_PHOTOS' })
    expect(checkReviewLine(line({ photos: [...photos(2), photos(1)[0]] }))).toMatchObject({ ok: false, code: 'DUPLICATE_PHOTO' })
  })
})

describe('checkAppend', () => {
  it('needs words or a photo', () => {
    expect(checkAppend({ content: ' ', photos: [] })).toMatchObject({ ok: false, code: 'EMPTY_APPEND' })
    expect(checkAppend({ content: '', photos: photos(1) }).ok).toBe(true)
    expect(checkAppend({ content: ' 用了一个月，还不错 ', photos: [] })).toEqual({ ok: true, value: { content: '用了一个月，还不错', photos: [] } })
  })
})

describe('canReview / canAppend', () => {
  const fresh = { quantity: 2, refundedQuantity: 0, reviewed: false }
  it('only a received order’s lines not fully refunded and not yet reviewed', () => {
    expect(canReview('completed', fresh)).toBe(true)
    expect(canReview('completed', { ...fresh, refundedQuantity: 1 })).toBe(true)
    expect(canReview('completed', { ...fresh, refundedQuantity: 2 })).toBe(false)
    expect(canReview('completed', { ...fresh, reviewed: true })).toBe(false)
    for (const s of ['created', 'paid', 'shipped', 'cancelled', 'closed', 'refunding', 'refunded'] as const) expect(canReview(s, fresh)).toBe(false)
  })
  it('appends once', () => {
    expect(canAppend(null)).toBe(false)
    expect(canAppend({ append: null })).toBe(true)
    expect(canAppend({ append: { content: '追评', photos: [], at: '2026-06-01T00:00:00.000Z' } })).toBe(false)
  })
})

describe('summarize', () => {
  it('nothing yet', () => {
    expect(summarize([])).toEqual({ count: 0, rating: null, withPhotos: 0, goodPercent: null })
  })
  it('average with one decimal, good share in whole percent', () => {
    const groups: RatingCount[] = [
      { rating: 5, count: 7, withPhotos: 3 },
      { rating: 4, count: 1, withPhotos: 0 },
      { rating: 2, count: 1, withPhotos: 1 },
    ]
    // (35 + 4 + 2) / 9 = 4.555… → 4.6; 8 of 9 good = 88.9 → 89
    expect(summarize(groups)).toEqual({ count: 9, rating: 4.6, withPhotos: 4, goodPercent: 89 })
  })
  it('stays within 1..5 and 0..100 whatever the mix', () => {
    const group = fc.record({ rating: fc.integer({ min: 1, max: 5 }), count: fc.integer({ min: 0, max: 1000 }) })
    fc.assert(
      fc.property(fc.array(group, { maxLength: 5 }), (gs) => {
        const s = summarize(gs.map((g) => ({ ...g, withPhotos: Math.floor(g.count / 2) })))
        if (s.count === 0) {
          expect(s.rating).toBeNull()
          return
        }
        expect(s.rating).toBeGreaterThanOrEqual(1)
        expect(s.rating).toBeLessThanOrEqual(5)
        expect(Math.round((s.rating as number) * 10)).toBeCloseTo((s.rating as number) * 10, 9)
        expect(s.goodPercent).toBeGreaterThanOrEqual(0)
        expect(s.goodPercent).toBeLessThanOrEqual(100)
      }),
    )
  })
})

describe('reviewerName', () => {
  it('masks the nickname, or says anonymous', () => {
    expect(reviewerName('张小明', false)).toBe('张**')
    expect(reviewerName('张小明', true)).toBe('匿名用户')
  })
})
