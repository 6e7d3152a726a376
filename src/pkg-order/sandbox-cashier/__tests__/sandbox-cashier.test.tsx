import { beforeEach, describe, expect, it } from 'vitest'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { navigation, setRequestHandler, setRouterParams, type RequestHandler } from '../../../../test/shims/taro'
import { route } from '@/routes'
import { useSession } from '@/store/session'
import SandboxCashierPage from '../index'

const VIEW = { outTradeNo: 'D42P01', orderId: 42, orderNo: 'D42', amount: 12900, description: '陶瓷马克杯', status: 'pending' }
let requests: Parameters<RequestHandler>[0][]

function server(view: object = VIEW, result = 'paid') {
  requests = []
  setRequestHandler((r) => {
    requests.push(r)
    if (r.method === 'GET' && r.url.includes('/api/payments/sandbox/app-cashier?')) return { statusCode: 200, data: view }
    if (r.method === 'POST' && r.url.endsWith('/api/payments/sandbox/app-cashier')) return { statusCode: 200, data: { orderId: 42, result } }
    return { statusCode: 404, data: { code: 'NOT_FOUND', message: '支付单不存在' } }
  })
}

beforeEach(() => {
  useSession.getState().signIn({ token: 't', expiresAt: new Date(Date.now() + 60_000).toISOString(), user: { id: 1, nickname: 'a', avatar: null, platform: 'weapp' } })
  setRouterParams({ id: '42', out: 'D42P01', t: 'tk+/=' })
})

describe('in-app sandbox cashier', () => {
  it('shows the attempt with the session and ticket; 支付 settles and lands on the result page waiting for the server', async () => {
    server()
    render(<SandboxCashierPage />)
    await screen.findByText('D42')
    expect(screen.getByText('陶瓷马克杯')).toBeTruthy()
    expect(screen.getByText('沙箱模拟支付，不会扣款')).toBeTruthy()
    expect(requests[0].url).toContain('out=D42P01&t=tk%2B%2F%3D')
    expect(requests[0].header?.Authorization ?? requests[0].header?.authorization).toBe('Bearer t')
    fireEvent.click(screen.getByText('支付'))
    await waitFor(() => expect(navigation.at(-1)).toEqual({ method: 'redirectTo', url: route.payResult(42, 'confirming') }))
    expect(requests[1].data).toEqual({ out: 'D42P01', t: 'tk+/=', decision: 'pay' })
  })

  it('支付失败 and 取消 land on the result page that offers paying again', async () => {
    server(VIEW, 'failed')
    const { unmount } = render(<SandboxCashierPage />)
    fireEvent.click(await screen.findByText('支付失败'))
    await waitFor(() => expect(navigation.at(-1)?.url).toBe(route.payResult(42, 'failed', '沙箱模拟支付失败')))
    unmount()
    server(VIEW, 'cancelled')
    render(<SandboxCashierPage />)
    fireEvent.click(await screen.findByText('取消'))
    await waitFor(() => expect(navigation.at(-1)?.url).toBe(route.payResult(42, 'cancelled')))
  })

  it('a paid or closed attempt offers no buttons but 返回订单; a refused ticket shows the server message', async () => {
    server({ ...VIEW, status: 'closed' })
    const { unmount } = render(<SandboxCashierPage />)
    await screen.findByText('该支付单已关闭，请回到订单查看')
    expect(screen.queryByText('支付')).toBeNull()
    fireEvent.click(screen.getByText('返回订单'))
    expect(navigation.at(-1)).toEqual({ method: 'redirectTo', url: route.orderDetail(42) })
    unmount()
    setRequestHandler(() => ({ statusCode: 404, data: { code: 'PAYMENT_NOT_FOUND', message: '支付单不存在' } }))
    render(<SandboxCashierPage />)
    await screen.findByText('支付单不存在')
  })

  it('without out / t it says so and calls nothing', async () => {
    server()
    setRouterParams({ id: '42' })
    render(<SandboxCashierPage />)
    await screen.findByText('收银台参数有误，请回到订单重新支付')
    expect(requests).toHaveLength(0)
  })
})
