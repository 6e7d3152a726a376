// What other modules may use of inventory: they import it from here, never from its files (lint-enforced).
export type { Inventory, Movement, NewSku } from './service'
export { addSku, movements, removeSku } from './service'
