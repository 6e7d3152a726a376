import type { AfterSaleStatus, AfterSaleType } from '@domain/after-sales'
import type { AdminAfterSale } from '@domain/admin-contract'
import { api, type Paged, type Query } from './client'

/** docs/admin-api.md, After-sales: the answers are the server's AdminAfterSale (@domain/admin-contract). */
export type { AdminAfterSale }

export interface AfterSaleFilters extends Query {
  status?: AfterSaleStatus
  type?: AfterSaleType
  orderId?: number
  page?: number
  pageSize?: number
}

export const listAfterSales = (query: AfterSaleFilters) => api<Paged<AdminAfterSale>>('/admin/after-sales', { query })
export const getAfterSale = (id: number) => api<AdminAfterSale>(`/admin/after-sales/${id}`)

// Each change answers the request as it is now; 409 INVALID_STATE (a Chinese message) when its status doesn't allow it.
export const approveAfterSale = (id: number, note?: string) => api<AdminAfterSale>(`/admin/after-sales/${id}/approve`, { method: 'POST', body: { note } })
export const refuseAfterSale = (id: number, reason: string) => api<AdminAfterSale>(`/admin/after-sales/${id}/refuse`, { method: 'POST', body: { reason } })
export const receiveAfterSale = (id: number, note?: string) => api<AdminAfterSale>(`/admin/after-sales/${id}/received`, { method: 'POST', body: { note } })
/** Exchange: the replacement's parcel. */
export const resendAfterSale = (id: number, body: { carrier: string; trackingNo: string }) => api<AdminAfterSale>(`/admin/after-sales/${id}/resend`, { method: 'POST', body })
