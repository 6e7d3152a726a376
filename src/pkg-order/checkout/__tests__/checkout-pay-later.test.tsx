import { beforeEach, describe, expect, it, vi } from 'vitest'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { navigation, setRequestHandler, setRouterParams, toasts, type RequestHandler } from '../../../../test/shims/taro'
import type { CreditConfirmParams, LineInput, Order } from '@/domain/contract'
import type { CreditConfirmResult } from '@/platform/credit/types'
import type { PayResult } from '@/platform/payment/types'
import { route } from '@/routes'
import { useSession } from '@/store/session'
import CheckoutPage from '../index'
import { HOME, plainPreview } from './checkout-fixtures'

vi.mock('@tarojs/taro', async (importOriginal) => (await import('../../../../test/shims/did-show-on-mount')).withDidShowOnMount(importOriginal))
const credit = vi.hoisted(() => ({ result: { status: 'confirmed' } as CreditConfirmResult, calls: [] as unknown[][] }))
vi.mock('@/platform/credit', () => ({
  creditAdapter: {
    confirmCredit: async (p: CreditConfirmParams, o: unknown) => {
      credit.calls.push([p, o])
      return credit.result
    },
  },
}))
const cashier = vi.hoisted(() => ({ calls: [] as unknown[] }))
vi.mock('@/platform/payment', () => ({
  paymentAdapter: {
    platform: 'alipay',
    pay: async (p: unknown): Promise<PayResult> => {
      cashier.calls.push(p)
      return { status: 'submitted' }
    },
  },
}))

const CONFIRM = { orderStr: 'zhima.credit.payafteruse.creditbizorder.order&sign=x' }

type Req = Parameters<RequestHandler>[0]
let requests: Req[]
let available: boolean
/** The order as GET answers it once the confirm is back. */
let orderAfter: Partial<Order>

beforeEach(() => {
  requests = []
  available = true
  orderAfter = { status: 'paid', credit: { state: 'confirmed', amount: 3980, collectAt: null, charged: 0 } }
  credit.calls.length = 0
  credit.result = { status: 'confirmed' }
  cashier.calls.length = 0
  setRouterParams({ skuId: '11', quantity: '2' })
  useSession.getState().signIn({ token: 't', expiresAt: '2099-01-01T00:00:00.000Z', user: { id: 1, nickname: 'n', avatar: null, platform: 'alipay' } })
  setRequestHandler(async (r) => {
    requests.push(r)
    const path = r.url.replace(/^https?:\/\/[^/]+/, '')
    if (path === '/api/credit/eligibility') return { statusCode: 200, data: { payAfterUse: { available, reason: available ? null : '信用暂不满足' } } }
    if (path === '/api/addresses') return { statusCode: 200, data: { items: [HOME] } }
    if (path === '/api/orders/preview') return { statusCode: 200, data: plainPreview((r.data as { items: LineInput[] }).items) }
    if (r.method === 'POST' && path === '/api/orders') return { statusCode: 201, data: { id: 77, status: 'created', items: [] } }
    if (r.method === 'POST' && path === '/api/orders/77/credit') return { statusCode: 200, data: { credit: { state: 'created', amount: 3980, collectAt: null, charged: 0 }, confirm: CONFIRM } }
    if (r.method === 'GET' && path === '/api/orders/77') return { statusCode: 200, data: { id: 77, status: 'created', items: [], ...orderAfter } }
    if (r.method === 'POST' && path === '/api/orders/77/pay') return { statusCode: 200, data: { tradeNO: '2026' } }
    return { statusCode: 404, data: { code: 'NOT_FOUND', message: path } }
  })
})

const paths = (method: string) => requests.filter((r) => r.method === method).map((r) => r.url.replace(/^https?:\/\/[^/]+/, ''))
const orderPost = () => requests.find((r) => r.method === 'POST' && r.url.endsWith('/api/orders'))

async function ready() {
  const view = render(<CheckoutPage />)
  await screen.findByText('西溪路 556 号', { exact: false })
  return view
}

describe('checkout 先享后付', () => {
  it('is offered only when the server says the credit allows it', async () => {
    available = false
    const { container } = await ready()
    await waitFor(() => expect(paths('GET')).toContain('/api/credit/eligibility'))
    expect(container.querySelector('.pay-mode')).toBeNull()
  })

  it('orders with paymentMode pay_after_use, confirms through the platform, waits for the server, then the order', async () => {
    const { container } = await ready()
    fireEvent.click(await screen.findByText('先享后付（确认收货后再付款）'))
    expect(container.querySelector('.pay-mode__option--pay_after_use')!.className).toContain('is-active')
    fireEvent.click(container.querySelector('.submit-order')!)
    await waitFor(() => expect(navigation).toContainEqual({ method: 'redirectTo', url: route.orderDetail(77) }))
    expect(orderPost()!.data).toMatchObject({ paymentMode: 'pay_after_use', addressId: 3 })
    expect(paths('POST')).toContain('/api/orders/77/credit')
    expect(credit.calls).toEqual([[CONFIRM, { returnTo: route.orderDetail(77) }]])
    expect(paths('GET')).toContain('/api/orders/77')
    expect(cashier.calls).toEqual([])
  })

  it('pay now stays the ordinary order (no paymentMode, the cashier, no credit)', async () => {
    const { container } = await ready()
    await screen.findByText('立即支付')
    fireEvent.click(container.querySelector('.submit-order')!)
    await waitFor(() => expect(cashier.calls).toHaveLength(1))
    expect(orderPost()!.data).not.toHaveProperty('paymentMode')
    expect(paths('POST')).not.toContain('/api/orders/77/credit')
  })

  it('a cancelled confirm stays here with a toast; the same order is then paid the ordinary way', async () => {
    credit.result = { status: 'cancelled' }
    const { container } = await ready()
    fireEvent.click(await screen.findByText('先享后付（确认收货后再付款）'))
    fireEvent.click(container.querySelector('.submit-order')!)
    await waitFor(() => expect(toasts).toContain('已取消先享后付，订单已保留，可选择立即支付'))
    expect(navigation.filter((n) => n.url.includes('order-detail'))).toEqual([])
    fireEvent.click(screen.getByText('立即支付'))
    await waitFor(() => expect((container.querySelector('.submit-order') as HTMLButtonElement).disabled).toBe(false))
    fireEvent.click(container.querySelector('.submit-order')!)
    await waitFor(() => expect(cashier.calls).toEqual([{ tradeNO: '2026' }]))
    // One order: the second tap pays the order the first one made.
    expect(requests.filter((r) => r.method === 'POST' && r.url.endsWith('/api/orders'))).toHaveLength(1)
    expect(paths('POST')).toContain('/api/orders/77/pay')
  })

  it('credit saying no stays here and says so', async () => {
    orderAfter = { status: 'created', credit: { state: 'denied', amount: 3980, collectAt: null, charged: 0 } }
    const { container } = await ready()
    fireEvent.click(await screen.findByText('先享后付（确认收货后再付款）'))
    fireEvent.click(container.querySelector('.submit-order')!)
    await waitFor(() => expect(toasts).toContain('信用评估未通过，请选择立即支付'))
    expect(navigation.filter((n) => n.url.includes('order-detail'))).toEqual([])
  })
})
