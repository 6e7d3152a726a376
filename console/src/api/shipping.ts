import { CARRIERS, type FulfilmentKind, type OrderTracking, type ShippingUpload, type ShippingUploadStatus } from '@domain/shipping'
import { api, type Paged, type Query } from './client'

/** docs/admin-api.md, Shipping: shipping an order, its parcels, what the platforms were told, and tracking. */
export type { OrderTracking, ShippingUpload }

export interface Carrier {
  code: string
  name: string
}

/** One parcel as shipped (GET /api/admin/orders/:id/shipments). */
export interface Shipment {
  id: number
  kind: FulfilmentKind
  carrier: string
  trackingNo: string
  items: { orderItemId: number; quantity: number }[] | null
  createdAt: string
}

/** The server's carrier list; the domain's CARRIERS when the call fails, so the dialog always has something to offer. */
export async function listCarriers(): Promise<Carrier[]> {
  try {
    const { items } = await api<{ items: Carrier[] }>('/admin/carriers')
    if (items?.length) return items
  } catch {
    // fall through to the built-in list
  }
  return CARRIERS.map(({ code, name }) => ({ code, name }))
}

export const listShipments = (orderId: number) => api<{ items: Shipment[] }>(`/admin/orders/${orderId}/shipments`)

export interface UploadFilters extends Query {
  orderId?: number
  status?: ShippingUploadStatus
  page?: number
  pageSize?: number
}
export const listShippingUploads = (query: UploadFilters) => api<Paged<ShippingUpload>>('/admin/shipping-uploads', { query })
export const retryShippingUpload = (id: number) => api<ShippingUpload>(`/admin/shipping-uploads/${id}/retry`, { method: 'POST' })

export const getTracking = (orderId: number) => api<OrderTracking>(`/admin/orders/${orderId}/tracking`)
export const refreshTracking = (orderId: number) => api<OrderTracking>(`/admin/orders/${orderId}/tracking/refresh`, { method: 'POST' })
