import type { Paged } from '../../../src/domain/contract'
import type { OrderStatus } from '../../../src/domain/order-state'
import {
  BUYER_SHOW_LIMIT,
  canAppend,
  canReview,
  checkAppend,
  checkReviewLine,
  type AdminReview,
  type AppendInput,
  type ReviewableLine,
  type ReviewCheck,
  type ReviewInput,
  type ReviewLineInput,
  type ReviewPage,
  type ReviewView,
} from '../../../src/domain/reviews'
import type { Db, Queryable, Tx } from '../../db'
import { AppError, badInput, conflict, notFound } from '../../lib/errors'
import { parseJson } from '../../lib/rows'
import { specText } from '../catalog'
import { recordAudit, type AdminIdentity } from '../staff'
import {
  adminReviews,
  buyerShow,
  findAdminReview,
  findReview,
  ownPhotos,
  productReviews,
  productSummary,
  reviewsOfOrder,
  toView,
  type AdminReviewFilter,
  type ReviewRow,
} from './repository'

/** What the rest of the shop hears of a new review (the points ledger's review reward, wired in app.ts). */
export interface ReviewedEvent {
  userId: number
  reviewId: number
  withPhotos: boolean
  at: Date
}

export interface ReviewDeps {
  now: () => Date
  /** In the review's own transaction, once per review written: e.g. points credited with key `review:<id>`. */
  onReviewed?: (q: Tx, e: ReviewedEvent) => Promise<void>
}

export interface ReviewService {
  /** GET /api/orders/:id/reviews: the shopper's own order's lines, their reviews and what may be done now. */
  reviewable(userId: number, orderId: number): Promise<ReviewableLine[]>
  /** POST /api/orders/:id/reviews: all lines or none. */
  review(userId: number, orderId: number, input: ReviewInput): Promise<{ items: ReviewView[] }>
  /** POST /api/reviews/:id/append: once. */
  append(userId: number, reviewId: number, input: AppendInput): Promise<ReviewView>
  /** Records a photo this server issued to the shopper (POST /api/uploads/reviews). */
  notePhoto(userId: number, url: string): Promise<void>
  productPage(productId: number, o: { withPhotos: boolean; page: number; pageSize: number }): Promise<ReviewPage>
  buyerShow(productId: number): Promise<{ items: ReviewView[] }>

  adminList(filter: AdminReviewFilter): Promise<Paged<AdminReview>>
  setStatus(admin: AdminIdentity, id: number, status: 'visible' | 'hidden'): Promise<AdminReview>
  feature(admin: AdminIdentity, id: number, featured: boolean): Promise<AdminReview>
  reply(admin: AdminIdentity, id: number, content: string): Promise<AdminReview>
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Reviews and the buyer show (modules/reviews). */
    reviews: ReviewService
  }
}

interface OrderLine {
  id: number
  product_id: number
  sku_id: number
  title: string
  image: string
  specs: Record<string, string> | string
  quantity: number
  refunded_quantity: number
}

const orderNotFound = () => notFound('订单', 'ORDER_NOT_FOUND')
const reviewNotFound = () => notFound('评价', 'REVIEW_NOT_FOUND')

function must<T>(check: ReviewCheck<T>, field: string): T {
  if (!check.ok) throw new AppError(400, check.code, check.message, { field })
  return check.value
}

export function reviewService(db: Db, deps: ReviewDeps): ReviewService {
  const { now } = deps

  /** The shopper's order and its lines; someone else's order is no order (404). */
  async function ownOrder(q: Queryable, userId: number, orderId: number): Promise<{ status: OrderStatus; lines: OrderLine[] }> {
    const o = await q.maybeOne<{ status: OrderStatus }>('SELECT status FROM orders WHERE id = $1 AND user_id = $2', [orderId, userId])
    if (!o) throw orderNotFound()
    const lines = await q.query<OrderLine>('SELECT id, product_id, sku_id, title, image, specs, quantity, refunded_quantity FROM order_items WHERE order_id = $1 ORDER BY id', [orderId])
    return { status: o.status, lines: lines.rows }
  }

  /** Every photo named must have been issued to this shopper by the upload route. */
  async function mustOwnPhotos(q: Queryable, userId: number, photos: readonly string[]): Promise<void> {
    const mine = await ownPhotos(q, userId, photos)
    if (photos.some((p) => !mine.has(p))) throw badInput('photos: 请使用上传接口返回的图片地址', 'photos')
  }

  async function reviewable(userId: number, orderId: number): Promise<ReviewableLine[]> {
    const o = await ownOrder(db, userId, orderId)
    const reviews = await reviewsOfOrder(db, orderId)
    return o.lines.map((l) => {
      const review = reviews.get(l.id) ?? null
      return {
        orderItemId: l.id,
        productId: l.product_id,
        title: l.title,
        image: l.image,
        specText: specText(parseJson(l.specs)),
        review,
        canReview: canReview(o.status, { quantity: l.quantity, refundedQuantity: l.refunded_quantity, reviewed: review !== null }),
        canAppend: canAppend(review),
      }
    })
  }

  async function review(userId: number, orderId: number, input: ReviewInput): Promise<{ items: ReviewView[] }> {
    const lines: ReviewLineInput[] = input.items.map((l, i) => must(checkReviewLine(l), `items.${i}`))
    if (new Set(lines.map((l) => l.orderItemId)).size !== lines.length) throw badInput('items: 同一件商品只能评价一次', 'items')
    const at = now()
    const ids = await db.tx(async (q) => {
      const o = await ownOrder(q, userId, orderId)
      if (o.status !== 'completed') throw conflict('NOT_RECEIVED', '确认收货后才能评价')
      await mustOwnPhotos(
        q,
        userId,
        lines.flatMap((l) => l.photos),
      )
      const written: number[] = []
      for (const l of lines) {
        const line = o.lines.find((x) => x.id === l.orderItemId)
        if (!line) throw badInput('orderItemId: 订单里没有这件商品', 'orderItemId')
        if (!canReview(o.status, { quantity: line.quantity, refundedQuantity: line.refunded_quantity, reviewed: false })) throw conflict('LINE_REFUNDED', `「${line.title}」已全部退款，不能评价`)
        // One review per line (UNIQUE order_item_id): of two racing submissions the second finds the first's row.
        const r = await q.maybeOne<{ id: number }>(
          `INSERT INTO reviews (order_id, order_item_id, user_id, product_id, sku_id, spec_text, rating, content, photos, anonymous, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (order_item_id) DO NOTHING RETURNING id`,
          [orderId, line.id, userId, line.product_id, line.sku_id, specText(parseJson(line.specs)), l.rating, l.content, JSON.stringify(l.photos), l.anonymous === true, at],
        )
        if (!r) throw conflict('ALREADY_REVIEWED', `「${line.title}」已经评价过了`)
        await deps.onReviewed?.(q, { userId, reviewId: r.id, withPhotos: l.photos.length > 0, at })
        written.push(r.id)
      }
      return written
    })
    const items: ReviewView[] = []
    for (const id of ids) items.push(toView((await findReview(db, id)) as ReviewRow))
    return { items }
  }

  async function append(userId: number, reviewId: number, input: AppendInput): Promise<ReviewView> {
    const body = must(checkAppend(input), 'content')
    await db.tx(async (q) => {
      const own = await q.maybeOne<{ appended: boolean }>('SELECT appended_at IS NOT NULL AS appended FROM reviews WHERE id = $1 AND user_id = $2', [reviewId, userId])
      if (!own) throw reviewNotFound()
      await mustOwnPhotos(q, userId, body.photos)
      // Conditional: of two racing appends one writes, the other finds appended_at set.
      const r = await q.maybeOne(
        'UPDATE reviews SET append_content = $3, append_photos = $4, appended_at = $5 WHERE id = $1 AND user_id = $2 AND appended_at IS NULL RETURNING id',
        [reviewId, userId, body.content, JSON.stringify(body.photos), now()],
      )
      if (!r) throw conflict('ALREADY_APPENDED', '已经追评过了')
    })
    return toView((await findReview(db, reviewId)) as ReviewRow)
  }

  async function notePhoto(userId: number, url: string): Promise<void> {
    await db.query('INSERT INTO review_photos (url, user_id, created_at) VALUES ($1, $2, $3)', [url, userId, now()])
  }

  async function productPage(productId: number, o: { withPhotos: boolean; page: number; pageSize: number }): Promise<ReviewPage> {
    const summary = await productSummary(db, productId)
    return { summary, ...(await productReviews(db, productId, o)) }
  }

  async function adminView(q: Queryable, id: number): Promise<AdminReview> {
    const v = await findAdminReview(q, id)
    if (!v) throw reviewNotFound()
    return v
  }

  /** A moderation change and its audit row in one transaction; 404 when there is no such review. */
  async function moderate(admin: AdminIdentity, id: number, action: string, set: string, params: unknown[]): Promise<AdminReview> {
    return db.tx(async (q) => {
      const before = await adminView(q, id)
      await q.query(`UPDATE reviews SET ${set} WHERE id = $1`, [id, ...params])
      const after = await adminView(q, id)
      await recordAudit(q, admin, {
        action: `review.${action}`,
        entity: 'review',
        entityId: id,
        before: { status: before.status, featured: before.featured, reply: before.reply?.content ?? null },
        after: { status: after.status, featured: after.featured, reply: after.reply?.content ?? null },
      })
      return after
    })
  }

  return {
    reviewable,
    review,
    append,
    notePhoto,
    productPage,
    buyerShow: async (productId) => ({ items: await buyerShow(db, productId, BUYER_SHOW_LIMIT) }),
    adminList: (filter) => adminReviews(db, filter),
    setStatus: (admin, id, status) => moderate(admin, id, status === 'hidden' ? 'hide' : 'show', 'status = $2', [status]),
    feature: (admin, id, featured) => moderate(admin, id, 'feature', 'featured = $2', [featured]),
    reply: (admin, id, content) => moderate(admin, id, 'reply', 'reply = $2, replied_at = $3', [content, now()]),
  }
}
