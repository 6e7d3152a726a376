import { launchQueryValue, launchStoreValue, alipayScene } from './read'
import type { LaunchAdapter } from './types'

export type { LaunchAdapter } from './types'

type AlipayOptions = Parameters<typeof alipayScene>[0]
declare const my: {
  getEnterOptionsSync?(): AlipayOptions
  getLaunchOptionsSync?(): AlipayOptions
}

/** my.getEnterOptionsSync (this entry) where the host has it, else my.getLaunchOptionsSync. */
function options(): AlipayOptions {
  if (typeof my === 'undefined') return null
  try {
    return my.getEnterOptionsSync?.() ?? my.getLaunchOptionsSync?.() ?? null
  } catch {
    return null
  }
}

export const launchAdapter: LaunchAdapter = {
  launchScene: () => alipayScene(options()),
  launchInvite: () => launchQueryValue(options(), 'invite'),
  launchStore: () => launchStoreValue(options()),
} satisfies LaunchAdapter

export const launchScene = (): string | null => launchAdapter.launchScene()
export const launchInvite = (): string | null => launchAdapter.launchInvite()
export const launchStore = (): string | null => launchAdapter.launchStore()
