import { route } from '@/routes'

export interface ProductShare {
  title: string
  /** Chat share: the page with its query. */
  path: string
  /** Moments and favorites take the query alone (the page is the current one). */
  query: string
  imageUrl?: string
}

/** What the host's share and favorite entries carry, so opening them lands on this product. */
export function shareOf(id: number, title: string | undefined, image: string | undefined): ProductShare {
  return { title: title || 'Duet 商城', path: route.product(id), query: `id=${id}`, imageUrl: image || undefined }
}
