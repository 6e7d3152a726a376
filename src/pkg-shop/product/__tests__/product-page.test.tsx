import { beforeEach, describe, expect, it } from 'vitest'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { navigation, setRequestHandler, setRouterParams, toasts } from '../../../../test/shims/taro'
import ProductPage from '@/pkg-shop/product'
import { useCart } from '@/store/cart'
import type { PricePreview, ProductDetail } from '@/domain/contract'

const detail: ProductDetail = {
  id: 5,
  title: '轻薄羽绒服',
  subtitle: '90%白鸭绒',
  categoryId: 1,
  price: 29900,
  originalPrice: 39900,
  image: '/api/images/down-1.jpg',
  images: ['/api/images/down-1.jpg', '/api/images/down-2.jpg'],
  sales: 88,
  stock: 6,
  offer: null,
  description: '轻、暖、好收纳',
  specGroups: [{ name: '颜色', values: ['黑色', '米白'] }],
  skus: [
    { id: 51, specs: { 颜色: '黑色' }, price: 29900, stock: 6, image: null },
    { id: 52, specs: { 颜色: '米白' }, price: 31900, stock: 0, image: null },
  ],
}

function preview(items: { skuId: number; quantity: number }[]): PricePreview {
  const lines = items.map((i) => ({ skuId: i.skuId, productId: 5, title: detail.title, image: detail.image, specs: { 颜色: '黑色' }, unitPrice: 29900, quantity: i.quantity, lineTotal: 29900 * i.quantity, stock: 6, discount: 0, payable: 29900 * i.quantity, labels: [] }))
  const subtotal = lines.reduce((n, l) => n + l.lineTotal, 0)
  return { lines, itemCount: lines.length, subtotal, shipping: 0, discount: 0, total: subtotal, freeShippingGap: 0, applied: [], coupons: [], selectedCouponIds: [], nudges: [] }
}

beforeEach(() => {
  useCart.setState({ lines: [], preview: null, count: 0, guestLines: [], guestDeselected: [] })
  setRequestHandler(({ url, method, data }) => {
    if (url.endsWith('/api/products/5')) return { statusCode: 200, data: detail }
    if (url.endsWith('/api/pricing/preview') && method === 'POST') return { statusCode: 200, data: preview((data as { items: { skuId: number; quantity: number }[] }).items) }
    return { statusCode: 404, data: { code: 'NOT_FOUND', message: '商品不存在' } }
  })
})

const sheetValue = (text: string) => screen.getAllByText(text).find((el) => el.classList.contains('sku-value'))!

describe('product page', () => {
  it('shows the product, then adds the chosen SKU to the cart through the sheet', async () => {
    setRouterParams({ id: '5' })
    const { container } = render(<ProductPage />)
    await screen.findByText('轻薄羽绒服')
    expect(container.textContent).toContain('¥399.00') // crossed-out original
    expect(container.textContent).toContain('库存紧张，仅剩 6 件')
    expect(sheetValue('米白').getAttribute('aria-disabled')).toBe('true')

    fireEvent.click(container.querySelector('.add-to-cart')!)
    fireEvent.click(sheetValue('黑色'))
    fireEvent.click(screen.getByLabelText('增加'))
    fireEvent.click(container.querySelector('.sku-confirm')!)

    await waitFor(() => expect(toasts).toContain('已加入购物车'))
    expect(useCart.getState().guestLines).toEqual([{ skuId: 51, quantity: 2 }])
    expect(container.querySelector('.product-bar__badge')?.textContent).toBe('2')
    expect(container.textContent).toContain('已选 黑色 ×2')
  })

  it('buy now goes to checkout with the SKU and quantity', async () => {
    setRouterParams({ id: '5' })
    const { container } = render(<ProductPage />)
    await screen.findByText('轻薄羽绒服')
    fireEvent.click(container.querySelector('.buy-now')!)
    fireEvent.click(sheetValue('黑色'))
    fireEvent.click(container.querySelector('.sku-confirm')!)
    await waitFor(() => expect(navigation).toContainEqual({ method: 'navigateTo', url: '/pkg-order/checkout/index?skuId=51&quantity=1' }))
  })

  it('shows a not-found state with a way home for an unknown or malformed id', async () => {
    setRouterParams({ id: '404' })
    const first = render(<ProductPage />)
    await screen.findByText('商品不存在或已下架')
    fireEvent.click(screen.getByText('回到首页'))
    expect(navigation).toContainEqual({ method: 'switchTab', url: '/pages/index/index' })
    first.unmount()
    setRouterParams({ id: 'abc' })
    render(<ProductPage />)
    await screen.findByText('商品不存在或已下架')
  })
})
