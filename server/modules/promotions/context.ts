import type { Db, Queryable } from '../../db'
import type { PricingContext } from '../pricing'
import type { PromotionCache } from './repository'
import { GUEST, loadShopper } from './shopper'

/** A shopper's member level as the engine takes it (the levels module's shopperIn; injected so promotions needn't know it). */
export interface ShopperLevels {
  shopperIn(q: Queryable, userId: number): Promise<{ level: number; freeShippingThreshold: number | null }>
}

export interface PricingDeps {
  db: Db
  promotions: PromotionCache
  now: () => Date
  /** Member levels (modules/levels); absent: everyone prices at the base level with the shop's shipping. */
  levels?: ShopperLevels
}

/**
 * Everything a price depends on besides the lines: the live promotions (cached) and, for a
 * logged-in shopper, membership, offer units bought and coupons held (one statement), and
 * their member level (the levels module's, alongside).
 * Guests price without coupons and as non-members.
 */
export async function pricingContext(deps: PricingDeps, userId: number | null, couponChoice: 'best' | number[]): Promise<PricingContext> {
  const now = deps.now()
  const [live, shopper] = await Promise.all([deps.promotions.get(), userId === null ? GUEST : loadShopper(deps.db, userId, now, deps.levels)])
  return { promotions: live.promotions, categories: live.categories, shopper, now, couponChoice: userId === null ? [] : couponChoice }
}
