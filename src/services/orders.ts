import type { CreateOrderInput, LineInput, Order, OrderCounts, Paged, PricePreview } from '@/domain/contract'
import type { OrderStatus } from '@/domain/order-state'
import type { OrderTracking, ReceiptMode } from '@/domain/shipping'
import type { FulfilmentInput } from '@/domain/stores'
import { reshapePreview } from './cart'
import { api, imageUrl } from './http'

function reshapeOrder(o: Order): Order {
  return { ...o, items: o.items.map((i) => ({ ...i, image: imageUrl(i.image) })) }
}

/** `couponIds` absent: the server's engine picks the best coupons; [] means none. `points`: 积分抵扣 to price in (absent or 0: none). */
export async function previewOrder(items: LineInput[], addressId?: number, couponIds?: number[], points?: number, fulfilment?: FulfilmentInput): Promise<PricePreview> {
  // Pickup (门店自提) needs no address: the store and slot stand in for it.
  const where = fulfilment?.type === 'pickup' ? { fulfilment } : { addressId }
  const body = { items, ...where, ...(couponIds === undefined ? {} : { couponIds }), ...(points ? { points } : {}) }
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

/** GET /api/orders/:id/receipt: how this order's receipt is confirmed (WeChat's component or the app's own). */
export function fetchReceiptMode(id: number): Promise<ReceiptMode> {
  return api<ReceiptMode>('GET', `/api/orders/${id}/receipt`)
}

/** GET /api/orders/:id/tracking: each parcel's trace, newest event first. */
export function fetchTracking(id: number): Promise<OrderTracking> {
  return api<OrderTracking>('GET', `/api/orders/${id}/tracking`)
}

/** Sandbox servers only: the sandbox plays WeChat's confirm-receipt sheet (POST /api/sandbox/shipping/confirm). */
export function confirmSandboxReceipt(orderId: number): Promise<unknown> {
  return api<unknown>('POST', '/api/sandbox/shipping/confirm', { body: { orderId } })
}
