import type { Order, OutboxEntry, Refund, Rental } from '@domain/contract'
import type { Fen } from '@domain/money'
import type { OrderStatus } from '@domain/order-state'
import type { ShipInput } from '@domain/shipping'
import type { AdminOrder, Dashboard, DashboardRange, NotifyAuditEntry as NotifyRow, OrderBuyer, PackingList, TimelineEvent } from '@domain/admin-contract'
import { api, download, type Paged, type Query } from './client'

/** docs/admin-api.md, Orders: the answers' shapes are the server's (@domain/admin-contract). */
export type { AdminOrder, Dashboard, DashboardRange, NotifyRow, PackingList }

export interface OrderDetail {
  order: AdminOrder
  buyer: OrderBuyer
  events: TimelineEvent[]
  /** The order's payment attempts, oldest first (server: payments.attempts). */
  payments: { id: number; provider: 'wechat' | 'alipay' | 'sandbox'; outTradeNo: string; amount: Fen; status: string; platformTradeId: string | null; createdAt: string; paidAt: string | null }[]
  refunds: Refund[]
  messages: OutboxEntry[]
}

export interface OrderFilters extends Query {
  status?: OrderStatus
  from?: string
  to?: string
  phone?: string
  orderNo?: string
  platform?: string
  page?: number
  pageSize?: number
}

export const listOrders = (query: OrderFilters) => api<Paged<AdminOrder>>('/admin/orders', { query })
export const getOrder = (id: number) => api<OrderDetail>(`/admin/orders/${id}`)
/** ShipInput (kind and parcels); the old `{carrier, trackingNo}` still means one express parcel. */
export const shipOrder = (id: number, body: ShipInput | { carrier: string; trackingNo: string }) => api<Order>(`/admin/orders/${id}/ship`, { method: 'POST', body })
export const cancelOrder = (id: number, reason?: string) => api<Order>(`/admin/orders/${id}/cancel`, { method: 'POST', body: { reason } })
export const refundOrder = (id: number, body: { lines?: { skuId: number; quantity: number }[]; reason: string; restock?: boolean }) =>
  api<Refund>(`/admin/orders/${id}/refunds`, { method: 'POST', body })
export const getPackingList = (id: number) => api<PackingList>(`/admin/orders/${id}/packing-list`)
export const exportOrdersCsv = (query: OrderFilters) => download('/admin/orders.csv', { ...query, page: undefined, pageSize: undefined }, `orders-${new Date().toISOString().slice(0, 10)}.csv`)

export const listRefunds = (query: Query) => api<Paged<Refund>>('/admin/refunds', { query })
export const retryRefund = (id: number) => api<Refund>(`/admin/refunds/${id}/retry`, { method: 'POST' })

export const listRentals = (query: Query) => api<Paged<Rental>>('/admin/rentals', { query })
export const startRental = (id: number) => api<Rental>(`/admin/rentals/${id}/start`, { method: 'POST' })
export const returnRental = (id: number) => api<Rental>(`/admin/rentals/${id}/return`, { method: 'POST' })

export const getDashboard = (range: DashboardRange) => api<Dashboard>('/admin/dashboard', { query: { range } })

export const listOutbox = (query: Query) => api<Paged<OutboxEntry>>('/admin/messages/outbox', { query })
/** Only failed or unknown messages (409 NOT_REQUEUABLE otherwise); answers just the new status. */
export const requeueOutbox = (id: number) => api<{ id: number; status: 'pending' }>(`/admin/messages/outbox/${id}/requeue`, { method: 'POST' })

export const listNotifies = (query: Query) => api<Paged<NotifyRow>>('/admin/notifies', { query })
