// What other modules may use of points: they import it from here, never from its files (lint-enforced).
export { pointsService } from './service'
export type { CheckoutPoints, PointsDeps, PointsService } from './service'
export type { LedgerEntryInput } from './ledger'
export { pointsAdminRoutes, pointsRoutes } from './routes'
// Inside another module's transaction (PGlite has one connection: a read outside it would wait for it).
export { readSettings as pointsSettingsIn } from './settings'
