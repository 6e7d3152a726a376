import { render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { Order } from '@/domain/contract'
import RefundList from '../refund-list'
import { refundRows } from '../refunds'

const items = [
  { id: 1, skuId: 1, productId: 1, title: '纯棉T恤', image: '/a.jpg', specs: {}, unitPrice: 4900, quantity: 2, lineTotal: 9800, refundedQuantity: 1, discount: 0 },
  { id: 2, skuId: 2, productId: 2, title: '马克杯', image: '/b.jpg', specs: {}, unitPrice: 3900, quantity: 1, lineTotal: 3900, refundedQuantity: 0, discount: 0 },
]
const order: Pick<Order, 'refunds' | 'items' | 'refundedTotal'> = {
  items,
  refundedTotal: 4900 + 13700,
  refunds: [
    { amount: 4900, status: 'succeeded', reason: '尺码不合适', lines: [{ skuId: 1, quantity: 1, amount: 4900 }], createdAt: '2026-11-23T10:00:00.000Z', succeededAt: '2026-11-23T10:01:00.000Z' },
    { amount: 13700, status: 'failed', reason: '整单退款', lines: [], createdAt: '2026-11-23T11:00:00.000Z', succeededAt: null },
  ],
}

describe('refunds on the order page', () => {
  it('names what goes back, how much, and where it stands; a failed refund reads as still in progress', () => {
    expect(refundRows(order).map(({ what, amount, status, done, at }) => ({ what, amount, status, done, at }))).toEqual([
      { what: '纯棉T恤 ×1', amount: '¥49.00', status: '已退款', done: true, at: '2026-11-23T10:01:00.000Z' },
      { what: '订单款项原路退回', amount: '¥137.00', status: '退款中', done: false, at: '2026-11-23T11:00:00.000Z' },
    ])
  })

  it('renders the list with the total, and nothing for an order without refunds', () => {
    const { container, rerender } = render(<RefundList order={order} />)
    expect(screen.getByText('退款记录')).toBeTruthy()
    expect(screen.getByText('共退 ¥186.00')).toBeTruthy()
    expect(screen.getByText('纯棉T恤 ×1')).toBeTruthy()
    expect(container.querySelectorAll('.refund-list__row')).toHaveLength(2)
    rerender(<RefundList order={{ ...order, refunds: [], refundedTotal: 0 }} />)
    expect(container.querySelector('.refund-list')).toBeNull()
  })
})
