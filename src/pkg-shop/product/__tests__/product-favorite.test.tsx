import { beforeEach, describe, expect, it } from 'vitest'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { navigation, resetTaroShim, setRequestHandler, setRouterParams, toasts } from '../../../../test/shims/taro'
import ProductPage from '@/pkg-shop/product'
import type { ProductDetail } from '@/domain/contract'
import { useSession } from '@/store/session'
import { shareOf } from '../share'

const detail = {
  id: 5,
  title: '轻薄羽绒服',
  subtitle: '',
  categoryId: 1,
  price: 29900,
  originalPrice: null,
  image: '/api/images/down-1.jpg',
  images: ['/api/images/down-1.jpg'],
  sales: 1,
  stock: 6,
  description: '',
  specGroups: [],
  skus: [{ id: 51, specs: {}, price: 29900, stock: 6, image: null }],
} as unknown as ProductDetail

let favorited: number[]
const writes: string[] = []

beforeEach(() => {
  resetTaroShim()
  useSession.getState().signOut()
  favorited = []
  writes.length = 0
  setRequestHandler(({ url, method }) => {
    if (url.endsWith('/api/products/5')) return { statusCode: 200, data: detail }
    if (url.includes('/api/favorites/check')) return { statusCode: 200, data: { favorited } }
    const m = /\/api\/favorites\/(\d+)$/.exec(url)
    if (m && (method === 'PUT' || method === 'DELETE')) {
      writes.push(`${method} ${m[1]}`)
      return { statusCode: 200, data: { productId: Number(m[1]), favorited: method === 'PUT' } }
    }
    return { statusCode: 404, data: { code: 'NOT_FOUND', message: 'no' } }
  })
  setRouterParams({ id: '5' })
})

describe('product favorite heart', () => {
  it('sends a guest to log in and back to this product', async () => {
    render(<ProductPage />)
    fireEvent.click(await screen.findByText('收藏'))
    expect(navigation.at(-1)?.method).toBe('redirectTo')
    expect(decodeURIComponent(navigation.at(-1)!.url)).toBe('/pkg-account/login/index?back=/pkg-shop/product/index?id=5')
    expect(writes).toEqual([])
  })

  it('shows the saved state for a shopper and toggles it on the server', async () => {
    useSession.getState().signIn({ token: 't', expiresAt: new Date(Date.now() + 3_600_000).toISOString(), user: { id: 1, nickname: 'a', avatar: null, platform: 'h5' } } as never)
    favorited = [5]
    render(<ProductPage />)
    fireEvent.click(await screen.findByText('已收藏'))
    await waitFor(() => expect(writes).toEqual(['DELETE 5']))
    fireEvent.click(await screen.findByText('收藏'))
    await waitFor(() => expect(writes).toEqual(['DELETE 5', 'PUT 5']))
    expect(toasts).toContain('已收藏')
    expect(screen.getByText('已收藏')).toBeTruthy()
  })
})

describe('shareOf', () => {
  it('carries the product id in the path and the query', () => {
    expect(shareOf(5, '轻薄羽绒服', 'https://x/api/images/a.jpg')).toEqual({ title: '轻薄羽绒服', path: '/pkg-shop/product/index?id=5', query: 'id=5', imageUrl: 'https://x/api/images/a.jpg' })
    expect(shareOf(5, undefined, undefined).title).toBe('Duet 商城')
  })
})

describe('a late check', () => {
  it('does not undo a tap made before it answered', async () => {
    useSession.getState().signIn({ token: 't', expiresAt: new Date(Date.now() + 3_600_000).toISOString(), user: { id: 1, nickname: 'a', avatar: null, platform: 'h5' } } as never)
    let answerCheck: (v: { statusCode: number; data: unknown }) => void = () => undefined
    setRequestHandler(({ url, method }) => {
      if (url.endsWith('/api/products/5')) return { statusCode: 200, data: detail }
      if (url.includes('/api/favorites/check')) return new Promise((resolve) => (answerCheck = resolve))
      if (method === 'PUT') return { statusCode: 200, data: { productId: 5, favorited: true } }
      return { statusCode: 404, data: { code: 'NOT_FOUND', message: 'no' } }
    })
    render(<ProductPage />)
    fireEvent.click(await screen.findByText('收藏'))
    await screen.findByText('已收藏')
    answerCheck({ statusCode: 200, data: { favorited: [] } })
    await new Promise((r) => setTimeout(r, 20))
    expect(screen.getByText('已收藏')).toBeTruthy()
  })
})
