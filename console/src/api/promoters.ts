import type { AdminPromoter, AdminWithdrawal, CommissionItem, ProductRates, PromoterSettings, PromoterStatus, WithdrawalStatus } from '@domain/promoters'
import { api, type Paged, type Query } from './client'

/** Issue 17, the merchant's side of promoters: the answers' shapes are the server's (@domain/promoters). */
export type { AdminPromoter, AdminWithdrawal, CommissionItem, ProductRates, PromoterSettings }

export interface PromoterFilters extends Query {
  status?: PromoterStatus
  q?: string
  page?: number
  pageSize?: number
}

export const listPromoters = (query: PromoterFilters) => api<Paged<AdminPromoter>>('/admin/promoters', { query })
export const approvePromoter = (id: number) => api<AdminPromoter>(`/admin/promoters/${id}/approve`, { method: 'POST' })
export const rejectPromoter = (id: number, reason: string) => api<AdminPromoter>(`/admin/promoters/${id}/reject`, { method: 'POST', body: { reason } })
export const disablePromoter = (id: number) => api<AdminPromoter>(`/admin/promoters/${id}/disable`, { method: 'POST' })
export const listPromoterCommissions = (id: number, query: Query) => api<Paged<CommissionItem>>(`/admin/promoters/${id}/commissions`, { query })

export const getPromoterSettings = () => api<PromoterSettings>('/admin/promoters/settings')
/** 400 {code, message, field} names a PromoterSettings key. */
export const savePromoterSettings = (body: PromoterSettings) => api<PromoterSettings>('/admin/promoters/settings', { method: 'PUT', body })

/** A product's own rates; null on a level = the shop's rate. */
export const getProductCommissionRates = (productId: number) => api<ProductRates>(`/admin/products/${productId}/commission-rates`)
export const saveProductCommissionRates = (productId: number, body: ProductRates) => api<ProductRates>(`/admin/products/${productId}/commission-rates`, { method: 'PUT', body })

export interface WithdrawalFilters extends Query {
  status?: WithdrawalStatus
  page?: number
  pageSize?: number
}

export const listWithdrawals = (query: WithdrawalFilters) => api<Paged<AdminWithdrawal>>('/admin/withdrawals', { query })
export const approveWithdrawal = (id: number) => api<AdminWithdrawal>(`/admin/withdrawals/${id}/approve`, { method: 'POST' })
export const rejectWithdrawal = (id: number, reason: string) => api<AdminWithdrawal>(`/admin/withdrawals/${id}/reject`, { method: 'POST', body: { reason } })

/** One promoter, through the list's search (q matches the promoter's id; there is no single read). undefined: not found. */
export async function findPromoter(id: number): Promise<AdminPromoter | undefined> {
  const found = await listPromoters({ q: String(id), page: 1, pageSize: 50 })
  return found.items.find((p) => p.id === id)
}
