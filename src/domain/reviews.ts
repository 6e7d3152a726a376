/**
 * Reviews and the buyer show (买家秀): after receipt, each order line can be rated and reviewed
 * once (1..5 stars, text, up to 9 photos), and appended once later. The shop moderates: hide,
 * reply, feature in the buyer show. Pure: no I/O.
 */

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
