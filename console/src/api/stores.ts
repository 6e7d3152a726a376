import type { AdminPickupRow, AdminStore, AdminStoreStockRow, PickupSettings, StockMode, StoreHours, StoreInput } from '@domain/stores'
import type { Order } from '@domain/contract'
import { api, getToken, type Paged, type Query } from './client'

/** Issue 19, stores (门店) and pickup (门店自提) for the merchant, in the server's own shapes (@domain/stores). */
export type { AdminPickupRow, AdminStore, PickupSettings, StockMode, StoreHours, StoreInput }
/** GET /api/admin/stores/:id/stock rows (specs already joined: "白色 / M"). */
export type StoreStockRow = AdminStoreStockRow

export const listStores = () => api<{ items: AdminStore[] }>('/admin/stores')
export const createStore = (body: StoreInput) => api<AdminStore>('/admin/stores', { method: 'POST', body })
export const updateStore = (id: number, body: StoreInput) => api<AdminStore>(`/admin/stores/${id}`, { method: 'PUT', body })
/** The photo Upload posts here itself (multipart `file`) and gets {url}. */
export const STORE_PHOTO_UPLOAD_URL = '/api/admin/stores/photos'

export const listStoreStock = (id: number, query: Query) => api<Paged<StoreStockRow>>(`/admin/stores/${id}/stock`, { query })
/** A count (盘点), written as an 'adjust' movement at this store; a 409 says why not. */
export const setStoreStock = (id: number, skuId: number, stock: number) => api<{ skuId: number; stock: number }>(`/admin/stores/${id}/stock`, { method: 'PUT', body: { skuId, stock } })

/** The store's mini-program code (PNG) as a blob: an <img> can't send the bearer token. */
export async function storeCodeBlob(id: number): Promise<Blob> {
  const res = await fetch(`/api/admin/stores/${id}/code`, { headers: { authorization: `Bearer ${getToken() ?? ''}` } })
  if (!res.ok) {
    let message = `门店码生成失败（${res.status}）`
    try {
      message = ((await res.json()) as { message?: string }).message ?? message
    } catch {
      // Not JSON: the status says enough.
    }
    throw new Error(message)
  }
  return res.blob()
}

/** 404 PICKUP_NOT_FOUND, 409 PICKUP_USED / WRONG_STORE / ORDER_NOT_PAID. */
export const verifyPickup = (code: string, storeId?: number) => api<Order>('/admin/pickups/verify', { method: 'POST', body: storeId ? { code, storeId } : { code } })
export const listPickups = (query: Query) => api<Paged<AdminPickupRow>>('/admin/pickups', { query })

export const getPickupSettings = () => api<PickupSettings>('/admin/pickup-settings')
export const savePickupSettings = (body: PickupSettings) => api<PickupSettings>('/admin/pickup-settings', { method: 'PUT', body })
