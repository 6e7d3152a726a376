import type { Order, OutboxEntry, Refund, Rental } from '@domain/contract'
import type { Fen } from '@domain/money'
import type { OrderStatus } from '@domain/order-state'
import { api, download, type Paged, type Query } from './client'

/** docs/admin-api.md, Orders: the shopper's order plus who bought it. */
export type AdminOrder = Order & { userId: number; platform: 'weapp' | 'alipay' | 'h5'; buyer: string; phone: string | null; paidAt: string | null }

export interface OrderDetail {
  order: AdminOrder
  buyer: { userId: number; nickname: string | null; platform: string }
  events: { at: string; from: OrderStatus | null; to: OrderStatus; actor: string; note: string | null }[]
  /** The order's payment attempts, oldest first (server: payments.attempts). */
  payments: { id: number; provider: 'wechat' | 'alipay' | 'sandbox'; outTradeNo: string; amount: Fen; status: string; platformTradeId: string | null; createdAt: string; paidAt: string | null }[]
  refunds: Refund[]
  messages: OutboxEntry[]
}

export interface PackingList {
  orderNo: string
  createdAt: string
  /** null for an order without an address. */
  receiver: { name: string; phone: string; address: string } | null
  /** The lines still owed (refunded units left out); specs already as text ("颜色：红，尺码：L"). */
  lines: { title: string; specs: string; code: string | null; quantity: number }[]
  note: string | null
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
export const shipOrder = (id: number, body: { carrier: string; trackingNo: string }) => api<Order>(`/admin/orders/${id}/ship`, { method: 'POST', body })
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

export interface Dashboard {
  range: DashboardRange
  from: string
  to: string
  totals: { sales: Fen; paidOrders: number; avgOrder: Fen; refundAmount: Fen; refunds: number; newShoppers: number }
  byPlatform: { platform: string; sales: Fen; paidOrders: number }[]
  series: { date: string; sales: Fen; paidOrders: number; refundAmount: Fen }[]
  topProducts: { productId: number; title: string; quantity: number; sales: Fen }[]
  lowStock: { skuId: number; productId: number; title: string; specs: Record<string, string> | string; stock: number }[]
}
export type DashboardRange = 'today' | '7d' | '30d'
export const getDashboard = (range: DashboardRange) => api<Dashboard>('/admin/dashboard', { query: { range } })

export const listOutbox = (query: Query) => api<Paged<OutboxEntry>>('/admin/messages/outbox', { query })
/** Only failed or unknown messages (409 NOT_REQUEUABLE otherwise); answers just the new status. */
export const requeueOutbox = (id: number) => api<{ id: number; status: 'pending' }>(`/admin/messages/outbox/${id}/requeue`, { method: 'POST' })

export interface NotifyRow {
  id: number
  source: 'payment' | 'credit'
  provider: string
  verified: boolean
  /** The outcome it was recorded with: paid, duplicate, replay, bad_signature, mismatch, … */
  reason: string
  outTradeNo: string | null
  createdAt: string
}
export const listNotifies = (query: Query) => api<Paged<NotifyRow>>('/admin/notifies', { query })
