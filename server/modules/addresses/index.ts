// What other modules may use of addresses: they import it from here, never from its files (lint-enforced).
export { findAddress } from './repository'
