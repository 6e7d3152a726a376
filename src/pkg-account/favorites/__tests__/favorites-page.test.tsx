import { beforeEach, describe, expect, it, vi } from 'vitest'
import { act, fireEvent, render, screen } from '@testing-library/react'
import { navigation, resetTaroShim, setRequestHandler, toasts } from '../../../../test/shims/taro'
import type { Favorite, ProductSummary } from '@/domain/contract'
import { useSession } from '@/store/session'
import { marksOf } from '../marks'
import FavoritesPage from '../index'

vi.mock('@tarojs/taro', async (importOriginal) => (await import('../../../../test/shims/did-show-on-mount')).withDidShowOnMount(importOriginal))

const product = (id: number, over: Partial<ProductSummary> = {}): ProductSummary =>
  ({ id, title: `商品${id}`, image: `/api/images/${id}.jpg`, price: 9900, stock: 5, sales: 0, categoryId: 1, ...over }) as ProductSummary
const fav = (id: number, over: Partial<Favorite> = {}): Favorite => ({
  productId: id,
  favoritedAt: '2026-11-20T00:00:00.000Z',
  priceWhenFavorited: 9900,
  product: product(id),
  priceDropped: false,
  priceDrop: 0,
  soldOut: false,
  available: true,
  ...over,
})

describe('marksOf', () => {
  it('gone beats sold out beats a drop', () => {
    expect(marksOf(fav(1, { available: false, product: null }))).toEqual([{ kind: 'gone', text: '已下架' }])
    expect(marksOf(fav(1, { soldOut: true, priceDropped: true, priceDrop: 500 })).map((m) => m.text)).toEqual(['已售罄', '比收藏时降 ¥5.00'])
    expect(marksOf(fav(1))).toEqual([])
  })
})

describe('FavoritesPage', () => {
  let list: Favorite[]
  const deleted: number[] = []
  beforeEach(() => {
    resetTaroShim()
    deleted.length = 0
    useSession.getState().signIn({ token: 't', expiresAt: new Date(Date.now() + 3_600_000).toISOString(), user: { id: 1, nickname: '小明', avatar: null, platform: 'h5' } } as never)
    list = [fav(1, { priceDropped: true, priceDrop: 1000 }), fav(2, { soldOut: true }), fav(3, { available: false, product: null })]
    setRequestHandler((r) => {
      if (r.method === 'GET' && r.url.includes('/api/favorites?')) return { statusCode: 200, data: { items: list, total: list.length, page: 1, pageSize: 20 } }
      const m = /\/api\/favorites\/(\d+)$/.exec(r.url)
      if (r.method === 'DELETE' && m) {
        deleted.push(Number(m[1]))
        return { statusCode: 200, data: { productId: Number(m[1]), favorited: false } }
      }
      return { statusCode: 404, data: { code: 'NOT_FOUND', message: 'no' } }
    })
  })

  it('lists the wish list with its marks, opens a product and removes one', async () => {
    render(<FavoritesPage />)
    await act(async () => void (await new Promise((r) => setTimeout(r, 0))))
    expect(await screen.findByText('商品1')).toBeTruthy()
    expect(screen.getByText('比收藏时降 ¥10.00')).toBeTruthy()
    expect(screen.getByText('已售罄')).toBeTruthy()
    expect(screen.getByText('已下架')).toBeTruthy()
    fireEvent.click(screen.getByText('商品2'))
    expect(navigation.at(-1)).toEqual({ method: 'navigateTo', url: '/pkg-shop/product/index?id=2' })
    fireEvent.click(screen.getAllByText('移除')[0])
    await act(async () => void (await new Promise((r) => setTimeout(r, 0))))
    expect(deleted).toEqual([1])
    expect(screen.queryByText('商品1')).toBeNull()
    expect(toasts).toContain('已移除')
  })
})
