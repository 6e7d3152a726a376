import type { Db } from '../../db'
import type { PricingContext } from '../pricing'
import type { PromotionCache } from './repository'
import { GUEST, loadShopper } from './shopper'

export interface PricingDeps {
  db: Db
  promotions: PromotionCache
  now: () => Date
}

/**
 * Everything a price depends on besides the lines: the live promotions (cached) and, for a
 * logged-in shopper, membership, offer units bought and coupons held (one statement).
 * Guests price without coupons and as non-members.
 */
export async function pricingContext(deps: PricingDeps, userId: number | null, couponChoice: 'best' | number[]): Promise<PricingContext> {
  const now = deps.now()
  const [live, shopper] = await Promise.all([deps.promotions.get(), userId === null ? GUEST : loadShopper(deps.db, userId, now)])
  return { promotions: live.promotions, categories: live.categories, shopper, now, couponChoice: userId === null ? [] : couponChoice }
}
