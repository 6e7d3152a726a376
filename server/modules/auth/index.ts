// What other modules may use of auth: they import it from here, never from its files (lint-enforced).
export { platformOf, userExists } from './repository'
