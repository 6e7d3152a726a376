import type { FavoritesAdapter } from './types'

// A browser can't tell whether the page is bookmarked: the hint shows until dismissed.
// Typed as the interface for callers (so they see every status); `satisfies` still rejects extra or missing members.
export const favoritesAdapter: FavoritesAdapter = {
  guideStatus: async () => ({ status: 'not-added' }),
  guideText: '用浏览器菜单「添加书签」或「添加到主屏幕」，下次一点就能回到本店',
  showShareMenu: () => undefined,
} satisfies FavoritesAdapter
