import { beforeEach, describe, expect, it } from 'vitest'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { navigation, setRequestHandler, setRouterParams } from '../../../../test/shims/taro'
import ProductPage from '@/pkg-shop/product'
import type { ProductDetail, ProductOffer } from '@/domain/contract'
import { PAGES } from '@/routes'

const offer = (endsAt: number): ProductOffer => ({
  price: 19900,
  memberPrice: 18900,
  labels: ['限时特惠', '满199减20', '会员价'],
  limited: { promotionId: 3, name: '双11 限时特惠', endsAt, perUserLimit: 2, skus: [{ skuId: 51, price: 19900, stockLeft: 7 }, { skuId: 52, price: 21900, stockLeft: 5 }] },
})

const base: ProductDetail = {
  id: 5,
  title: '轻薄羽绒服',
  subtitle: '',
  categoryId: 1,
  price: 29900,
  originalPrice: 39900,
  image: '/api/images/down-1.jpg',
  images: ['/api/images/down-1.jpg'],
  sales: 88,
  stock: 6,
  offer: null,
  description: '',
  specGroups: [{ name: '颜色', values: ['黑色', '米白'] }],
  skus: [
    { id: 51, specs: { 颜色: '黑色' }, price: 29900, stock: 6, image: null },
    { id: 52, specs: { 颜色: '米白' }, price: 31900, stock: 3, image: null },
  ],
}

let answers: ProductDetail[]
let productGets: number

beforeEach(() => {
  productGets = 0
  setRouterParams({ id: '5' })
  setRequestHandler(({ url }) => {
    if (url.endsWith('/api/products/5')) {
      productGets++
      return { statusCode: 200, data: answers.length > 1 ? answers.shift()! : answers[0] }
    }
    return { statusCode: 404, data: { code: 'NOT_FOUND', message: url } }
  })
})

const sheetValue = (text: string) => screen.getAllByText(text).find((el) => el.classList.contains('sku-value'))!

describe('product page promotions', () => {
  it('shows the offer price over the crossed regular price, the countdown, limit, offer stock, member price and labels', async () => {
    answers = [{ ...base, offer: offer(Date.now() + ((2 * 24 + 3) * 3600 + 12 * 60 + 45) * 1000) }]
    const { container } = render(<ProductPage />)
    await screen.findByText('轻薄羽绒服')
    const band = container.querySelector('.product-offer')!
    expect(band.querySelector('.price-tag')!.textContent).toBe('¥199.00¥299.00')
    expect(band.textContent).toContain('双11 限时特惠')
    expect(band.querySelector('.countdown')!.textContent).toMatch(/^距结束2天 03:12:4[45]$/)
    expect(band.textContent).toContain('限购 2 件')
    expect(band.textContent).toContain('仅剩 12 件特价')
    expect(container.querySelector('.product-member')!.textContent).toBe('会员价¥189.00')
    expect(Array.from(container.querySelectorAll('.product-summary__tags .promo-tag')).map((t) => t.textContent)).toEqual(['限时特惠', '满199减20', '会员价'])

    // The sheet prices each SKU at its offer price.
    fireEvent.click(container.querySelector('.add-to-cart')!)
    fireEvent.click(sheetValue('米白'))
    expect(container.querySelector('.sku-sheet__summary .price-tag')!.textContent).toBe('¥219.00¥319.00')

    fireEvent.click(screen.getByText('领取优惠券，下单更省'))
    expect(navigation).toContainEqual({ method: 'navigateTo', url: PAGES.couponCenter })
  })

  it('without promotions shows the plain price and no band', async () => {
    answers = [base]
    const { container } = render(<ProductPage />)
    await screen.findByText('轻薄羽绒服')
    expect(container.querySelector('.product-offer')).toBeNull()
    expect(container.querySelector('.product-member')).toBeNull()
    expect(container.querySelector('.product-summary__price .price-tag')!.textContent).toBe('¥299.00¥399.00')
  })

  it('reads the product again when the countdown reaches the end, and shows the regular price', async () => {
    answers = [{ ...base, offer: offer(Date.now() + 1200) }, base]
    const { container } = render(<ProductPage />)
    await screen.findByText('轻薄羽绒服')
    expect(container.querySelector('.product-offer')).not.toBeNull()
    await waitFor(() => expect(productGets).toBe(2), { timeout: 4000 })
    await waitFor(() => expect(container.querySelector('.product-offer')).toBeNull())
  })
})
