import { describe, expect, it } from 'vitest'
import { setRequestHandler } from '../../../test/shims/taro'
import { API_BASE } from '@/services/http'
import { getProduct, listBanners, listCategories, listProducts } from '@/services/catalog'

type Seen = { url: string; method?: string; header?: Record<string, string> }

function answer(data: unknown, statusCode = 200) {
  const seen: Seen[] = []
  setRequestHandler((o) => {
    seen.push(o)
    return { statusCode, data }
  })
  return seen
}

const summary = { id: 1, title: '纯棉T恤', subtitle: '', categoryId: 2, price: 5900, originalPrice: 7900, image: '/api/images/tee-1.jpg', sales: 10, stock: 3 }

describe('catalog service', () => {
  it('lists products with the query in the URL and absolute image URLs', async () => {
    const seen = answer({ items: [summary], total: 1, page: 2, pageSize: 10 })
    const res = await listProducts({ page: 2, pageSize: 10, q: '衬衫 白', categoryId: 3, sort: 'price_asc' })
    const url = new URL(seen[0].url, 'http://x')
    expect(url.pathname).toBe('/api/products')
    expect(Object.fromEntries(url.searchParams)).toEqual({ page: '2', pageSize: '10', q: '衬衫 白', categoryId: '3', sort: 'price_asc' })
    expect(seen[0].method).toBe('GET')
    expect(res.items[0].image).toBe(`${API_BASE}/api/images/tee-1.jpg`)
    expect(res.total).toBe(1)
  })

  it('leaves out query fields that are not set', async () => {
    const seen = answer({ items: [], total: 0, page: 1, pageSize: 20 })
    await listProducts({ page: 1 })
    expect(seen[0].url).toBe(`${API_BASE}/api/products?page=1`)
  })

  it('reshapes every image of a product detail, including SKU images, and keeps missing ones null', async () => {
    const seen = answer({
      ...summary,
      images: ['/api/images/a.jpg', 'https://cdn.example.com/b.jpg'],
      description: 'd',
      specGroups: [{ name: '尺码', values: ['M', 'L'] }],
      skus: [
        { id: 11, specs: { 尺码: 'M' }, price: 5900, stock: 1, image: '/api/images/m.jpg' },
        { id: 12, specs: { 尺码: 'L' }, price: 5900, stock: 0, image: null },
      ],
    })
    const p = await getProduct(1)
    expect(seen[0].url).toBe(`${API_BASE}/api/products/1`)
    expect(p.images).toEqual([`${API_BASE}/api/images/a.jpg`, 'https://cdn.example.com/b.jpg'])
    expect(p.skus.map((s) => s.image)).toEqual([`${API_BASE}/api/images/m.jpg`, null])
    expect(p.image).toBe(`${API_BASE}/api/images/tee-1.jpg`)
  })

  it('reshapes banner and category images', async () => {
    answer({ items: [{ id: 1, title: '上新', image: '/api/images/b1.jpg', productId: 4 }] })
    expect((await listBanners())[0].image).toBe(`${API_BASE}/api/images/b1.jpg`)
    answer({ items: [{ id: 2, name: '女装', icon: '/api/images/c.png' }] })
    expect((await listCategories())[0]).toEqual({ id: 2, name: '女装', icon: `${API_BASE}/api/images/c.png` })
  })

  it('turns a 404 into an ApiError with the server message', async () => {
    answer({ code: 'NOT_FOUND', message: '商品不存在' }, 404)
    await expect(getProduct(999)).rejects.toMatchObject({ status: 404, code: 'NOT_FOUND', message: '商品不存在' })
  })
})
