import type { AdminReview } from '@domain/reviews'
import { api, type Paged, type Query } from './client'

/** Issue 18, moderating reviews (评价) and the buyer show (买家秀): the shapes are the server's (@domain/reviews). */
export type { AdminReview }

export interface ReviewFilters extends Query {
  status?: AdminReview['status']
  rating?: number
  /** 1 = only reviews with photos. */
  withPhotos?: 1
  productId?: number
  page?: number
  pageSize?: number
}

export const listReviews = (query: ReviewFilters) => api<Paged<AdminReview>>('/admin/reviews', { query })
export const hideReview = (id: number) => api<AdminReview>(`/admin/reviews/${id}/hide`, { method: 'POST' })
export const showReview = (id: number) => api<AdminReview>(`/admin/reviews/${id}/show`, { method: 'POST' })
export const featureReview = (id: number, featured: boolean) => api<AdminReview>(`/admin/reviews/${id}/feature`, { method: 'POST', body: { featured } })
export const replyReview = (id: number, content: string) => api<AdminReview>(`/admin/reviews/${id}/reply`, { method: 'POST', body: { content } })
