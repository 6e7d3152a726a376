import type { ProductDetail } from '../../src/domain/contract'

/** Product 7, a one-SKU T-shirt (SKU 70) at 99.00, as GET /api/products/7 answers it to the bundle tests' fake API; tests override what they look at. */
export function teeProduct(over: Partial<ProductDetail> = {}): ProductDetail {
  return {
    id: 7,
    title: '纯棉T恤',
    subtitle: '',
    categoryId: 1,
    price: 9900,
    originalPrice: null,
    image: '/api/images/tee.jpg',
    sales: 3,
    stock: 50,
    offer: null,
    images: ['/api/images/tee.jpg'],
    description: '好穿',
    specGroups: [],
    skus: [{ id: 70, specs: {}, price: 9900, stock: 50, image: null }],
    ...over,
  }
}
