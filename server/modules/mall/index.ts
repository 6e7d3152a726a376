// What other modules may use of the points mall: they import it from here, never from its files (lint-enforced).
// The hook (onOrderTransition) is the service's; app.ts wires it into orders' onTransition chain.
export { mallService } from './service'
export type { MallDeps, MallService } from './service'
export { mallRoutes } from './routes'
export { mallAdminRoutes } from './admin-routes'
