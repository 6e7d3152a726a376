import type { CreateOrderInput, LineInput, Order, OrderCounts, Paged, PricePreview } from '@/domain/contract'
import type { OrderTracking } from '@/domain/shipping'
import type { OrderStatus } from '@/domain/order-state'
import { reshapePreview } from './cart'
import { api, imageUrl } from './http'

function reshapeOrder(o: Order): Order {
  return { ...o, items: o.items.map((i) => ({ ...i, image: imageUrl(i.image) })) }
}

/** `couponIds` absent: the server's engine picks the best coupons; [] means none. */
export async function previewOrder(items: LineInput[], addressId?: number, couponIds?: number[]): Promise<PricePreview> {
  const body = couponIds === undefined ? { items, addressId } : { items, addressId, couponIds }
  return reshapePreview(await api<PricePreview>('POST', '/api/orders/preview', { body }))
}

/** The same idempotencyKey twice gives back the same order, so a retried tap never orders twice. */
export async function createOrder(input: CreateOrderInput): Promise<Order> {
  return reshapeOrder(await api<Order>('POST', '/api/orders', { body: input }))
}

export async function fetchOrders(query: { status?: OrderStatus; page: number; pageSize?: number }): Promise<Paged<Order>> {
  const paged = await api<Paged<Order>>('GET', '/api/orders', { query: { status: query.status, page: query.page, pageSize: query.pageSize ?? 10 } })
  return { ...paged, items: paged.items.map(reshapeOrder) }
}

export function fetchOrderCounts(): Promise<OrderCounts> {
  return api<OrderCounts>('GET', '/api/orders/counts')
}

export async function fetchOrder(id: number): Promise<Order> {
  return reshapeOrder(await api<Order>('GET', `/api/orders/${id}`))
}

export async function cancelOrder(id: number): Promise<Order> {
  return reshapeOrder(await api<Order>('POST', `/api/orders/${id}/cancel`))
}

export async function confirmOrder(id: number): Promise<Order> {
  return reshapeOrder(await api<Order>('POST', `/api/orders/${id}/confirm`))
}

/** Where the order's parcels are (the server follows them with the logistics provider), newest event first. */
export function fetchOrderTracking(id: number): Promise<OrderTracking> {
  return api<OrderTracking>('GET', `/api/orders/${id}/tracking`)
}
