import { launchQueryValue, launchStoreValue, weappScene, type LaunchOptionsLike } from './read'
import type { LaunchAdapter } from './types'

export type { LaunchAdapter } from './types'

declare const wx: {
  getEnterOptionsSync?(): LaunchOptionsLike
  getLaunchOptionsSync?(): LaunchOptionsLike
}

/** The options of this entry (a warm start from a new code counts), else the cold launch's. */
function options(): LaunchOptionsLike | null {
  if (typeof wx === 'undefined') return null
  try {
    return wx.getEnterOptionsSync?.() ?? wx.getLaunchOptionsSync?.() ?? null
  } catch {
    return null
  }
}

export const launchAdapter: LaunchAdapter = {
  launchScene: () => weappScene(options()),
  launchInvite: () => launchQueryValue(options(), 'invite'),
  launchStore: () => launchStoreValue(options()),
} satisfies LaunchAdapter

export const launchScene = (): string | null => launchAdapter.launchScene()
export const launchInvite = (): string | null => launchAdapter.launchInvite()
export const launchStore = (): string | null => launchAdapter.launchStore()
