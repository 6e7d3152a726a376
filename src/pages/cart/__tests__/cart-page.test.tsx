import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { navigation, setRequestHandler, type RequestHandler } from '../../../../test/shims/taro'
import type { LineInput, PricePreview } from '@/domain/contract'
import { route, TAB_PAGES } from '@/routes'
import { useCart } from '@/store/cart'
import { useSession } from '@/store/session'
import CartPage from '../index'

vi.mock('@tarojs/taro', async (importOriginal) => (await import('../../../../test/shims/did-show-on-mount')).withDidShowOnMount(importOriginal))

type Req = Parameters<RequestHandler>[0]
let requests: Req[]

const STOCK: Record<number, number> = { 11: 3, 12: 0 }
const TITLE: Record<number, string> = { 11: '纯棉T恤', 12: '帆布包' }

// Prices with a server-side discount the page could not know: the total must come from here.
function preview(items: LineInput[]): PricePreview {
  const lines = items.map((i) => ({ skuId: i.skuId, productId: i.skuId, title: TITLE[i.skuId], image: '/api/images/x.jpg', specs: { 尺码: 'M' }, unitPrice: 1000, quantity: i.quantity, lineTotal: 1000 * i.quantity, stock: STOCK[i.skuId], discount: 0, payable: 1000 * i.quantity, labels: [] }))
  const subtotal = lines.reduce((n, l) => n + l.lineTotal, 0)
  return { lines, itemCount: lines.reduce((n, l) => n + l.quantity, 0), subtotal, shipping: 0, discount: 123, total: subtotal - 123, freeShippingGap: 0, applied: [], coupons: [], selectedCouponIds: [], nudges: [] }
}

beforeEach(() => {
  requests = []
  useSession.getState().signOut()
  useCart.setState({ lines: [], preview: null, count: 0, guestLines: [], guestDeselected: [], loading: false, error: null })
  setRequestHandler((r) => {
    requests.push(r)
    return { statusCode: 200, data: preview((r.data as { items: LineInput[] }).items) }
  })
})
afterEach(() => vi.restoreAllMocks())

describe('cart page', () => {
  it('shows the guest lines, greys an unavailable one, and totals from the server', async () => {
    useCart.setState({ guestLines: [{ skuId: 11, quantity: 2 }, { skuId: 12, quantity: 1 }] })
    const { container } = render(<CartPage />)
    await waitFor(() => expect(container.querySelectorAll('.cart-line')).toHaveLength(2))
    expect(container.querySelector('.cart-line')!.textContent).toContain('纯棉T恤')
    expect(container.querySelector('.cart-line--unavailable')!.textContent).toContain('帆布包')
    expect(container.querySelector('.cart-line--unavailable')!.textContent).toContain('已售罄')
    // Only the available line is priced for the total: 2 × 10.00 − 1.23 from the server.
    await waitFor(() => expect(container.querySelector('.cart-total')!.textContent).toBe('¥18.77'))
    expect(container.querySelector('.checkout-button')!.textContent).toBe('结算(2)')
  })

  it('asks a guest to log in at checkout and comes back to checkout', async () => {
    useCart.setState({ guestLines: [{ skuId: 11, quantity: 1 }] })
    const { container } = render(<CartPage />)
    await waitFor(() => expect(container.querySelector('.checkout-button')!.textContent).toBe('结算(1)'))
    fireEvent.click(container.querySelector('.checkout-button')!)
    await waitFor(() => expect(navigation).toContainEqual({ method: 'navigateTo', url: route.login(route.checkout({ from: 'cart' })) }))
  })

  it('opens checkout directly when logged in', async () => {
    useSession.getState().signIn({ token: 't', expiresAt: '2099-01-01T00:00:00.000Z', user: { id: 1, nickname: 'n', avatar: null, platform: 'h5' } })
    setRequestHandler(() => ({
      statusCode: 200,
      data: {
        lines: [{ id: 5, skuId: 11, productId: 11, title: '纯棉T恤', image: '/api/images/x.jpg', specs: {}, unitPrice: 1000, quantity: 1, stock: 3, selected: true, available: true }],
        preview: preview([{ skuId: 11, quantity: 1 }]),
        count: 1,
      },
    }))
    const { container } = render(<CartPage />)
    await waitFor(() => expect(container.querySelector('.checkout-button')!.textContent).toBe('结算(1)'))
    fireEvent.click(container.querySelector('.checkout-button')!)
    await waitFor(() => expect(navigation).toContainEqual({ method: 'navigateTo', url: route.checkout({ from: 'cart' }) }))
  })

  it('removes a line after confirming', async () => {
    useCart.setState({ guestLines: [{ skuId: 11, quantity: 1 }] })
    const modal = vi.spyOn(Taro, 'showModal')
    const { container } = render(<CartPage />)
    await waitFor(() => expect(container.querySelectorAll('.cart-line')).toHaveLength(1))
    fireEvent.click(screen.getByText('删除'))
    await waitFor(() => expect(container.querySelectorAll('.cart-line')).toHaveLength(0))
    expect(modal).toHaveBeenCalledOnce()
    expect(useCart.getState().guestLines).toEqual([])
    expect(await screen.findByText('购物车还是空的')).toBeTruthy()
    fireEvent.click(screen.getByText('去逛逛'))
    expect(navigation).toContainEqual({ method: 'switchTab', url: TAB_PAGES.home })
  })

  it('shows an error with a retry when pricing fails and nothing is cached', async () => {
    useCart.setState({ guestLines: [{ skuId: 11, quantity: 1 }] })
    setRequestHandler(() => ({ statusCode: 500, data: { code: 'INTERNAL', message: '服务器开小差了' } }))
    render(<CartPage />)
    expect(await screen.findByText('服务器开小差了')).toBeTruthy()
    expect(screen.getByText('重试')).toBeTruthy()
  })
})
