import type { StoreDetail, StoreList, StoreListItem } from '@/domain/stores'
import { api, imageUrl } from './http'

/** Store photos are server paths: absolute for the mini-programs' <image>. */
const photo = (p: string) => (p ? imageUrl(p) : p)

function reshapeItem<T extends StoreListItem>(s: T): T {
  return { ...s, photo: photo(s.photo) }
}

/** GET /api/stores: with a position nearest first (distanceMeters set), else by city; `city` filters. Public. */
export async function fetchStores(query: { lat?: number; lng?: number; city?: string } = {}): Promise<StoreList> {
  const list = await api<StoreList>('GET', '/api/stores', { query })
  return { ...list, items: list.items.map(reshapeItem) }
}

/** GET /api/stores/:id: hours, photos and the pickup slots still bookable (404 STORE_NOT_FOUND). */
export async function fetchStore(id: number): Promise<StoreDetail> {
  const s = await api<StoreDetail>('GET', `/api/stores/${id}`)
  return { ...reshapeItem(s), photos: s.photos.map(photo) }
}

/** GET /api/stores/:id/stock?skuIds=: what the store has of these SKUs (its own count, or the warehouse's). */
export async function fetchStoreStock(id: number, skuIds: number[]): Promise<Map<number, number>> {
  const { items } = await api<{ items: { skuId: number; stock: number }[] }>('GET', `/api/stores/${id}/stock`, { query: { skuIds: skuIds.join(',') } })
  return new Map(items.map((i) => [i.skuId, i.stock]))
}

/** GET /api/orders/:id/pickup-qr: the code and its QR as a data URL (the owner only; 409 PICKUP_DONE once picked). */
export function fetchPickupQr(orderId: number): Promise<{ code: string; qr: string }> {
  return api<{ code: string; qr: string }>('GET', `/api/orders/${orderId}/pickup-qr`)
}

// The chosen store (a store's code, the store list, checkout's picker) is kept apart so the
// launch, in the main package, carries only that and not the store calls.
export { chosenStore, parseStoreId, pickStore, rememberStore, takePickedStore } from './chosen-store'
