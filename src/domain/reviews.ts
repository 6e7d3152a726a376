/**
 * Reviews and the buyer show (买家秀): after receipt, each order line can be rated and reviewed
 * once (1..5 stars, text, up to 9 photos), and appended once later. The shop moderates: hide,
 * reply, feature in the buyer show. Pure: no I/O.
 */

import type { OrderStatus } from './order-state'
import { maskNickname } from './promoters'

export const REVIEW_MAX_PHOTOS = 9
export const REVIEW_MAX_TEXT = 500

/** One line's review in POST /api/orders/:id/reviews {items: ReviewLineInput[]}. */
export interface ReviewLineInput {
  orderItemId: number
  /** 1..5 */
  rating: number
  content: string
  /** URLs issued by POST /api/uploads/reviews to this shopper (anything else is refused). */
  photos: string[]
  anonymous?: boolean
}

export interface ReviewInput {
  items: ReviewLineInput[]
}

/** POST /api/reviews/:id/append {content, photos}: once, after the first review. */
export interface AppendInput {
  content: string
  photos: string[]
}

export interface ReviewView {
  id: number
  productId: number
  skuId: number
  /** "颜色: 红; 尺码: M" */
  specText: string
  rating: number
  content: string
  photos: string[]
  /** Masked nickname ("匿名用户" when anonymous). */
  nickname: string
  avatar: string | null
  createdAt: string
  append: { content: string; photos: string[]; at: string } | null
  reply: { content: string; at: string } | null
  featured: boolean
}

/** GET /api/products/:id/reviews?withPhotos=&page= */
export interface ReviewPage {
  summary: ReviewSummary
  items: ReviewView[]
  total: number
  page: number
  pageSize: number
}

export interface ReviewSummary {
  count: number
  /** Average rating with one decimal (4.8); null with no reviews. */
  rating: number | null
  withPhotos: number
  /** Share of 4- and 5-star reviews, 0..100; null with no reviews. */
  goodPercent: number | null
}

/** What the shopper still may review on an order (GET /api/orders/:id/reviews). */
export interface ReviewableLine {
  orderItemId: number
  productId: number
  title: string
  image: string
  specText: string
  review: ReviewView | null
  /** Review possible now / append possible now. */
  canReview: boolean
  canAppend: boolean
}

/** Console (GET /api/admin/reviews). */
export interface AdminReview extends ReviewView {
  orderId: number
  userId: number
  productTitle: string
  status: 'visible' | 'hidden'
}

// ─── Rules ────────────────────────────────────────────────────────────────────────────────

/** What the app shows for a rating given without words; never stored (the review keeps ''). */
export const REVIEW_DEFAULT_TEXT = '用户未填写评价内容'
/** One review photo's upload limit (POST /api/uploads/reviews). */
export const REVIEW_PHOTO_BYTES = 5 * 1024 * 1024
/** The buyer show (买家秀) on a product page shows at most this many reviews. */
export const BUYER_SHOW_LIMIT = 20
export const ANONYMOUS_NAME = '匿名用户'

export type ReviewCheck<T> = { ok: true; value: T } | { ok: false; code: 'BAD_RATING' | 'TEXT_TOO_LONG' | 'TOO_MANY_PHOTOS' | 'DUPLICATE_PHOTO' | 'EMPTY_APPEND'; message: string }

const refuse = (code: Extract<ReviewCheck<never>, { ok: false }>['code'], message: string) => ({ ok: false as const, code, message })

/** Text and photos shared by a review and its append: trimmed text within REVIEW_MAX_TEXT code points, at most 9 distinct photos. */
function checkBody(content: string, photos: readonly string[]): ReviewCheck<{ content: string; photos: string[] }> {
  const text = content.trim()
  if ([...text].length > REVIEW_MAX_TEXT) return refuse('TEXT_TOO_LONG', `评价内容最多 ${REVIEW_MAX_TEXT} 个字`)
  if (photos.length > REVIEW_MAX_PHOTOS) return refuse('TOO_MANY_PHOTOS', `最多上传 ${REVIEW_MAX_PHOTOS} 张图片`)
  if (new Set(photos).size !== photos.length) return refuse('DUPLICATE_PHOTO', '同一张图片不能重复上传')
  return { ok: true, value: { content: text, photos: [...photos] } }
}

/**
 * One line's review as it will be stored: a whole-star rating 1..5 is required; the words may be
 * empty (the app then shows REVIEW_DEFAULT_TEXT), trimmed, at most REVIEW_MAX_TEXT; photos at
 * most REVIEW_MAX_PHOTOS and each once. Whether the photos are the shopper's is the server's check.
 */
export function checkReviewLine(input: ReviewLineInput): ReviewCheck<ReviewLineInput> {
  if (!Number.isInteger(input.rating) || input.rating < 1 || input.rating > 5) return refuse('BAD_RATING', '请给商品打 1 到 5 星')
  const body = checkBody(input.content, input.photos)
  if (!body.ok) return body
  return { ok: true, value: { orderItemId: input.orderItemId, rating: input.rating, ...body.value, anonymous: input.anonymous === true } }
}

/** An append (追评) says something: words or at least one photo. */
export function checkAppend(input: AppendInput): ReviewCheck<AppendInput> {
  const body = checkBody(input.content, input.photos)
  if (!body.ok) return body
  if (body.value.content === '' && body.value.photos.length === 0) return refuse('EMPTY_APPEND', '请填写追评内容或上传图片')
  return body
}

/** What decides whether a line may still be reviewed. */
export interface ReviewableLineState {
  quantity: number
  refundedQuantity: number
  reviewed: boolean
}

/**
 * Only a received order (completed: confirmed by the shopper or the auto-confirm timer) is
 * reviewed, line by line, once; a line whose every unit was refunded is not (the shopper no
 * longer has it). A part-refunded line still may be: some of it was kept.
 */
export function canReview(orderStatus: OrderStatus, line: ReviewableLineState): boolean {
  return orderStatus === 'completed' && !line.reviewed && line.refundedQuantity < line.quantity
}

/** A review is appended once. */
export function canAppend(review: Pick<ReviewView, 'append'> | null): boolean {
  return review !== null && review.append === null
}

/** Reviews grouped by rating (one SQL row per star count), what the summary is made of. */
export interface RatingCount {
  rating: number
  count: number
  /** How many of these have photos. */
  withPhotos: number
}

/** Count, average (one decimal), with photos, and the share of 4- and 5-star reviews (whole percent). */
export function summarize(groups: readonly RatingCount[]): ReviewSummary {
  let count = 0
  let stars = 0
  let good = 0
  let withPhotos = 0
  for (const g of groups) {
    count += g.count
    stars += g.rating * g.count
    withPhotos += g.withPhotos
    if (g.rating >= 4) good += g.count
  }
  if (count === 0) return { count: 0, rating: null, withPhotos: 0, goodPercent: null }
  return { count, rating: Math.round((stars * 10) / count) / 10, withPhotos, goodPercent: Math.round((good * 100) / count) }
}

/** The name shown on a review: "匿名用户" when the shopper asked, else the first character and ** (as promoters show their team). */
export function reviewerName(nickname: string, anonymous: boolean): string {
  return anonymous ? ANONYMOUS_NAME : maskNickname(nickname)
}
