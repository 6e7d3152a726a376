import type { Coupon, CouponCenterEntry, CouponStatus, Paged } from '@/domain/contract'
import { api, ApiError } from './http'

export type { Coupon, CouponCenterEntry, CouponStatus } from '@/domain/contract'

/** The batches on offer now; guests see them too (claimed 0, canClaim true until they log in). */
export async function fetchCouponCenter(): Promise<CouponCenterEntry[]> {
  const answer = await api<{ items: CouponCenterEntry[] } | CouponCenterEntry[]>('GET', '/api/coupons/center')
  const list = Array.isArray(answer) ? answer : answer?.items
  // An answer without a list (a proxy's page) is an error to retry, not a page that can't render.
  if (!Array.isArray(list)) throw new ApiError(502, 'HTTP_ERROR', '服务暂时不可用，请稍后重试')
  return list
}

/** Claims one coupon of a batch; the server refuses with 409 and a Chinese message when it can't. */
export function claimCoupon(batchId: number): Promise<Coupon> {
  return api<Coupon>('POST', `/api/coupons/center/${batchId}/claim`)
}

/** The server's page size cap for GET /api/coupons. */
export const COUPONS_PAGE_SIZE = 50

/** One page of the shopper's coupons in one state (a plain list reads as one page). */
export async function fetchMyCoupons(status: CouponStatus, page = 1): Promise<Paged<Coupon>> {
  const answer = await api<Paged<Coupon> | Coupon[]>('GET', '/api/coupons', { query: { status, page, pageSize: COUPONS_PAGE_SIZE } })
  return Array.isArray(answer) ? { items: answer, total: answer.length, page: 1, pageSize: answer.length } : answer
}
