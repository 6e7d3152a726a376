// What other modules may use of credit: they import it from here, never from its files (lint-enforced).
export { creditAdminRoutes } from './routes'
