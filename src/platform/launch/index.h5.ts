import { sceneInQueryString, valueInQueryString } from './read'
import type { LaunchAdapter } from './types'

export type { LaunchAdapter } from './types'

// The H5 preview: `?scene=` on the page address (the hash router keeps its query after '#').
export const launchAdapter: LaunchAdapter = {
  launchScene() {
    if (typeof location === 'undefined') return null
    return sceneInQueryString(location.search) ?? sceneInQueryString(location.hash.split('?')[1] ?? '')
  },
  launchInvite() {
    if (typeof location === 'undefined') return null
    return valueInQueryString(location.search, 'invite') ?? valueInQueryString(location.hash.split('?')[1] ?? '', 'invite')
  },
  launchStore() {
    if (typeof location === 'undefined') return null
    return valueInQueryString(location.search, 'st') ?? valueInQueryString(location.hash.split('?')[1] ?? '', 'st')
  },
} satisfies LaunchAdapter

export const launchScene = (): string | null => launchAdapter.launchScene()
export const launchInvite = (): string | null => launchAdapter.launchInvite()
export const launchStore = (): string | null => launchAdapter.launchStore()
