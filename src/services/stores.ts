import Taro from '@tarojs/taro'
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

// The chosen store lives in storage, not in a module variable: the launch (main package), the
// store pages (pkg-store) and checkout (pkg-order) each bundle their own copy of this module.
const CHOSEN_KEY = 'duet-chosen-store'

export function parseStoreId(raw: unknown): number | null {
  const id = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d{1,9}$/.test(raw.trim()) ? Number(raw.trim()) : NaN
  return Number.isInteger(id) && id > 0 ? id : null
}

/** The store the shopper chose last (a store's code, the store list, checkout), or null. */
export function chosenStore(): number | null {
  try {
    return parseStoreId(Taro.getStorageSync(CHOSEN_KEY))
  } catch {
    return null
  }
}

/** Remembers a store; anything that is not a store id is ignored. */
export function rememberStore(raw: unknown): void {
  const id = parseStoreId(raw)
  if (id === null) return
  try {
    Taro.setStorageSync(CHOSEN_KEY, String(id))
  } catch {
    // Storage unavailable: the shopper picks the store again, nothing else is lost.
  }
}

// The store picker (the store list opened from checkout) hands the picked store back once,
// like the address list does.
const PICKED_KEY = 'duet-picked-store'

export function pickStore(id: number): void {
  rememberStore(id)
  Taro.setStorageSync(PICKED_KEY, String(id))
}

/** The store picked since the last call, once. */
export function takePickedStore(): number | null {
  const id = parseStoreId(Taro.getStorageSync(PICKED_KEY))
  if (id !== null) Taro.removeStorageSync(PICKED_KEY)
  return id
}
