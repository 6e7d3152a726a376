import type { FavoritesAdapter } from './types'

// Neutral default; the per-platform adapters arrive with the favorites issue.
export const favoritesAdapter = {
  guideStatus: async () => ({ status: 'unavailable', reason: '当前环境不支持收藏小程序' }),
  guideText: '',
} satisfies FavoritesAdapter
