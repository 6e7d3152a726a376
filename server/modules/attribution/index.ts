// What other modules may use of attribution: they import it from here, never from its files (lint-enforced).
export { newSceneId, resolveScene, sceneFor } from './scenes'
