import { beforeEach, describe, expect, it, vi } from 'vitest'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { setRequestHandler, setRouterParams, toasts } from '../../../../test/shims/taro'
import type { Order } from '@/domain/contract'
import type { OrderStatus } from '@/domain/order-state'
import type { PayResult, PaymentParams } from '@/platform/payment/types'
import { useSession } from '@/store/session'
import OrderDetailPage from '../index'

vi.mock('@tarojs/taro', async (importOriginal) => (await import('../../../../test/shims/did-show-on-mount')).withDidShowOnMount(importOriginal))
const adapter = vi.hoisted(() => ({ result: { status: 'submitted' } as PayResult, calls: [] as unknown[] }))
vi.mock('@/platform/payment', () => ({
  paymentAdapter: {
    platform: 'weapp',
    pay: async (p: PaymentParams) => {
      adapter.calls.push(p)
      return adapter.result
    },
  },
}))

const params = { timeStamp: '1700000000', nonceStr: 'n', package: 'prepay_id=wx1', signType: 'RSA', paySign: 's' }

function order(status: OrderStatus): Order {
  return {
    id: 42,
    orderNo: 'D20261123000042',
    status,
    items: [{ skuId: 1, productId: 1, title: '纯棉T恤', image: '/api/images/a.jpg', specs: { 颜色: '白' }, unitPrice: 1990, quantity: 1, lineTotal: 1990, refundedQuantity: 0 }],
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
  }
}

/** The server: the order is 'created' until `paidAfterPolls` payment polls have been answered. */
function server(paidAfterPolls: number) {
  const seen = { pay: 0, polls: 0 }
  let status: OrderStatus = 'created'
  setRequestHandler((r) => {
    if (r.method === 'POST' && r.url.endsWith('/api/orders/42/pay')) {
      seen.pay++
      return { statusCode: 200, data: params }
    }
    if (r.method === 'GET' && r.url.endsWith('/api/orders/42/payment')) {
      seen.polls++
      if (seen.polls >= paidAfterPolls) status = 'paid'
      return { statusCode: 200, data: { orderId: 42, orderStatus: status, payment: null } }
    }
    if (r.method === 'GET' && r.url.endsWith('/api/orders/42')) return { statusCode: 200, data: order(status) }
    return { statusCode: 404, data: { code: 'NOT_FOUND', message: 'no' } }
  })
  return seen
}

beforeEach(() => {
  adapter.calls.length = 0
  setRouterParams({ id: '42' })
  useSession.getState().signIn({ token: 't', expiresAt: new Date(Date.now() + 60_000).toISOString(), user: { id: 1, nickname: 'a', avatar: null, platform: 'weapp' } })
})

describe('order detail 去支付', () => {
  it('shows 去支付 only for an unpaid order', async () => {
    setRequestHandler(() => ({ statusCode: 200, data: order('paid') }))
    render(<OrderDetailPage />)
    await screen.findByText('待发货')
    expect(screen.queryByText('去支付')).toBeNull()
  })

  it('submitted -> 支付确认中… while the server says created; paid only after the server confirms, then 待发货', async () => {
    const seen = server(2)
    adapter.result = { status: 'submitted' }
    render(<OrderDetailPage />)
    fireEvent.click(await screen.findByText('去支付'))
    await screen.findByText('支付确认中…')
    expect(adapter.calls).toEqual([params])
    // First poll answered 'created': the client callback alone did not make it paid.
    expect(screen.getByText('待付款')).toBeTruthy()
    await screen.findByText('待发货', undefined, { timeout: 4000 })
    expect(seen.polls).toBe(2)
    expect(toasts).toContain('支付成功')
    expect(screen.queryByText('去支付')).toBeNull()
  })

  it('submitted with a server that never confirms keeps 待付款 and stops polling on leave', async () => {
    const seen = server(Infinity)
    adapter.result = { status: 'submitted' }
    const view = render(<OrderDetailPage />)
    fireEvent.click(await screen.findByText('去支付'))
    await screen.findByText('支付确认中…')
    await waitFor(() => expect(seen.polls).toBe(1))
    expect(screen.getByText('待付款')).toBeTruthy()
    expect(screen.queryByText('待发货')).toBeNull()
    expect(toasts).not.toContain('支付成功')
    view.unmount()
    await new Promise((r) => setTimeout(r, 1700))
    expect(seen.polls).toBe(1)
  })

  it('cancelled -> toast 已取消支付, order stays 待付款, no polling', async () => {
    const seen = server(1)
    adapter.result = { status: 'cancelled' }
    render(<OrderDetailPage />)
    fireEvent.click(await screen.findByText('去支付'))
    await waitFor(() => expect(toasts).toContain('已取消支付'))
    expect(seen.polls).toBe(0)
    expect(screen.getByText('待付款')).toBeTruthy()
    expect(screen.getByText('去支付')).toBeTruthy()
  })

  it('failed -> the message and 重新支付, which tries again', async () => {
    const seen = server(1)
    adapter.result = { status: 'failed', message: '支付失败：余额不足' }
    render(<OrderDetailPage />)
    fireEvent.click(await screen.findByText('去支付'))
    await screen.findByText('支付失败：余额不足')
    expect(screen.getByText('待付款')).toBeTruthy()
    adapter.result = { status: 'submitted' }
    fireEvent.click(screen.getByText('重新支付'))
    await screen.findByText('待发货')
    expect(seen.pay).toBe(2)
  })
})

describe('back from the H5 sandbox cashier', () => {
  it('?pay=cancelled toasts 已取消支付 and keeps 去支付', async () => {
    server(1)
    setRouterParams({ id: '42', pay: 'cancelled' })
    render(<OrderDetailPage />)
    await screen.findByText('去支付')
    expect(toasts).toContain('已取消支付')
  })

  it('?pay=failed shows the failure with 重新支付', async () => {
    server(1)
    setRouterParams({ id: '42', pay: 'failed' })
    render(<OrderDetailPage />)
    await screen.findByText('重新支付')
    expect(screen.getByText('支付未完成，请重新支付')).toBeTruthy()
  })

  it('?pay=paid does not make the order paid: the page shows the server status', async () => {
    server(Infinity)
    setRouterParams({ id: '42', pay: 'paid' })
    render(<OrderDetailPage />)
    await screen.findByText('去支付')
    expect(screen.getByText('待付款')).toBeTruthy()
    expect(screen.queryByText('待发货')).toBeNull()
  })
})
