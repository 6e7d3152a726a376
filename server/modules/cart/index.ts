// What other modules may use of cart: they import it from here, never from its files (lint-enforced).
export { removeSkus } from './repository'
