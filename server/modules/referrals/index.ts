// What other modules may use of referrals: they import it from here, never from its files (lint-enforced).
// The hooks (onOrderTransition, onRefundFinished, sweep) are the service's; app.ts wires them.
export { referralService } from './service'
export type { ReferralDeps, ReferralService } from './service'
export { referralRoutes } from './routes'
