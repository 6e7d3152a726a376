import type { Favorite, FavoriteCheck, FavoriteState, Paged } from '@/domain/contract'
import { api } from './http'

export type { Favorite } from '@/domain/contract'

/** The shopper's wish list, newest first. */
export function listFavorites(page = 1, pageSize = 20): Promise<Paged<Favorite>> {
  return api<Paged<Favorite>>('GET', '/api/favorites', { query: { page, pageSize } })
}

/** PUT favorites (true) or DELETE (false); both idempotent on the server. */
export function setFavorite(productId: number, favorited: boolean): Promise<FavoriteState> {
  return api<FavoriteState>(favorited ? 'PUT' : 'DELETE', `/api/favorites/${productId}`)
}

/** The server caps one check at 100 ids. */
export const CHECK_MAX_IDS = 100

/** Which of these products the shopper has favorited (at most 100 per call; longer lists are split). */
export async function checkFavorites(ids: readonly number[]): Promise<Set<number>> {
  const unique = [...new Set(ids)].filter((id) => Number.isSafeInteger(id) && id > 0)
  const out = new Set<number>()
  for (let i = 0; i < unique.length; i += CHECK_MAX_IDS) {
    const chunk = unique.slice(i, i + CHECK_MAX_IDS)
    const answer = await api<FavoriteCheck>('GET', '/api/favorites/check', { query: { ids: chunk.join(',') } })
    for (const id of answer.favorited) out.add(id)
  }
  return out
}
