import { sceneInQueryString } from './read'
import type { LaunchAdapter } from './types'

export type { LaunchAdapter } from './types'

// The H5 preview: `?scene=` on the page address (the hash router keeps its query after '#').
export const launchAdapter: LaunchAdapter = {
  launchScene() {
    if (typeof location === 'undefined') return null
    return sceneInQueryString(location.search) ?? sceneInQueryString(location.hash.split('?')[1] ?? '')
  },
} satisfies LaunchAdapter

export const launchScene = (): string | null => launchAdapter.launchScene()
