import type { AfterSale, AfterSaleRequestInput, AfterSaleType } from '@/domain/after-sales'
import type { Paged } from '@/domain/contract'
import { api, imageUrl } from './http'
import { uploadImage } from './upload'

/** GET /api/orders/:id/after-sales: what this order allows now, and its requests. */
export interface OrderAfterSales {
  types: AfterSaleType[]
  /** When requests stop being accepted; null while the window hasn't started (not yet received). */
  windowEndsAt: string | null
  items: AfterSale[]
}

/** Photos and line images are server paths: absolute for the mini-programs' <image>. */
function reshape(a: AfterSale): AfterSale {
  return { ...a, lines: a.lines.map((l) => ({ ...l, image: imageUrl(l.image) })), photos: a.photos.map(imageUrl) }
}

export async function fetchOrderAfterSales(orderId: number): Promise<OrderAfterSales> {
  const r = await api<OrderAfterSales>('GET', `/api/orders/${orderId}/after-sales`)
  return { ...r, items: r.items.map(reshape) }
}

/** 201 {id, status}; photos are the server paths the upload answered (not the absolute URLs). */
export function createAfterSale(orderId: number, input: AfterSaleRequestInput): Promise<Pick<AfterSale, 'id' | 'status'>> {
  return api<Pick<AfterSale, 'id' | 'status'>>('POST', `/api/orders/${orderId}/after-sales`, { body: input })
}

export async function fetchAfterSale(id: number): Promise<AfterSale> {
  return reshape(await api<AfterSale>('GET', `/api/after-sales/${id}`))
}

export async function fetchAfterSales(page: number, pageSize = 10): Promise<Paged<AfterSale>> {
  const r = await api<Paged<AfterSale>>('GET', '/api/after-sales', { query: { page, pageSize } })
  return { ...r, items: r.items.map(reshape) }
}

export async function withdrawAfterSale(id: number): Promise<AfterSale> {
  return reshape(await api<AfterSale>('POST', `/api/after-sales/${id}/withdraw`))
}

export async function shipReturn(id: number, shipment: { carrier: string; trackingNo: string }): Promise<AfterSale> {
  return reshape(await api<AfterSale>('POST', `/api/after-sales/${id}/return-shipment`, { body: shipment }))
}

/** POST /api/uploads/after-sales, multipart field `file` → the server path the request carries. */
export const uploadAfterSalePhoto = (filePath: string): Promise<string> => uploadImage('/api/uploads/after-sales', filePath)
