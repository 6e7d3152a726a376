import type { Order, OrderItem } from '../../src/domain/contract'
import type { OrderStatus } from '../../src/domain/order-state'

/** One T-shirt at 19.90: the line the order fixtures start from. */
export const TEE_LINE: OrderItem = { id: 1, skuId: 1, productId: 1, title: '纯棉T恤', image: '/api/images/a.jpg', specs: { 颜色: '白' }, unitPrice: 1990, quantity: 1, lineTotal: 1990, discount: 0, refundedQuantity: 0 }

/** Order 42 as the API answers it, in `status`; tests override what they look at. */
export function orderFixture(status: OrderStatus, over: Partial<Order> = {}): Order {
  return {
    id: 42,
    orderNo: 'D20261123000042',
    status,
    items: [TEE_LINE],
    itemCount: 1,
    subtotal: 1990,
    shipping: 0,
    discount: 0,
    total: 1990,
    address: null,
    note: null,
    createdAt: '2026-11-23T10:00:00.000Z',
    expiresAt: null,
    tracking: null,
    timeline: [],
    refundedTotal: 0,
    refunds: [],
    discounts: [],
    shippedAt: null,
    receivedAt: null,
    ...over,
  }
}
