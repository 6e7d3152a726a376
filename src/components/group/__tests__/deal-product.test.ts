import { describe, expect, it } from 'vitest'
import type { ProductDetail } from '@/domain/contract'
import { dealProduct } from '../deal-product'

const product: ProductDetail = {
  id: 1,
  title: '纯棉T恤',
  subtitle: '',
  categoryId: 1,
  price: 1990,
  originalPrice: null,
  image: '/a.jpg',
  images: [],
  sales: 0,
  stock: 30,
  description: '',
  specGroups: [{ name: '颜色', values: ['白', '黑', '灰'] }],
  skus: [
    { id: 1, specs: { 颜色: '白' }, price: 1990, stock: 10, image: null },
    { id: 2, specs: { 颜色: '黑' }, price: 2190, stock: 2, image: null },
    { id: 3, specs: { 颜色: '灰' }, price: 1990, stock: 18, image: null },
  ],
  offer: { price: 1500, memberPrice: null, labels: ['限时'], limited: null } as unknown as ProductDetail['offer'],
}

describe('dealProduct', () => {
  const sold = dealProduct(product, {
    price: 990,
    skus: [
      { skuId: 1, price: 990, stockLeft: 5 },
      { skuId: 2, price: 1190, stockLeft: 9 },
    ],
  })

  it('keeps only the deal’s SKUs, at their group price', () => {
    expect(sold.skus.map((s) => [s.id, s.price])).toEqual([
      [1, 990],
      [2, 1190],
    ])
  })

  it('the lower of the deal’s and the SKU’s stock counts', () => {
    expect(sold.skus.map((s) => s.stock)).toEqual([5, 2])
    expect(sold.stock).toBe(7)
  })

  it('shows the group price with the regular one crossed out, and no other offer', () => {
    expect(sold).toMatchObject({ price: 990, originalPrice: 1990, offer: null })
  })
})
