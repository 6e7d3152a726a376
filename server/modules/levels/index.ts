// What other modules may use of levels: they import it from here, never from its files (lint-enforced).
export { levelsService } from './service'
export type { LevelsDeps, LevelsService, ShopperLevel } from './service'
export { levelAdminRoutes, levelRoutes } from './routes'
