// What other modules may use of promotions: they import it from here, never from its files (lint-enforced).
export { promotionAdminRoutes } from './admin-routes'
export { pricingContext } from './context'
export type { PricingDeps, ShopperLevels } from './context'
export { issueIn } from './coupons'
export { scopeText } from './repository'
export type { PromotionCache } from './repository'
export type { Shopper } from './shopper'
