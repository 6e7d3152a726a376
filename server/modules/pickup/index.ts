// What other modules may use of pickup: they import it from here, never from its files (lint-enforced).
export { pickupService, AUTO_REFUND_REASON } from './service'
export type { PickupService, PickupServiceOptions } from './service'
export { pickupAdminRoutes, pickupRoutes } from './routes'
