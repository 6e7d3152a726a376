import { beforeEach, describe, expect, it, vi } from 'vitest'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { navigation, setRequestHandler, setRouterParams } from '../../../../test/shims/taro'
import type { Order } from '@/domain/contract'
import type { OrderStatus } from '@/domain/order-state'
import type { PayResult, PaymentParams } from '@/platform/payment/types'
import { route } from '@/routes'
import { useSession } from '@/store/session'
import OrderDetailPage from '../index'
import { orderFixture } from '../../../../test/helpers/orders'

vi.mock('@tarojs/taro', async (importOriginal) => (await import('../../../../test/shims/did-show-on-mount')).withDidShowOnMount(importOriginal))
const adapter = vi.hoisted(() => ({ result: { status: 'submitted' } as PayResult | Promise<PayResult>, calls: [] as unknown[] }))
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

const order = (status: OrderStatus): Order => orderFixture(status)

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

  it('hands the server params to the cashier, then the result page waits for the server (no verdict here)', async () => {
    const seen = server(1)
    adapter.result = { status: 'submitted' }
    render(<OrderDetailPage />)
    fireEvent.click(await screen.findByText('去支付'))
    await waitFor(() => expect(navigation).toEqual([{ method: 'redirectTo', url: route.payResult(42, 'confirming') }]))
    expect(adapter.calls).toEqual([params])
    expect(seen.pay).toBe(1)
    // The page itself never decides paid: it did not ask for the payment state.
    expect(seen.polls).toBe(0)
  })

  it('a double tap opens the cashier once', async () => {
    const seen = server(1)
    let release: (r: PayResult) => void = () => undefined
    // The cashier stays open until released.
    adapter.result = new Promise<PayResult>((r) => (release = r))
    render(<OrderDetailPage />)
    const button = await screen.findByText('去支付')
    fireEvent.click(button)
    await screen.findByText('正在拉起支付…')
    fireEvent.click(screen.getByText('正在拉起支付…'))
    release({ status: 'cancelled' })
    await waitFor(() => expect(navigation).toEqual([{ method: 'redirectTo', url: route.payResult(42, 'cancelled') }]))
    expect(seen.pay).toBe(1)
    expect(adapter.calls).toHaveLength(1)
  })

  it('cancelled and failed land on the result page with the reason', async () => {
    server(1)
    adapter.result = { status: 'failed', message: '支付失败：余额不足' }
    render(<OrderDetailPage />)
    fireEvent.click(await screen.findByText('去支付'))
    await waitFor(() => expect(navigation).toEqual([{ method: 'redirectTo', url: route.payResult(42, 'failed', '支付失败：余额不足') }]))
  })
})

describe('back from the H5 sandbox cashier', () => {
  it.each([
    ['paid', route.payResult(42, 'confirming')],
    ['cancelled', route.payResult(42, 'cancelled')],
    ['failed', route.payResult(42, 'failed', '支付未完成，请重新支付')],
  ])('?pay=%s goes to the result page, which asks the server', async (pay, url) => {
    server(Infinity)
    setRouterParams({ id: '42', pay })
    render(<OrderDetailPage />)
    await waitFor(() => expect(navigation).toContainEqual({ method: 'redirectTo', url }))
  })

  it('without ?pay the page stays', async () => {
    server(Infinity)
    render(<OrderDetailPage />)
    await screen.findByText('去支付')
    expect(navigation).toEqual([])
  })
})
