import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import Taro from '@tarojs/taro'
import { setRequestHandler, type RequestHandler } from '../../../test/shims/taro'
import type { Cart, CartLine, LineInput, PricePreview } from '@/domain/contract'
import { createCartStore } from '../cart'
import { useSession } from '../session'

afterEach(() => vi.restoreAllMocks())

type Req = Parameters<RequestHandler>[0]

const SKUS: Record<number, { price: number; stock: number; title: string }> = {
  11: { price: 1990, stock: 5, title: '纯棉T恤' },
  12: { price: 5000, stock: 0, title: '帆布包' },
  13: { price: 300, stock: 100, title: '贴纸' },
}

// A tiny fake of the server's pricing: sums only what it is asked, like the real endpoint.
function preview(items: LineInput[]): PricePreview {
  const lines = items.map((i) => ({
    skuId: i.skuId,
    productId: i.skuId * 10,
    title: SKUS[i.skuId].title,
    image: `/api/images/${i.skuId}.jpg`,
    specs: {},
    unitPrice: SKUS[i.skuId].price,
    quantity: i.quantity,
    lineTotal: SKUS[i.skuId].price * i.quantity,
    stock: SKUS[i.skuId].stock,
    discount: 0,
    payable: SKUS[i.skuId].price * i.quantity,
    labels: [],
  }))
  const subtotal = lines.reduce((n, l) => n + l.lineTotal, 0)
  return { lines, itemCount: lines.reduce((n, l) => n + l.quantity, 0), subtotal, shipping: 0, discount: 0, total: subtotal, freeShippingGap: 0, applied: [], coupons: [], selectedCouponIds: [], nudges: [] }
}

function serverCart(lines: Array<{ id: number; skuId: number; quantity: number; selected?: boolean }>): Cart {
  const full: CartLine[] = lines.map((l) => ({
    id: l.id,
    skuId: l.skuId,
    productId: l.skuId * 10,
    title: SKUS[l.skuId].title,
    image: `/api/images/${l.skuId}.jpg`,
    specs: {},
    unitPrice: SKUS[l.skuId].price,
    quantity: l.quantity,
    stock: SKUS[l.skuId].stock,
    selected: l.selected ?? true,
    available: SKUS[l.skuId].stock > 0,
  }))
  return { lines: full, preview: preview(full.filter((l) => l.selected && l.available)), count: full.reduce((n, l) => n + l.quantity, 0) }
}

let requests: Req[]
function answer(fn: (r: Req) => unknown, status = 200) {
  setRequestHandler((r) => {
    requests.push(r)
    return { statusCode: status, data: fn(r) }
  })
}

function login() {
  useSession.getState().signIn({ token: 'tok-1', expiresAt: new Date(Date.now() + 3600_000).toISOString(), user: { id: 1, nickname: '小明', avatar: null, platform: 'h5' } })
}

beforeEach(() => {
  requests = []
  useSession.getState().signOut()
})

describe('guest cart', () => {
  it('keeps lines locally and prices them with the server preview', async () => {
    answer((r) => preview((r.data as { items: LineInput[] }).items))
    const cart = createCartStore()
    await cart.getState().add(11, 2)
    await cart.getState().add(11, 1)
    const s = cart.getState()
    expect(s.guestLines).toEqual([{ skuId: 11, quantity: 3 }])
    expect(s.count).toBe(3)
    expect(s.preview?.total).toBe(5970)
    expect(s.lines[0]).toMatchObject({ id: 11, title: '纯棉T恤', selected: true, available: true })
    expect(s.lines[0].image).toMatch(/^http:\/\/127\.0\.0\.1:3000\/api\/images\/11\.jpg$/)
    expect(requests.every((r) => r.url.endsWith('/api/pricing/preview'))).toBe(true)
    expect(requests.every((r) => !r.header?.authorization)).toBe(true)
  })

  it('refuses more than the stock and keeps the cart as it was', async () => {
    answer((r) => preview((r.data as { items: LineInput[] }).items))
    const cart = createCartStore()
    await cart.getState().add(11, 4)
    await expect(cart.getState().add(11, 2)).rejects.toThrow('库存不足，最多可买 5 件')
    expect(cart.getState().guestLines).toEqual([{ skuId: 11, quantity: 4 }])
  })

  it('totals only the ticked lines, priced by the server', async () => {
    answer((r) => preview((r.data as { items: LineInput[] }).items))
    const cart = createCartStore()
    await cart.getState().add(11, 1)
    await cart.getState().add(13, 2)
    await cart.getState().toggle(11)
    expect(cart.getState().preview?.total).toBe(600)
    const last = requests.at(-1)!
    expect((last.data as { items: LineInput[] }).items).toEqual([{ skuId: 13, quantity: 2 }])
    await cart.getState().toggleAll(false)
    expect(cart.getState().preview).toBeNull()
    await cart.getState().remove(13)
    expect(cart.getState().lines.map((l) => l.skuId)).toEqual([11])
    expect(cart.getState().count).toBe(1)
  })
})

describe('logged-in cart', () => {
  it('adds, changes, ticks and removes through the cart API with the token', async () => {
    login()
    let lines = [{ id: 7, skuId: 11, quantity: 1, selected: true }]
    answer((r) => {
      const url = r.url.replace(/^https?:\/\/[^/]+/, '')
      if (r.method === 'POST' && url === '/api/cart/lines') lines = [...lines, { id: 8, skuId: 13, quantity: (r.data as LineInput).quantity, selected: true }]
      if (r.method === 'PATCH' && url === '/api/cart/lines/8') lines = lines.map((l) => (l.id === 8 ? { ...l, ...(r.data as object) } : l))
      if (r.method === 'DELETE' && url === '/api/cart/lines/7') lines = lines.filter((l) => l.id !== 7)
      return serverCart(lines)
    })
    const cart = createCartStore()
    await cart.getState().add(13, 2)
    expect(requests[0]).toMatchObject({ method: 'POST', data: { skuId: 13, quantity: 2 } })
    expect(requests[0].header?.authorization).toBe('Bearer tok-1')
    expect(cart.getState().count).toBe(3)
    await cart.getState().setQuantity(8, 4)
    expect(requests.at(-1)).toMatchObject({ method: 'PATCH', data: { quantity: 4 } })
    await cart.getState().toggle(8)
    expect(requests.at(-1)).toMatchObject({ method: 'PATCH', data: { selected: false } })
    expect(cart.getState().preview?.total).toBe(1990)
    await cart.getState().remove(7)
    expect(cart.getState().lines.map((l) => l.id)).toEqual([8])
    expect(cart.getState().guestLines).toEqual([])
  })

  it('lets only the newest answer land when two changes race', async () => {
    login()
    const pending: Array<() => void> = []
    setRequestHandler(
      (r) =>
        new Promise((resolve) => {
          const q = (r.data as { quantity: number }).quantity
          pending.push(() => resolve({ statusCode: 200, data: serverCart([{ id: 7, skuId: 13, quantity: q }]) }))
        }),
    )
    const cart = createCartStore()
    const first = cart.getState().setQuantity(7, 2)
    const second = cart.getState().setQuantity(7, 3)
    pending[1]() // the newer answer arrives first
    await second
    pending[0]() // the older one arrives late and must not undo it
    await first
    expect(cart.getState().count).toBe(3)
    expect(cart.getState().loading).toBe(false)
  })

  it('keeps the error for the page and rethrows it', async () => {
    login()
    answer(() => ({ code: 'SOLD_OUT', message: '该规格已售罄' }), 409)
    const cart = createCartStore()
    await expect(cart.getState().add(12, 1)).rejects.toThrow('该规格已售罄')
    expect(cart.getState().error).toBe('该规格已售罄')
    expect(cart.getState().loading).toBe(false)
  })

  it('merges the guest lines at login, then forgets them', async () => {
    answer((r) => preview((r.data as { items: LineInput[] }).items))
    const cart = createCartStore()
    await cart.getState().add(11, 2)
    login()
    requests = []
    answer((r) => serverCart((r.data as { items: LineInput[] }).items.map((i, n) => ({ id: 100 + n, ...i }))))
    await cart.getState().mergeGuestCart()
    expect(requests).toHaveLength(1)
    expect(requests[0]).toMatchObject({ method: 'POST', data: { items: [{ skuId: 11, quantity: 2 }] } })
    expect(requests[0].url).toMatch(/\/api\/cart\/merge$/)
    expect(cart.getState().guestLines).toEqual([])
    expect(cart.getState().lines[0].id).toBe(100)
  })

  it('keeps the guest lines when the merge fails', async () => {
    answer((r) => preview((r.data as { items: LineInput[] }).items))
    const cart = createCartStore()
    await cart.getState().add(13, 1)
    login()
    answer(() => ({ code: 'INTERNAL', message: '服务器开小差了' }), 500)
    await expect(cart.getState().mergeGuestCart()).rejects.toThrow()
    expect(cart.getState().guestLines).toEqual([{ skuId: 13, quantity: 1 }])
  })
})

describe('persistence and badge', () => {
  it('survives a re-created store (an app restart)', async () => {
    answer((r) => preview((r.data as { items: LineInput[] }).items))
    const first = createCartStore()
    await first.getState().add(13, 3)
    const second = createCartStore()
    expect(second.getState().guestLines).toEqual([{ skuId: 13, quantity: 3 }])
    expect(second.getState().count).toBe(3)
    expect(second.getState().loading).toBe(false)
  })

  it('sets the tab bar badge from the count and removes it at zero', async () => {
    const set = vi.spyOn(Taro, 'setTabBarBadge')
    const remove = vi.spyOn(Taro, 'removeTabBarBadge')
    const { useCart } = await import('../cart')
    answer((r) => preview((r.data as { items: LineInput[] }).items))
    await useCart.getState().add(13, 2)
    expect(set).toHaveBeenLastCalledWith({ index: 2, text: '2' })
    await useCart.getState().remove(13)
    expect(remove).toHaveBeenLastCalledWith({ index: 2 })
  })

  it('ignores a badge failure when no tab page is showing', async () => {
    vi.spyOn(Taro, 'setTabBarBadge').mockRejectedValue(new Error('setTabBarBadge:fail not TabBar page'))
    const { syncCartBadge } = await import('../cart')
    expect(() => syncCartBadge(5)).not.toThrow()
  })
})
