import type { FavoriteGuideStatus } from '@/platform/favorites/types'

/** Storage key for the time (ms) the shopper last closed the guide. */
export const GUIDE_DISMISSED_KEY = 'duet-favorite-guide-dismissed-at'
/** After a dismissal the guide stays away this long. */
export const GUIDE_QUIET_MS = 7 * 24 * 60 * 60 * 1000

/**
 * Shown while the platform says "not added" (or can't tell), never once it says added, and
 * not for a week after the shopper closed it.
 */
export function shouldShowGuide(status: FavoriteGuideStatus['status'], dismissedAt: number | null, now: number): boolean {
  if (status === 'added' || status === 'unavailable') return false
  return dismissedAt === null || !(now - dismissedAt < GUIDE_QUIET_MS && now >= dismissedAt)
}

/** The stored dismissal time, or null when absent or unreadable. */
export function readDismissedAt(raw: unknown): number | null {
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw !== '' ? Number(raw) : NaN
  return Number.isFinite(n) && n > 0 ? n : null
}
