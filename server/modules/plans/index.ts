// What other modules may use of plans: they import it from here, never from its files (lint-enforced).
export { planService } from './plan-service'
export type { PlanService } from './plan-service'
export type { PlanDeps } from './service'
export { planRoutes } from './routes'
export { planAdminRoutes } from './admin-routes'
