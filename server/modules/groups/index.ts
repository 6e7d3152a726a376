// What other modules may use of groups: they import it from here, never from its files (lint-enforced).
export { groupService } from './group-service'
export type { GroupService } from './group-service'
export type { GroupDeps, GroupRefunds } from './service'
export { groupRoutes } from './routes'
export { groupAdminRoutes } from './admin-routes'
