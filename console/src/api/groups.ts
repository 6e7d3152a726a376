import type { AdminGroupDeal, AdminGroupRow, GroupDealInput, GroupStatus } from '@domain/groups'
import { api, type Paged, type Query } from './client'

/** Issue 18, group buying (拼团) for the merchant: the shapes are the server's (@domain/groups). */
export type { AdminGroupDeal, AdminGroupRow, GroupDealInput }

export const listGroupDeals = (query: Query) => api<Paged<AdminGroupDeal>>('/admin/group-deals', { query })
/** 400 {code, message, field} names a GroupDealInput key (skus.0.price, startsAt…). */
export const createGroupDeal = (body: GroupDealInput) => api<AdminGroupDeal>('/admin/group-deals', { method: 'POST', body })
export const endGroupDeal = (id: number) => api<AdminGroupDeal>(`/admin/group-deals/${id}/end`, { method: 'POST' })

export interface GroupFilters extends Query {
  status?: GroupStatus
  dealId?: number
  page?: number
  pageSize?: number
}
export const listGroups = (query: GroupFilters) => api<Paged<AdminGroupRow>>('/admin/groups', { query })
