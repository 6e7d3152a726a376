import { route } from '@/routes'

export interface ProductShare {
  title: string
  /** Chat share: the page with its query. */
  path: string
  /** Moments and favorites take the query alone (the page is the current one). */
  query: string
  imageUrl?: string
}

/**
 * What the host's share and favorite entries carry, so opening them lands on this product; with
 * the sharer's scene (POST /api/scenes) the friend who opens it is attributed to them.
 */
export function shareOf(id: number, title: string | undefined, image: string | undefined, scene?: string | null): ProductShare {
  return { title: title || 'Duet 商城', path: route.productShared(id, scene), query: scene ? `id=${id}&scene=${scene}` : `id=${id}`, imageUrl: image || undefined }
}
