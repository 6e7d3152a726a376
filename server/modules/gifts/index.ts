// What other modules may use of gifts: they import it from here, never from its files (lint-enforced).
export { giftService } from './service'
export type { GiftDeps, GiftRefunds, GiftService } from './service'
export { claimsOf, giftForShipping, markShippedIn } from './repository'
export type { ShippingGift } from './repository'
export { giftRoutes } from './routes'
