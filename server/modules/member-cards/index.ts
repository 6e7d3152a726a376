// What other modules may use of member cards: they import it from here, never from its files (lint-enforced).
export { memberCardService, DEFAULT_LEVEL_NAME } from './service'
export type { MemberCardOptions, MemberCardService } from './service'
export { createCardWorker } from './worker'
export type { CardWorker } from './worker'
export { memberCardAdminRoutes, memberCardRoutes, sandboxMemberCardRoutes } from './routes'
// Points or level changed for a shopper (app.ts: the points module's onChange, the levels module's onChange), in the change's transaction.
export { enqueueUpdate as cardChanged } from './outbox'
