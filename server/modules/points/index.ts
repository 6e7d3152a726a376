// What other modules may use of points: they import it from here, never from its files (lint-enforced).
export { pointsService } from './service'
export type { CheckoutPoints, PointsDeps, PointsService } from './service'
export type { LedgerEntryInput } from './ledger'
export { pointsAdminRoutes, pointsRoutes } from './routes'
