import { beforeEach, describe, expect, it, vi } from 'vitest'
import { render, waitFor } from '@testing-library/react'
import { setRequestHandler } from '../../../../test/shims/taro'
import type { Cart, PricePreview } from '@/domain/contract'
import { useCart } from '@/store/cart'
import { useSession } from '@/store/session'
import CartPage from '../index'

vi.mock('@tarojs/taro', async (importOriginal) => (await import('../../../../test/shims/did-show-on-mount')).withDidShowOnMount(importOriginal))

const line = (id: number, skuId: number, title: string, unitPrice: number, selected: boolean) => ({ id, skuId, productId: skuId, title, image: '/api/images/x.jpg', specs: {}, unitPrice, quantity: 1, stock: 9, selected, available: true })

// A 满减 tier reached and the next one nudged; the numbers are the server's, not sums the page could make.
const preview: PricePreview = {
  lines: [{ skuId: 11, productId: 11, title: '羽绒服', image: '/api/images/x.jpg', specs: {}, unitPrice: 17900, quantity: 1, lineTotal: 17900, stock: 9, discount: 1790, payable: 16110, labels: ['满199减20'] },
    { skuId: 12, productId: 12, title: '围巾', image: '/api/images/x.jpg', specs: {}, unitPrice: 2300, quantity: 1, lineTotal: 2300, stock: 9, discount: 210, payable: 2090, labels: ['满199减20'] }],
  itemCount: 2,
  subtotal: 20200,
  shipping: 0,
  discount: 2000,
  total: 18200,
  freeShippingGap: 0,
  applied: [{ source: 'promotion', id: 5, kind: 'full_reduction', label: '满199减20', amount: 2000, lines: [{ skuId: 11, amount: 1790 }, { skuId: 12, amount: 210 }] }],
  coupons: [],
  selectedCouponIds: [],
  nudges: [{ promotionId: 5, label: '满299减40', message: '再买 97.00 元，可减 40.00', gap: 9700 }],
}

beforeEach(() => {
  useSession.getState().signIn({ token: 't', expiresAt: '2099-01-01T00:00:00.000Z', user: { id: 1, nickname: 'n', avatar: null, platform: 'h5' } })
  useCart.setState({ lines: [], preview: null, count: 0, guestLines: [], guestDeselected: [], loading: false, error: null })
  const cart: Cart = { lines: [line(5, 11, '羽绒服', 17900, true), line(6, 12, '围巾', 2300, true), line(7, 13, '手套', 5900, false)], preview, count: 3 }
  setRequestHandler(() => ({ statusCode: 200, data: cart }))
})

describe('cart promotions', () => {
  it("shows each ticked line's labels and share, the 满减 row, the total and the nudge as the server gave them", async () => {
    const { container } = render(<CartPage />)
    await waitFor(() => expect(container.querySelectorAll('.cart-line')).toHaveLength(3))
    const [coat, scarf, gloves] = Array.from(container.querySelectorAll('.cart-line'))
    expect(coat.querySelector('.promo-tag')!.textContent).toBe('满199减20')
    expect(coat.querySelector('.cart-line__discount')!.textContent).toBe('优惠 -¥17.90')
    expect(scarf.querySelector('.cart-line__discount')!.textContent).toBe('优惠 -¥2.10')
    // Not ticked: not priced, no promotion shown on it.
    expect(gloves.querySelector('.promo-tag')).toBeNull()

    const rows = Array.from(container.querySelectorAll('.cart-page__prices .price-breakdown__row')).map((r) => r.textContent)
    expect(rows).toEqual(['商品金额¥202.00', '满199减20-¥20.00', '运费免运费', '合计¥182.00'])
    expect(container.querySelector('.price-breakdown__nudge')!.textContent).toBe('满299减40再买 97.00 元，可减 40.00')
    expect(container.querySelector('.cart-total')!.textContent).toBe('¥182.00')
    expect(container.querySelector('.cart-bar__discount')!.textContent).toBe('已优惠 ¥20.00')
  })
})
