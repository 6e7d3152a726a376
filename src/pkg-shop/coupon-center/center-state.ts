import type { CouponCardState } from '@/components/coupon-card'
import type { CouponCenterEntry } from '@/domain/contract'

/** The card's button for a batch, from what the server says the caller may do. */
export function centerState(e: CouponCenterEntry): CouponCardState {
  if (e.canClaim) return 'claim'
  if (e.remaining <= 0) return 'soldOut'
  return 'claimed'
}

/** The line under the validity: how many the shopper holds, or why not. */
export function centerNote(e: CouponCenterEntry): string | undefined {
  if (e.claimed > 0) return e.perUserLimit > 1 ? `已领 ${e.claimed}/${e.perUserLimit} 张` : undefined
  if (!e.canClaim && e.reason && e.remaining > 0) return e.reason
  return undefined
}
