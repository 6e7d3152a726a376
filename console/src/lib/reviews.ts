import type { AdminReview } from '@domain/reviews'
import type { ReviewFilters } from '../api/reviews'

/** The 评价 screen's words and filters. Pure. */

export const REVIEW_STATUSES = ['visible', 'hidden'] as const satisfies readonly AdminReview['status'][]
export const REVIEW_STATUS: Record<AdminReview['status'], { label: string; color: string }> = {
  visible: { label: '显示中', color: 'green' },
  hidden: { label: '已隐藏', color: 'default' },
}

export const RATING_OPTIONS = [5, 4, 3, 2, 1].map((r) => ({ value: r, label: `${r} 星` }))

/**
 * The list's query from the page's URL (status, rating, photos=1, productId, page): anything the server
 * would refuse (a rating of 7, a status it doesn't know) is left out rather than sent.
 */
export function reviewQuery(params: URLSearchParams, pageSize: number): ReviewFilters {
  const status = params.get('status')
  const rating = Number(params.get('rating'))
  const page = Number(params.get('page') ?? 1)
  const productId = Number(params.get('productId'))
  return {
    status: (REVIEW_STATUSES as readonly string[]).includes(status ?? '') ? (status as AdminReview['status']) : undefined,
    rating: Number.isInteger(rating) && rating >= 1 && rating <= 5 ? rating : undefined,
    withPhotos: params.get('photos') === '1' ? 1 : undefined,
    productId: Number.isInteger(productId) && productId > 0 ? productId : undefined,
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    pageSize,
  }
}

/** A featured review must be visible and have photos: the buyer show shows nothing else. */
export function featureBlock(r: Pick<AdminReview, 'status' | 'photos' | 'append'>): string | null {
  if (r.status === 'hidden') return '已隐藏的评价不能精选'
  if (r.photos.length === 0 && !r.append?.photos.length) return '买家秀只展示带图评价'
  return null
}
