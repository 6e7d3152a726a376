// What other modules may use of attribution: they import it from here, never from its files (lint-enforced).
export { newSceneId, resolveScene, sceneFor } from './scenes'
export { firstTouchOf, visitsOf, VISIT_DEDUP_MS } from './visits'
export type { FirstTouch, PromoterVisits } from './visits'
export { attributionService } from './service'
export type { AttributionDeps, AttributionService, BindEvent, BindHook, SceneInfo } from './service'
export { attributionRoutes } from './routes'
