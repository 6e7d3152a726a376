import type { Coupon, CouponCenterEntry, CouponStatus, Paged } from '@/domain/contract'
import { api } from './http'

export type { Coupon, CouponCenterEntry, CouponStatus } from '@/domain/contract'

/** The batches on offer now; guests see them too (claimed 0, canClaim true until they log in). */
export function fetchCouponCenter(): Promise<CouponCenterEntry[]> {
  return api<CouponCenterEntry[]>('GET', '/api/coupons/center')
}

/** Claims one coupon of a batch; the server refuses with 409 and a Chinese message when it can't. */
export function claimCoupon(batchId: number): Promise<Coupon> {
  return api<Coupon>('POST', `/api/coupons/center/${batchId}/claim`)
}

/** The shopper's coupons in one state; the server may page them or answer a plain list. */
export async function fetchMyCoupons(status: CouponStatus): Promise<Coupon[]> {
  const answer = await api<Paged<Coupon> | Coupon[]>('GET', '/api/coupons', { query: { status, pageSize: 100 } })
  return Array.isArray(answer) ? answer : answer.items
}
