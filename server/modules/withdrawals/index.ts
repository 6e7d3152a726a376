// What other modules may use of withdrawals: they import it from here, never from its files (lint-enforced).
export { withdrawalService } from './service'
export type { TransferNotifyResult, WithdrawalDeps, WithdrawalService } from './service'
export { withdrawalTotals } from './repository'
export { withdrawalNotifyRoutes, withdrawalRoutes } from './routes'
export { withdrawalAdminRoutes } from './admin-routes'
