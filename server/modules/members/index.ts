// What other modules may use of members: they import it from here, never from its files (lint-enforced).
export { memberAdminRoutes } from './admin-routes'
export { MEMBER_SQL, isMember } from './repository'
export * as membersRepository from './repository'
