/**
 * The platform part of favorites: whether the shopper has added the mini-program (WeChat
 * "my mini-programs", Alipay's favorite in the option menu), and a guide to do so.
 * Product wish lists are kept by the server and are the same on every platform.
 */
export type FavoriteGuideStatus =
  | { status: 'added' }
  | { status: 'not-added' }
  | { status: 'unknown' }
  | { status: 'unavailable'; reason: string }

export interface FavoritesAdapter {
  guideStatus(): Promise<FavoriteGuideStatus>
  /** Short Chinese hint telling where the platform's own "add" entry is. */
  guideText: string
  /** Turns on the host's share entries for the current page (WeChat: chat and moments); a no-op elsewhere. */
  showShareMenu(): void
}
