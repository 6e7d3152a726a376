import type { FavoritesAdapter } from './types'

// Neutral default (TypeScript's view; each build picks index.<platform>.ts).
// Typed as the interface for callers (so they see every status); `satisfies` still rejects extra or missing members.
export const favoritesAdapter: FavoritesAdapter = {
  guideStatus: async () => ({ status: 'unavailable', reason: '当前环境不支持收藏小程序' }),
  guideText: '',
  showShareMenu: () => undefined,
} satisfies FavoritesAdapter
