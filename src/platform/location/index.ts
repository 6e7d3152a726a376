import type { LocationAdapter } from './types'

export type { LocateResult, LocationAdapter, MapPlace } from './types'

// Neutral default: Taro picks index.weapp.ts / index.alipay.ts / index.h5.ts for a real build.
export const locationAdapter: LocationAdapter = {
  locate: async () => ({ failed: '当前环境不支持定位' }),
  openInMap: async () => undefined,
  canReopenSettings: false,
  reopenSettings: async () => false,
} satisfies LocationAdapter
