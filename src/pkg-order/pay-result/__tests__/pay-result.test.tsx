import { beforeEach, describe, expect, it, vi } from 'vitest'
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { navigation, setRequestHandler, setRouterParams } from '../../../../test/shims/taro'
import type { Order } from '@/domain/contract'
import type { OrderStatus } from '@/domain/order-state'
import type { PayResult, PaymentParams } from '@/platform/payment/types'
import { route, TAB_PAGES } from '@/routes'
import { useSession } from '@/store/session'
import PayResultPage from '../index'
import { orderFixture } from '../../../../test/helpers/orders'

// The page's show / hide, as the host calls them: shown on mount, then whenever a test says.
const life = vi.hoisted(() => ({ show: new Set<() => void>(), hide: new Set<() => void>() }))
vi.mock('@tarojs/taro', async (importOriginal) => {
  const mod = await importOriginal<typeof import('../../../../test/shims/taro')>()
  const { useEffect, useRef } = await import('react')
  const lifecycle = (set: Set<() => void>, onMount: boolean) => (cb: () => void) => {
    const ref = useRef(cb)
    ref.current = cb
    useEffect(() => {
      const f = () => ref.current()
      set.add(f)
      if (onMount) f()
      return () => void set.delete(f)
    }, [])
  }
  const useDidShow = lifecycle(life.show, true)
  const useDidHide = lifecycle(life.hide, false)
  return { ...mod, default: { ...mod.default, useDidShow, useDidHide }, useDidShow, useDidHide }
})
const adapter = vi.hoisted(() => ({ result: { status: 'submitted' } as PayResult, calls: [] as unknown[] }))
vi.mock('@/platform/payment', () => ({
  paymentAdapter: {
    platform: 'alipay',
    pay: async (p: PaymentParams) => {
      adapter.calls.push(p)
      return adapter.result
    },
  },
}))

const PARAMS = { tradeNO: '2026112322001' }

const order = (status: OrderStatus): Order =>
  orderFixture(status, { items: [], createdAt: new Date().toISOString(), expiresAt: status === 'created' ? new Date(Date.now() + 10 * 60_000).toISOString() : null })

/** The server: the order is 'created' until `paidAfterPolls` payment polls have been answered. */
function server(paidAfterPolls: number, start: OrderStatus = 'created') {
  const seen = { pay: 0, polls: 0 }
  let status: OrderStatus = start
  setRequestHandler((r) => {
    if (r.method === 'POST' && r.url.endsWith('/api/orders/42/pay')) {
      seen.pay++
      return { statusCode: 200, data: PARAMS }
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

const wait = (ms: number) => act(() => new Promise((r) => setTimeout(r, ms)))
const hide = () => act(() => life.hide.forEach((f) => f()))
const show = () => act(() => life.show.forEach((f) => f()))

beforeEach(() => {
  adapter.calls.length = 0
  adapter.result = { status: 'submitted' }
  useSession.getState().signIn({ token: 't', expiresAt: new Date(Date.now() + 60_000).toISOString(), user: { id: 1, nickname: 'a', avatar: null, platform: 'alipay' } })
})

describe('pay result: waiting for the server', () => {
  it('支付确认中… until the server says paid, then 支付成功 with 查看订单 / 继续购物', async () => {
    const seen = server(2)
    setRouterParams({ id: '42', result: 'confirming' })
    render(<PayResultPage />)
    await screen.findByText('支付确认中…')
    await waitFor(() => expect(seen.polls).toBe(1))
    // One answer of 'created' is no verdict: still waiting, nothing to pay again.
    expect(screen.queryByText('支付成功')).toBeNull()
    expect(screen.queryByText('重新支付')).toBeNull()
    await screen.findByText('支付成功', undefined, { timeout: 4000 })
    expect(seen.polls).toBe(2)
    fireEvent.click(screen.getByText('查看订单'))
    fireEvent.click(screen.getByText('继续购物'))
    expect(navigation).toEqual([
      { method: 'redirectTo', url: route.orderDetail(42) },
      { method: 'switchTab', url: TAB_PAGES.home },
    ])
  })

  it('polling stops while the page is hidden and resumes when it shows again', async () => {
    const seen = server(Infinity)
    setRouterParams({ id: '42', result: 'confirming' })
    render(<PayResultPage />)
    await waitFor(() => expect(seen.polls).toBe(1))
    hide()
    await wait(1700)
    expect(seen.polls).toBe(1)
    show()
    await waitFor(() => expect(seen.polls).toBe(2))
    expect(screen.getByText('支付确认中…')).toBeTruthy()
  })

  it('stops polling when the page is closed', async () => {
    const seen = server(Infinity)
    setRouterParams({ id: '42', result: 'confirming' })
    const view = render(<PayResultPage />)
    await waitFor(() => expect(seen.polls).toBe(1))
    view.unmount()
    await wait(1700)
    expect(seen.polls).toBe(1)
  })

  it("the cashier's word is not enough: ?result=paid from a cashier still asks the server", async () => {
    const seen = server(Infinity)
    setRouterParams({ id: '42', result: 'paid' })
    render(<PayResultPage />)
    await screen.findByText('支付确认中…')
    await waitFor(() => expect(seen.polls).toBe(1))
    expect(screen.queryByText('支付成功')).toBeNull()
  })
})

describe('pay result: cancelled and failed', () => {
  it('cancelled shows the time left to pay and 重新支付, which pays and waits for the server', async () => {
    const seen = server(1)
    setRouterParams({ id: '42', result: 'cancelled' })
    render(<PayResultPage />)
    await screen.findByText('支付已取消')
    await screen.findByText(/请在 (9分5\d|10分00)秒 内完成支付/)
    expect(seen.polls).toBe(0)
    fireEvent.click(screen.getByText('重新支付'))
    await screen.findByText('支付成功', undefined, { timeout: 4000 })
    expect(adapter.calls).toEqual([PARAMS])
    expect(seen.pay).toBe(1)
  })

  it('failed shows why; 重新支付 cancelled again shows the cancelled state', async () => {
    const seen = server(Infinity)
    setRouterParams({ id: '42', result: 'failed', message: '订单支付失败，请稍后重试' })
    render(<PayResultPage />)
    await screen.findByText('支付失败')
    expect(screen.getByText('订单支付失败，请稍后重试')).toBeTruthy()
    adapter.result = { status: 'cancelled' }
    fireEvent.click(screen.getByText('重新支付'))
    await screen.findByText('支付已取消')
    expect(screen.queryByText('订单支付失败，请稍后重试')).toBeNull()
    expect(seen.polls).toBe(0)
  })

  it('an order the server already has as paid shows 支付成功, whatever the query said', async () => {
    server(Infinity, 'paid')
    setRouterParams({ id: '42', result: 'cancelled' })
    render(<PayResultPage />)
    await screen.findByText('支付成功')
    expect(screen.queryByText('重新支付')).toBeNull()
  })

  it('a closed order can not be paid again', async () => {
    server(Infinity, 'closed')
    setRouterParams({ id: '42', result: 'failed', message: 'x' })
    render(<PayResultPage />)
    await screen.findByText('订单已超时关闭')
    expect(screen.queryByText('重新支付')).toBeNull()
  })

  it('a guest is sent to log in', async () => {
    useSession.getState().signOut()
    server(Infinity)
    setRouterParams({ id: '42', result: 'cancelled' })
    render(<PayResultPage />)
    await waitFor(() => expect(navigation).toEqual([{ method: 'redirectTo', url: route.login(route.orderDetail(42)) }]))
  })

  it("a plan's order back from the H5 cashier goes to the plan's page, which waits for the payment", async () => {
    setRequestHandler((r) => {
      if (r.method === 'GET' && r.url.endsWith('/api/orders/42')) return { statusCode: 200, data: { ...order('created'), plan: { id: 7 } } }
      if (r.method === 'GET' && r.url.endsWith('/api/orders/42/payment')) return { statusCode: 200, data: { orderId: 42, orderStatus: 'created', payment: null } }
      return { statusCode: 404, data: { code: 'NOT_FOUND', message: 'no' } }
    })
    setRouterParams({ id: '42', result: 'confirming' })
    render(<PayResultPage />)
    await waitFor(() => expect(navigation).toContainEqual({ method: 'redirectTo', url: route.plan(7, 42) }))
  })
})
