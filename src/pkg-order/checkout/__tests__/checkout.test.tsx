import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { navigation, setRequestHandler, setRouterParams, type RequestHandler } from '../../../../test/shims/taro'
import type { Address, LineInput, PricePreview } from '@/domain/contract'
import type { PayResult, PaymentParams } from '@/platform/payment/types'
import { route } from '@/routes'
import { pickAddress } from '@/services/addresses'
import { useSession } from '@/store/session'
import CheckoutPage from '../index'
import { parseCheckoutSource } from '../checkout-items'
import { newIdempotencyKey } from '@/lib/idempotency-key'

// The page loads on show; the shim's useDidShow does nothing, so here it runs once on mount.
vi.mock('@tarojs/taro', async (importOriginal) => (await import('../../../../test/shims/did-show-on-mount')).withDidShowOnMount(importOriginal))
// The platform's cashier, scripted per test.
const cashier = vi.hoisted(() => ({ result: { status: 'submitted' } as PayResult, calls: [] as unknown[] }))
vi.mock('@/platform/payment', () => ({
  paymentAdapter: {
    platform: 'weapp',
    pay: async (p: PaymentParams) => {
      cashier.calls.push(p)
      return cashier.result
    },
  },
}))
const PAY_PARAMS = { timeStamp: '1700000000', nonceStr: 'n', package: 'prepay_id=wx1', signType: 'RSA', paySign: 's' }

type Req = Parameters<RequestHandler>[0]
let requests: Req[]

const HOME: Address = { id: 3, name: '张三', phone: '13800138000', region: ['浙江省', '杭州市', '西湖区'], detail: '西溪路 556 号', isDefault: true }
const WORK: Address = { id: 4, name: '张三', phone: '13800138000', region: ['上海市', '上海市', '浦东新区'], detail: '世纪大道 100 号', isDefault: false }

function preview(items: LineInput[]): PricePreview {
  const lines = items.map((i) => ({ skuId: i.skuId, productId: 1, title: '纯棉T恤', image: 'http://x/a.jpg', specs: { 颜色: '白' }, unitPrice: 1990, quantity: i.quantity, lineTotal: 1990 * i.quantity, stock: 9, discount: 0, payable: 1990 * i.quantity, labels: [] }))
  const subtotal = lines.reduce((n, l) => n + l.lineTotal, 0)
  return { lines, itemCount: 2, subtotal, shipping: 800, discount: 500, total: subtotal + 300, freeShippingGap: 0, applied: [], coupons: [], selectedCouponIds: [], nudges: [] }
}

type OrderAnswer = { statusCode: number; data: unknown } | 'network'
function server(orderAnswers: OrderAnswer[], payAnswer: { statusCode: number; data: unknown } = { statusCode: 200, data: PAY_PARAMS }) {
  setRequestHandler(async (r) => {
    requests.push(r)
    const path = r.url.replace(/^https?:\/\/[^/]+/, '')
    if (r.method === 'GET' && path === '/api/addresses') return { statusCode: 200, data: { items: [WORK, HOME] } }
    if (r.method === 'POST' && path === '/api/orders/preview') return { statusCode: 200, data: preview((r.data as { items: LineInput[] }).items) }
    if (r.method === 'POST' && path === '/api/orders') {
      await new Promise((res) => setTimeout(res, 20))
      const next = orderAnswers.shift() ?? { statusCode: 201, data: { id: 77, items: [] } }
      if (next === 'network') throw new Error('request:fail')
      return next
    }
    if (r.method === 'POST' && path === '/api/orders/77/pay') return payAnswer
    return { statusCode: 404, data: { code: 'NOT_FOUND', message: path } }
  })
}

const orderPosts = () => requests.filter((r) => r.method === 'POST' && /\/api\/orders$/.test(r.url))

beforeEach(() => {
  requests = []
  cashier.calls.length = 0
  cashier.result = { status: 'submitted' }
  setRouterParams({ skuId: '11', quantity: '2' })
})
afterEach(() => vi.restoreAllMocks())

function login() {
  useSession.getState().signIn({ token: 't', expiresAt: '2099-01-01T00:00:00.000Z', user: { id: 1, nickname: 'n', avatar: null, platform: 'h5' } })
}

describe('checkout page', () => {
  it('sends a guest to login and back here', () => {
    useSession.getState().signOut()
    server([])
    render(<CheckoutPage />)
    expect(navigation).toEqual([{ method: 'redirectTo', url: route.login(route.checkout({ skuId: 11, quantity: 2 })) }])
  })

  it('shows the default address and the server breakdown, and a double tap makes one order', async () => {
    login()
    server([])
    const { container } = render(<CheckoutPage />)
    await screen.findByText('西溪路 556 号', { exact: false })
    const previewReq = requests.find((r) => r.url.endsWith('/api/orders/preview'))!
    expect(previewReq.data).toEqual({ items: [{ skuId: 11, quantity: 2 }], addressId: 3 })
    expect(screen.getByText('¥39.80')).toBeTruthy()
    expect(screen.getByText('¥8.00')).toBeTruthy()
    expect(screen.getByText('-¥5.00')).toBeTruthy()
    const button = container.querySelector('.submit-order')!
    fireEvent.click(button)
    fireEvent.click(button)
    await waitFor(() => expect(navigation).toContainEqual({ method: 'redirectTo', url: route.payResult(77, 'confirming') }))
    expect(orderPosts()).toHaveLength(1)
    expect(cashier.calls).toEqual([PAY_PARAMS])
    expect(orderPosts()[0].data).toMatchObject({ items: [{ skuId: 11, quantity: 2 }], addressId: 3, fromCart: false })
  })

  it('uses the address picked on the address page', async () => {
    login()
    server([])
    pickAddress(4)
    render(<CheckoutPage />)
    await screen.findByText('世纪大道 100 号', { exact: false })
    expect(requests.find((r) => r.url.endsWith('/api/orders/preview'))!.data).toMatchObject({ addressId: 4 })
  })

  it('shows SOLD_OUT clearly, lets the shopper try again with a new key', async () => {
    login()
    server([{ statusCode: 409, data: { code: 'SOLD_OUT', message: '纯棉T恤 库存不足' } }])
    const { container } = render(<CheckoutPage />)
    await screen.findByText('西溪路 556 号', { exact: false })
    fireEvent.click(container.querySelector('.submit-order')!)
    expect(await screen.findByText('纯棉T恤 库存不足')).toBeTruthy()
    await waitFor(() => expect((container.querySelector('.submit-order') as HTMLButtonElement).disabled).toBe(false))
    fireEvent.click(container.querySelector('.submit-order')!)
    await waitFor(() => expect(orderPosts()).toHaveLength(2))
    const [a, b] = orderPosts().map((r) => (r.data as { idempotencyKey: string }).idempotencyKey)
    expect(a).not.toBe(b)
    // The second try went through: it pays, and lands on the result page.
    await waitFor(() => expect(navigation).toEqual([{ method: 'redirectTo', url: route.payResult(77, 'confirming') }]))
  })

  it('keeps the key after a lost answer, so the retry cannot order twice', async () => {
    login()
    server(['network'])
    const { container } = render(<CheckoutPage />)
    await screen.findByText('西溪路 556 号', { exact: false })
    fireEvent.click(container.querySelector('.submit-order')!)
    expect(await screen.findByText('网络不给力，请稍后重试')).toBeTruthy()
    fireEvent.click(container.querySelector('.submit-order')!)
    await waitFor(() => expect(navigation).toContainEqual({ method: 'redirectTo', url: route.payResult(77, 'confirming') }))
    const [a, b] = orderPosts().map((r) => (r.data as { idempotencyKey: string }).idempotencyKey)
    expect(a).toBe(b)
  })
})

describe('checkout pays in the same tap', () => {
  const payPosts = () => requests.filter((r) => r.method === 'POST' && r.url.endsWith('/api/orders/77/pay'))

  it('the order is placed, then the cashier opens with the server params; the shopper waits on the result page', async () => {
    login()
    server([])
    const { container } = render(<CheckoutPage />)
    await screen.findByText('西溪路 556 号', { exact: false })
    fireEvent.click(container.querySelector('.submit-order')!)
    await waitFor(() => expect(navigation).toEqual([{ method: 'redirectTo', url: route.payResult(77, 'confirming') }]))
    // Order first, then pay: the pay request follows the order's answer.
    expect(requests.findIndex((r) => r.url.endsWith('/api/orders/77/pay'))).toBeGreaterThan(requests.findIndex((r) => /\/api\/orders$/.test(r.url)))
    expect(payPosts()).toHaveLength(1)
    expect(cashier.calls).toEqual([PAY_PARAMS])
  })

  it('a cancel at the cashier lands on the cancelled result (the order waits to be paid)', async () => {
    login()
    server([])
    cashier.result = { status: 'cancelled' }
    const { container } = render(<CheckoutPage />)
    await screen.findByText('西溪路 556 号', { exact: false })
    fireEvent.click(container.querySelector('.submit-order')!)
    await waitFor(() => expect(navigation).toEqual([{ method: 'redirectTo', url: route.payResult(77, 'cancelled') }]))
  })

  it('a failure says why on the result page; a refused POST pay never opens the cashier', async () => {
    login()
    server([], { statusCode: 409, data: { code: 'INVALID_STATE', message: '订单当前状态不能付款' } })
    const { container } = render(<CheckoutPage />)
    await screen.findByText('西溪路 556 号', { exact: false })
    fireEvent.click(container.querySelector('.submit-order')!)
    await waitFor(() => expect(navigation).toEqual([{ method: 'redirectTo', url: route.payResult(77, 'failed', '订单当前状态不能付款') }]))
    expect(cashier.calls).toEqual([])
    // Not an order failure: no error under the button, and no second order.
    expect(container.querySelector('.checkout-error')).toBeNull()
    expect(orderPosts()).toHaveLength(1)
  })

  it('the H5 cashier is a page of its own: no result page from here', async () => {
    login()
    server([])
    cashier.result = { status: 'redirected' }
    const { container } = render(<CheckoutPage />)
    await screen.findByText('西溪路 556 号', { exact: false })
    fireEvent.click(container.querySelector('.submit-order')!)
    await waitFor(() => expect(payPosts()).toHaveLength(1))
    await new Promise((r) => setTimeout(r, 20))
    expect(navigation).toEqual([])
  })
})

describe('checkout helpers', () => {
  it('parses the two entry points and refuses nonsense', () => {
    expect(parseCheckoutSource({ from: 'cart' })).toEqual({ from: 'cart' })
    expect(parseCheckoutSource({ skuId: '5', quantity: '3' })).toEqual({ skuId: 5, quantity: 3 })
    expect(parseCheckoutSource({ skuId: 'x' })).toBeNull()
    expect(parseCheckoutSource({ skuId: '5', quantity: '0' })).toBeNull()
  })

  it('makes distinct keys within the server limit', () => {
    const keys = new Set(Array.from({ length: 200 }, () => newIdempotencyKey()))
    expect(keys.size).toBe(200)
    for (const k of keys) expect(k.length).toBeLessThanOrEqual(64)
  })
})
