import type { AdminReview, RatingCount, ReviewView } from '../../../src/domain/reviews'
import { reviewerName, summarize } from '../../../src/domain/reviews'
import type { ReviewSummary } from '../../../src/domain/reviews'
import type { Paged } from '../../../src/domain/contract'
import type { Queryable } from '../../db'
import { iso, parseJson } from '../../lib/rows'

/** A reviews row with its author's nickname and avatar (and, for the console, the product's title). */
export interface ReviewRow {
  id: number
  order_id: number
  order_item_id: number
  user_id: number
  product_id: number
  sku_id: number
  spec_text: string
  rating: number
  content: string
  photos: string[] | string
  anonymous: boolean
  status: 'visible' | 'hidden'
  featured: boolean
  reply: string | null
  replied_at: Date | string | null
  append_content: string | null
  append_photos: string[] | string | null
  appended_at: Date | string | null
  created_at: Date | string
  nickname: string
  avatar: string | null
  product_title?: string
}

/** The columns every view needs: the review and its author. */
const SELECT = `SELECT r.*, u.nickname, u.avatar FROM reviews r JOIN users u ON u.id = r.user_id`
/** "With photos": the first review's photos (an append's photos don't make it one). */
const WITH_PHOTOS = `jsonb_array_length(r.photos) > 0`

export function toView(r: ReviewRow): ReviewView {
  return {
    id: r.id,
    productId: r.product_id,
    skuId: r.sku_id,
    specText: r.spec_text,
    rating: r.rating,
    content: r.content,
    photos: parseJson(r.photos),
    nickname: reviewerName(r.nickname, r.anonymous),
    avatar: r.anonymous ? null : r.avatar,
    createdAt: iso(r.created_at),
    append: r.appended_at === null ? null : { content: r.append_content ?? '', photos: parseJson(r.append_photos ?? []), at: iso(r.appended_at) },
    reply: r.replied_at === null || r.reply === null ? null : { content: r.reply, at: iso(r.replied_at) },
    featured: r.featured,
  }
}

function toAdmin(r: ReviewRow): AdminReview {
  return { ...toView(r), orderId: r.order_id, userId: r.user_id, productTitle: r.product_title ?? '', status: r.status }
}

export async function findReview(q: Queryable, id: number): Promise<ReviewRow | null> {
  return q.maybeOne<ReviewRow>(`${SELECT} WHERE r.id = $1`, [id])
}

export async function findAdminReview(q: Queryable, id: number): Promise<AdminReview | null> {
  const r = await q.maybeOne<ReviewRow>(`SELECT r.*, u.nickname, u.avatar, p.title AS product_title FROM reviews r JOIN users u ON u.id = r.user_id JOIN products p ON p.id = r.product_id WHERE r.id = $1`, [id])
  return r && toAdmin(r)
}

/** An order's reviews by line. */
export async function reviewsOfOrder(q: Queryable, orderId: number): Promise<Map<number, ReviewView>> {
  const r = await q.query<ReviewRow>(`${SELECT} WHERE r.order_id = $1`, [orderId])
  return new Map(r.rows.map((x) => [x.order_item_id, toView(x)]))
}

/** A product's visible reviews, newest first (reviews_product_idx). */
export async function productReviews(q: Queryable, productId: number, o: { withPhotos: boolean; page: number; pageSize: number }): Promise<Paged<ReviewView>> {
  const where = `r.product_id = $1 AND r.status = 'visible'${o.withPhotos ? ` AND ${WITH_PHOTOS}` : ''}`
  const rows = await q.query<ReviewRow>(`${SELECT} WHERE ${where} ORDER BY r.created_at DESC, r.id DESC LIMIT $2 OFFSET $3`, [productId, o.pageSize, (o.page - 1) * o.pageSize])
  const total = await q.one<{ n: number }>(`SELECT count(*)::int AS n FROM reviews r WHERE ${where}`, [productId])
  return { items: rows.rows.map(toView), total: total.n, page: o.page, pageSize: o.pageSize }
}

/** Count, average and photos of a product's visible reviews: one row per star count. */
export async function productSummary(q: Queryable, productId: number): Promise<ReviewSummary> {
  const r = await q.query<RatingCount>(
    `SELECT r.rating, count(*)::int AS count, (count(*) FILTER (WHERE ${WITH_PHOTOS}))::int AS "withPhotos"
     FROM reviews r WHERE r.product_id = $1 AND r.status = 'visible' GROUP BY r.rating`,
    [productId],
  )
  return summarize(r.rows)
}

/** The buyer show (买家秀): featured visible reviews with photos, newest first (reviews_featured_idx). */
export async function buyerShow(q: Queryable, productId: number, limit: number): Promise<ReviewView[]> {
  const r = await q.query<ReviewRow>(`${SELECT} WHERE r.product_id = $1 AND r.featured AND r.status = 'visible' AND ${WITH_PHOTOS} ORDER BY r.created_at DESC, r.id DESC LIMIT $2`, [
    productId,
    limit,
  ])
  return r.rows.map(toView)
}

export interface AdminReviewFilter {
  status?: 'visible' | 'hidden'
  rating?: number
  withPhotos?: boolean
  productId?: number
  page: number
  pageSize: number
}

/** The console's list, newest first (reviews_moderation_idx). */
export async function adminReviews(q: Queryable, f: AdminReviewFilter): Promise<Paged<AdminReview>> {
  const params: unknown[] = []
  const where: string[] = []
  if (f.status) where.push(`r.status = $${params.push(f.status)}`)
  if (f.rating) where.push(`r.rating = $${params.push(f.rating)}`)
  if (f.withPhotos !== undefined) where.push(f.withPhotos ? WITH_PHOTOS : `NOT ${WITH_PHOTOS}`)
  if (f.productId) where.push(`r.product_id = $${params.push(f.productId)}`)
  const cond = where.length ? `WHERE ${where.join(' AND ')}` : ''
  const rows = await q.query<ReviewRow>(
    `SELECT r.*, u.nickname, u.avatar, p.title AS product_title FROM reviews r JOIN users u ON u.id = r.user_id JOIN products p ON p.id = r.product_id
     ${cond} ORDER BY r.created_at DESC, r.id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, f.pageSize, (f.page - 1) * f.pageSize],
  )
  const total = await q.one<{ n: number }>(`SELECT count(*)::int AS n FROM reviews r ${cond}`, params)
  return { items: rows.rows.map(toAdmin), total: total.n, page: f.page, pageSize: f.pageSize }
}

/** Which of these URLs were issued to this shopper (POST /api/uploads/reviews). */
export async function ownPhotos(q: Queryable, userId: number, urls: readonly string[]): Promise<Set<string>> {
  if (urls.length === 0) return new Set()
  const r = await q.query<{ url: string }>('SELECT url FROM review_photos WHERE user_id = $1 AND url = ANY($2::text[])', [userId, urls])
  return new Set(r.rows.map((p) => p.url))
}
