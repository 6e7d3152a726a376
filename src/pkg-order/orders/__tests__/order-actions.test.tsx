import { afterEach, describe, expect, it, vi } from 'vitest'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { setRequestHandler } from '../../../../test/shims/taro'
import type { Order } from '@/domain/contract'
import { ORDER_STATUSES, type OrderStatus } from '@/domain/order-state'
import { useSession } from '@/store/session'
import OrderCard from '../order-card'
import { shopperActions } from '../order-actions'
import { orderFixture, TEE_LINE } from '../../../../test/helpers/orders'

afterEach(() => vi.restoreAllMocks())

const order = (status: OrderStatus): Order =>
  orderFixture(status, { items: [{ ...TEE_LINE, image: 'http://x/a.jpg', quantity: 2, lineTotal: 3980 }], itemCount: 2, subtotal: 3980, total: 3980 })

describe('shopperActions', () => {
  it('follows the shared state machine for every status', () => {
    const table = Object.fromEntries(ORDER_STATUSES.map((s) => [s, shopperActions(s)]))
    expect(table).toEqual({
      created: ['cancel'],
      paid: [],
      shipped: ['confirm'],
      completed: [],
      cancelled: [],
      closed: [],
      refunding: [],
      refunded: [],
    })
  })
})

describe('OrderCard', () => {
  it('shows cancel for a created order and confirm for a shipped one', () => {
    const { unmount } = render(<OrderCard order={order('created')} onOpen={() => undefined} onChanged={() => undefined} />)
    expect(screen.getByText('取消订单')).toBeTruthy()
    expect(screen.queryByText('确认收货')).toBeNull()
    expect(screen.getByText('待付款')).toBeTruthy()
    unmount()
    render(<OrderCard order={order('shipped')} onOpen={() => undefined} onChanged={() => undefined} />)
    expect(screen.getByText('确认收货')).toBeTruthy()
    expect(screen.queryByText('取消订单')).toBeNull()
  })

  it('去支付 on a created order opens the order page (where paying happens), on a paid one it is absent', () => {
    const onOpen = vi.fn()
    const { unmount } = render(<OrderCard order={order('created')} onOpen={onOpen} onChanged={() => undefined} />)
    fireEvent.click(screen.getByText('去支付'))
    expect(onOpen).toHaveBeenCalledOnce()
    unmount()
    render(<OrderCard order={order('paid')} onOpen={onOpen} onChanged={() => undefined} />)
    expect(screen.queryByText('去支付')).toBeNull()
  })

  it('shows no action for a paid order', () => {
    const { container } = render(<OrderCard order={order('paid')} onOpen={() => undefined} onChanged={() => undefined} />)
    expect(container.querySelector('.order-actions')).toBeNull()
  })

  it('asks, cancels through the API and hands back the new order without opening the card', async () => {
    useSession.getState().signIn({ token: 't', expiresAt: '2099-01-01T00:00:00.000Z', user: { id: 1, nickname: 'n', avatar: null, platform: 'h5' } })
    const urls: string[] = []
    setRequestHandler((r) => {
      urls.push(`${r.method} ${r.url.replace(/^https?:\/\/[^/]+/, '')}`)
      return { statusCode: 200, data: order('cancelled') }
    })
    const modal = vi.spyOn(Taro, 'showModal')
    const onChanged = vi.fn()
    const onOpen = vi.fn()
    render(<OrderCard order={order('created')} onOpen={onOpen} onChanged={onChanged} />)
    fireEvent.click(screen.getByText('取消订单'))
    await waitFor(() => expect(onChanged).toHaveBeenCalledOnce())
    expect(modal).toHaveBeenCalledOnce()
    expect(urls).toEqual(['POST /api/orders/42/cancel'])
    expect(onChanged.mock.calls[0][0].status).toBe('cancelled')
    expect(onOpen).not.toHaveBeenCalled()
  })

  it('does nothing when the shopper says no: only the receipt mode was asked, nothing confirmed', async () => {
    vi.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: false, cancel: true } as never)
    const urls: string[] = []
    setRequestHandler((r) => {
      urls.push(`${r.method} ${r.url.replace(/^https?:\/\/[^/]+/, '')}`)
      return { statusCode: 200, data: { mode: 'app' } }
    })
    render(<OrderCard order={order('shipped')} onOpen={() => undefined} onChanged={() => undefined} />)
    fireEvent.click(screen.getByText('确认收货'))
    await new Promise((r) => setTimeout(r, 10))
    expect(urls).toEqual(['GET /api/orders/42/receipt'])
  })

  it('确认收货 asks the server how, asks the shopper (app mode), confirms and hands back the order', async () => {
    useSession.getState().signIn({ token: 't', expiresAt: '2099-01-01T00:00:00.000Z', user: { id: 1, nickname: 'n', avatar: null, platform: 'h5' } })
    const urls: string[] = []
    setRequestHandler((r) => {
      const url = `${r.method} ${r.url.replace(/^https?:\/\/[^/]+/, '')}`
      urls.push(url)
      return { statusCode: 200, data: url.endsWith('/receipt') ? { mode: 'app' } : order('completed') }
    })
    const modal = vi.spyOn(Taro, 'showModal')
    const onChanged = vi.fn()
    render(<OrderCard order={order('shipped')} onOpen={() => undefined} onChanged={onChanged} />)
    fireEvent.click(screen.getByText('确认收货'))
    await waitFor(() => expect(onChanged).toHaveBeenCalledOnce())
    expect(urls).toEqual(['GET /api/orders/42/receipt', 'POST /api/orders/42/confirm'])
    expect(modal).toHaveBeenCalledWith({ title: '确认收货', content: '确认已经收到全部商品了吗？' })
    expect(onChanged.mock.calls[0][0].status).toBe('completed')
  })

  it('RECEIPT_NOT_CONFIRMED (WeChat has not confirmed yet) is a clear toast, and the order stays', async () => {
    const toast = vi.spyOn(Taro, 'showToast')
    setRequestHandler((r) =>
      r.url.endsWith('/receipt')
        ? { statusCode: 200, data: { mode: 'app' } }
        : { statusCode: 409, data: { code: 'RECEIPT_NOT_CONFIRMED', message: 'not yet' } },
    )
    const onChanged = vi.fn()
    render(<OrderCard order={order('shipped')} onOpen={() => undefined} onChanged={onChanged} />)
    fireEvent.click(screen.getByText('确认收货'))
    await waitFor(() => expect(toast).toHaveBeenCalledWith({ title: '微信还未确认收货，请稍后再试', icon: 'none' }))
    expect(onChanged).not.toHaveBeenCalled()
  })
})
