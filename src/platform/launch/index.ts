import type { LaunchAdapter } from './types'

export type { LaunchAdapter } from './types'

// Neutral default: Taro picks index.weapp.ts / index.alipay.ts / index.h5.ts for a real build.
export const launchAdapter: LaunchAdapter = {
  launchScene: () => null,
  launchInvite: () => null,
  launchStore: () => null,
} satisfies LaunchAdapter

export const launchScene = (): string | null => launchAdapter.launchScene()
export const launchInvite = (): string | null => launchAdapter.launchInvite()
export const launchStore = (): string | null => launchAdapter.launchStore()
