// What other modules may use of tracking: they import it from here, never from its files (lint-enforced).
export { trackingAdminRoutes } from './routes'
export type { TrackingService, WatchInput } from './service'
