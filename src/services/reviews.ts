import type { AppendInput, ReviewableLine, ReviewInput, ReviewPage, ReviewView } from '@/domain/reviews'
import { api, imageUrl } from './http'
import { uploadImage } from './upload'

/** Photos and avatars are server paths: absolute for the mini-programs' <image>. */
function reshape(r: ReviewView): ReviewView {
  return {
    ...r,
    photos: r.photos.map(imageUrl),
    avatar: r.avatar ? imageUrl(r.avatar) : null,
    append: r.append ? { ...r.append, photos: r.append.photos.map(imageUrl) } : null,
  }
}

/** GET /api/orders/:id/reviews: each line of the shopper's order, its review and what may be done now. */
export async function fetchOrderReviews(orderId: number): Promise<ReviewableLine[]> {
  const r = await api<{ items: ReviewableLine[] }>('GET', `/api/orders/${orderId}/reviews`)
  return r.items.map((l) => ({ ...l, image: imageUrl(l.image), review: l.review ? reshape(l.review) : null }))
}

/** POST /api/orders/:id/reviews → 201 {items}; photos are the server paths the upload answered. */
export async function submitReviews(orderId: number, input: ReviewInput): Promise<ReviewView[]> {
  return (await api<{ items: ReviewView[] }>('POST', `/api/orders/${orderId}/reviews`, { body: input })).items.map(reshape)
}

/** POST /api/reviews/:id/append: once per review (409 ALREADY_APPENDED after). */
export async function appendReview(reviewId: number, input: AppendInput): Promise<ReviewView> {
  return reshape(await api<ReviewView>('POST', `/api/reviews/${reviewId}/append`, { body: input }))
}

/** GET /api/products/:id/reviews?withPhotos=1&page=&pageSize=: public, newest first, with the summary. */
export async function fetchProductReviews(productId: number, opts: { withPhotos?: boolean; page?: number; pageSize?: number } = {}): Promise<ReviewPage> {
  const query = { withPhotos: opts.withPhotos ? 1 : undefined, page: opts.page ?? 1, pageSize: opts.pageSize ?? 10 }
  const r = await api<ReviewPage>('GET', `/api/products/${productId}/reviews`, { query })
  return { ...r, items: r.items.map(reshape) }
}

/** GET /api/products/:id/buyer-show: the featured reviews with photos (买家秀), newest first. */
export async function fetchBuyerShow(productId: number): Promise<ReviewView[]> {
  return (await api<{ items: ReviewView[] }>('GET', `/api/products/${productId}/buyer-show`)).items.map(reshape)
}

/** POST /api/uploads/reviews, multipart field `file` → the server path the review cites. */
export const uploadReviewPhoto = (filePath: string): Promise<string> => uploadImage('/api/uploads/reviews', filePath)
