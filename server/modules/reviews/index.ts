// What other modules may use of reviews: they import it from here, never from its files (lint-enforced).
export { reviewService } from './service'
export type { ReviewDeps, ReviewedEvent, ReviewService } from './service'
export { reviewRoutes } from './routes'
export { reviewAdminRoutes } from './admin-routes'
