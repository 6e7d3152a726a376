import { describe, expect, it } from 'vitest'
import type { ReviewableLine, ReviewView } from '@/domain/reviews'
import { buildAppendInput, buildReviewInput, reviewEntry } from '../review-form'

const review = (id: number): ReviewView => ({
  id, productId: 1, skuId: 1, specText: '', rating: 5, content: '好', photos: [], nickname: '小*', avatar: null,
  createdAt: '2026-12-05T00:00:00.000Z', append: null, reply: null, featured: false,
})
const line = (orderItemId: number, over: Partial<ReviewableLine> = {}): ReviewableLine => ({
  orderItemId, productId: 1, title: `商品${orderItemId}`, image: '/a.jpg', specText: '', review: null, canReview: true, canAppend: false, ...over,
})

describe('buildReviewInput', () => {
  it('sends every line that may be reviewed, five stars by default, the text trimmed, anonymous for all', () => {
    const lines = [line(1), line(2), line(3, { canReview: false, review: review(9) })]
    const r = buildReviewInput(lines, { 1: { rating: 3, content: ' 不错 ', photos: ['/api/uploads/r1.jpg'] } }, true)
    expect(r).toEqual({
      ok: true,
      input: {
        items: [
          { orderItemId: 1, rating: 3, content: '不错', photos: ['/api/uploads/r1.jpg'], anonymous: true },
          { orderItemId: 2, rating: 5, content: '', photos: [], anonymous: true },
        ],
      },
    })
  })

  it('refuses too long a text, too many photos, a bad rating, or nothing to review', () => {
    expect(buildReviewInput([line(1)], { 1: { rating: 5, content: 'x'.repeat(501), photos: [] } }, false)).toEqual({ ok: false, message: '「商品1」评价内容最多 500 个字' })
    expect(buildReviewInput([line(1)], { 1: { rating: 5, content: '', photos: Array.from({ length: 10 }, (_, i) => `/p${i}.jpg`) } }, false)).toEqual({ ok: false, message: '「商品1」最多上传 9 张图片' })
    expect(buildReviewInput([line(1)], { 1: { rating: 0, content: '', photos: [] } }, false)).toEqual({ ok: false, message: '「商品1」请给商品打 1 到 5 星' })
    expect(buildReviewInput([line(1, { canReview: false })], {}, false)).toEqual({ ok: false, message: '没有可评价的商品' })
  })
})

describe('buildAppendInput', () => {
  it('needs text or a photo', () => {
    expect(buildAppendInput({ content: '  ', photos: [] })).toEqual({ ok: false, message: '请填写追评内容或上传图片' })
    expect(buildAppendInput({ content: ' 用了一周 ', photos: [] })).toEqual({ ok: true, input: { content: '用了一周', photos: [] } })
    expect(buildAppendInput({ content: '', photos: ['/p.jpg'] })).toEqual({ ok: true, input: { content: '', photos: ['/p.jpg'] } })
  })
})

describe('reviewEntry', () => {
  it('评价 while a line may be reviewed; 追评 (straight to the one review) once all are; nothing after', () => {
    expect(reviewEntry([line(1), line(2, { canReview: false, review: review(9), canAppend: true })])).toEqual({ label: '评价' })
    expect(reviewEntry([line(1, { canReview: false, review: review(9), canAppend: true })])).toEqual({ label: '追评', append: 9 })
    const two = [line(1, { canReview: false, review: review(8), canAppend: true }), line(2, { canReview: false, review: review(9), canAppend: true })]
    expect(reviewEntry(two)).toEqual({ label: '追评' })
    expect(reviewEntry([line(1, { canReview: false, review: review(9) })])).toBeNull()
  })
})
