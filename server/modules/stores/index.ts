// What other modules may use of stores: they import it from here, never from its files (lint-enforced).
export { pickupStore } from './repository'
export type { PickupStoreRow } from './repository'
