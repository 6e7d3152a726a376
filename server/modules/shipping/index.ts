// What other modules may use of shipping: they import it from here, never from its files (lint-enforced).
export { shippingService } from './service'
export type { PartParcel, ShippedEvent, ShippingService, ShippingServiceOptions } from './service'
export { sandboxShippingRoutes, shipInput, shippingAdminRoutes, shippingRoutes } from './routes'
