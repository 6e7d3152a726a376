// What other modules may use of stores: they import it from here, never from its files (lint-enforced).
export { pickupStore } from './repository'
export type { PickupStoreRow } from './repository'
export { storeRoutes } from './routes'
export { storeAdminRoutes } from './admin-routes'
export { storeScene, STORE_CODE_PAGE } from './admin'
