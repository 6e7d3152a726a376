// What other modules may use of promoters: they import it from here, never from its files (lint-enforced).
// The hooks (bindIn, onOrderTransition, onRefundFinished, release) are the service's; app.ts wires them.
export { promoterService } from './service'
export type { PromoterDeps, PromoterEvent, PromoterService } from './service'
export { bindIn } from './bindings'
/** The programme's settings row (the withdrawals module reads its withdrawal rules from it). */
export { readSettings as promoterSettings } from './settings'
export { accrueIn as onOrderTransition } from './commission'
export { promoterRoutes } from './routes'
export { promoterAdminRoutes } from './admin-routes'
