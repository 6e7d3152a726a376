import type { FavoriteGuideStatus, FavoritesAdapter } from './types'

declare const my: {
  getMenuButtonBoundingClientRect?(): { optionMenuStatus?: string } | undefined
  /** Only on some hosts: feature-detect before calling. */
  isCollected?(options: { success(res: { isCollected?: boolean }): void; fail(): void }): void
}

/** Alipay has no favorite API: the "..." menu's state says it ('Favorite' = already collected). */
export function statusFromMenu(optionMenuStatus: unknown): FavoriteGuideStatus | null {
  if (optionMenuStatus === 'Favorite') return { status: 'added' }
  if (optionMenuStatus === 'UnFavorite') return { status: 'not-added' }
  return null
}

function menuStatus(): FavoriteGuideStatus | null {
  try {
    return typeof my.getMenuButtonBoundingClientRect === 'function' ? statusFromMenu(my.getMenuButtonBoundingClientRect()?.optionMenuStatus) : null
  } catch {
    return null
  }
}

function isCollected(): Promise<FavoriteGuideStatus> {
  const ask = my.isCollected
  if (typeof ask !== 'function') return Promise.resolve({ status: 'unknown' })
  return new Promise((resolve) => {
    try {
      ask.call(my, {
        success: (res) => resolve(res?.isCollected === true ? { status: 'added' } : res?.isCollected === false ? { status: 'not-added' } : { status: 'unknown' }),
        fail: () => resolve({ status: 'unknown' }),
      })
    } catch {
      resolve({ status: 'unknown' })
    }
  })
}

// The option menu's optionMenuStatus first (documented, synchronous), then my.isCollected where the host has it.
// Typed as the interface for callers (so they see every status); `satisfies` still rejects extra or missing members.
export const favoritesAdapter: FavoritesAdapter = {
  async guideStatus(): Promise<FavoriteGuideStatus> {
    if (typeof my === 'undefined') return { status: 'unknown' }
    return menuStatus() ?? isCollected()
  },
  guideText: '点击右上角「···」，选择「收藏」，下次在支付宝首页「我的小程序」里就能找到本店',
  // Sharing to chats comes from the page's enableShareAppMessage; there is no menu to turn on.
  showShareMenu: () => undefined,
} satisfies FavoritesAdapter
