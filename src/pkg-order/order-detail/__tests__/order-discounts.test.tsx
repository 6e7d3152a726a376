import { beforeEach, describe, expect, it, vi } from 'vitest'
import { render, screen } from '@testing-library/react'
import { setRequestHandler, setRouterParams } from '../../../../test/shims/taro'
import { useSession } from '@/store/session'
import OrderDetailPage from '../index'
import { orderFixture, TEE_LINE } from '../../../../test/helpers/orders'

vi.mock('@tarojs/taro', async (importOriginal) => (await import('../../../../test/shims/did-show-on-mount')).withDidShowOnMount(importOriginal))

// Paid with a 满减 and a coupon: the order keeps that breakdown, whatever runs in the shop today.
const paid = orderFixture('paid', {
  items: [{ ...TEE_LINE, unitPrice: 20000, lineTotal: 20000, discount: 3000 }],
  subtotal: 20000,
  discount: 3000,
  total: 17000,
  discounts: [
    { source: 'promotion', id: 5, kind: 'full_reduction', label: '满199减20', amount: 2000, lines: [{ skuId: 1, amount: 2000 }] },
    { source: 'coupon', id: 31, kind: 'coupon', label: '满100减10券', amount: 1000, lines: [{ skuId: 1, amount: 1000 }] },
  ],
})

beforeEach(() => {
  setRouterParams({ id: '42' })
  useSession.getState().signIn({ token: 't', expiresAt: '2099-01-01T00:00:00.000Z', user: { id: 1, nickname: 'n', avatar: null, platform: 'h5' } })
  setRequestHandler(() => ({ statusCode: 200, data: paid }))
})

describe('order detail discounts', () => {
  it('shows the stored breakdown rows and the line share', async () => {
    const { container } = render(<OrderDetailPage />)
    await screen.findByText('纯棉T恤')
    const rows = Array.from(container.querySelectorAll('.price-breakdown__row')).map((r) => r.textContent)
    expect(rows).toEqual(['商品金额¥200.00', '满199减20-¥20.00', '优惠券满100减10券-¥10.00', '运费免运费', '实付款¥170.00'])
    expect(container.querySelector('.order-detail__item-discount')!.textContent).toBe('优惠 -¥30.00')
  })
})
