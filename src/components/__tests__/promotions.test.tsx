import { describe, expect, it, vi } from 'vitest'
import { fireEvent, render, screen } from '@testing-library/react'
import CouponCard from '@/components/coupon-card'
import { couponFace, thresholdText, validityText } from '@/components/coupon-card/coupon-text'
import PriceBreakdown from '@/components/price-breakdown'
import ProductCard from '@/components/product-card'
import PromoTags from '@/components/promo-tags'
import type { AppliedDiscount, ProductSummary } from '@/domain/contract'

const applied = (over: Partial<AppliedDiscount>): AppliedDiscount => ({ source: 'promotion', id: 1, kind: 'full_reduction', label: '满199减20', amount: 2000, lines: [], ...over })

describe('PromoTags', () => {
  it('shows each label as a tag, and nothing without labels', () => {
    const { container } = render(<PromoTags labels={['限时特惠', '满199减20', '3件99元']} />)
    expect(Array.from(container.querySelectorAll('.promo-tag')).map((t) => t.textContent)).toEqual(['限时特惠', '满199减20', '3件99元'])
    const none = render(<PromoTags labels={[]} />)
    expect(none.container.querySelector('.promo-tags')).toBeNull()
  })
})

describe('coupon texts', () => {
  it('reads amounts as round yuan and percents as 折', () => {
    expect(couponFace('amount', 1000)).toEqual({ figure: '10', unit: '¥' })
    expect(couponFace('amount', 1050)).toEqual({ figure: '10.5', unit: '¥' })
    expect(couponFace('percent', 85)).toEqual({ figure: '8.5', unit: '折' })
    expect(couponFace('percent', 90)).toEqual({ figure: '9', unit: '折' })
  })

  it('says 满100可用 or 无门槛, with a percent coupon cap', () => {
    expect(thresholdText(10000)).toBe('满100可用')
    expect(thresholdText(0)).toBe('无门槛')
    expect(thresholdText(19900, 2000)).toBe('满199可用，最多减20')
  })

  it('shows a fixed window or the days from claiming', () => {
    expect(validityText({ days: 7 })).toBe('领取后 7 天内有效')
    expect(validityText({ from: '2026-11-20T04:00:00.000Z', to: '2026-12-31T04:00:00.000Z' })).toBe('2026.11.20 - 2026.12.31')
  })
})

describe('CouponCard', () => {
  const coupon = { type: 'amount' as const, value: 1000, cap: null, threshold: 10000, title: '满100减10', scopeText: '全场通用' }
  const base = { coupon, validity: '领取后 7 天内有效' }

  it('shows the amount, threshold, scope and validity, and 立即领取 calls back', () => {
    const onAction = vi.fn()
    const { container } = render(<CouponCard {...base} state="claim" onAction={onAction} />)
    expect(container.querySelector('.coupon-card__amount')!.textContent).toBe('¥10')
    expect(container.textContent).toContain('满100可用')
    expect(container.textContent).toContain('全场通用')
    expect(container.textContent).toContain('领取后 7 天内有效')
    fireEvent.click(screen.getByText('立即领取'))
    expect(onAction).toHaveBeenCalledTimes(1)
  })

  it('shows 折 for a percent coupon and 无门槛 without a threshold', () => {
    const { container } = render(<CouponCard {...base} coupon={{ ...coupon, type: 'percent', value: 85, cap: null, threshold: 0 }} state="use" />)
    expect(container.querySelector('.coupon-card__amount')!.textContent).toBe('8.5折')
    expect(container.textContent).toContain('无门槛')
    expect(screen.getByText('去使用')).toBeTruthy()
  })

  it('shows stamps that do nothing for 已领取 / 已领完 / 已使用 / 已过期, and does not act while busy', () => {
    const onAction = vi.fn()
    for (const [state, label] of [['claimed', '已领取'], ['soldOut', '已领完'], ['used', '已使用'], ['expired', '已过期']] as const) {
      const { unmount } = render(<CouponCard {...base} state={state} onAction={onAction} />)
      fireEvent.click(screen.getByText(label))
      unmount()
    }
    render(<CouponCard {...base} state="claim" busy onAction={onAction} />)
    fireEvent.click(screen.getByText('请稍候'))
    expect(onAction).not.toHaveBeenCalled()
  })
})

describe('PriceBreakdown with the server breakdown', () => {
  it('shows every applied discount as its own row, coupons as 优惠券, and the nudges under it', () => {
    const discounts = [
      applied({ id: 3, kind: 'limited_time', label: '限时特惠', amount: 1500 }),
      applied({ id: 4, label: '满199减20', amount: 2000 }),
      applied({ source: 'coupon', id: 9, kind: 'coupon', label: '满100减10券', amount: 1000 }),
    ]
    const nudges = [{ promotionId: 5, label: '满299减40', message: '再买 23.00 元，可减 40.00', gap: 2300 }]
    const { container } = render(
      <PriceBreakdown prices={{ subtotal: 25000, shipping: 0, discount: 4500, total: 20500 }} discounts={discounts} nudges={nudges} totalLabel="合计" />,
    )
    const rows = Array.from(container.querySelectorAll('.price-breakdown__row')).map((r) => r.textContent)
    expect(rows).toEqual(['商品金额¥250.00', '限时特惠-¥15.00', '满199减20-¥20.00', '优惠券满100减10券-¥10.00', '运费免运费', '合计¥205.00'])
    expect(container.querySelector('.price-breakdown__nudge')!.textContent).toBe('满299减40再买 23.00 元，可减 40.00')
  })
})

describe('ProductCard with an offer', () => {
  const product: ProductSummary = { id: 7, title: '羽绒服', subtitle: '', categoryId: 1, price: 29900, originalPrice: 39900, image: 'https://x/a.jpg', sales: 3, stock: 5, offer: null }

  it('shows the offer price with the regular price crossed out, and the labels', () => {
    const { container } = render(<ProductCard product={{ ...product, offer: { price: 19900, memberPrice: null, labels: ['限时特惠', '满199减20'] } }} />)
    expect(container.querySelector('.price-tag')!.textContent).toBe('¥199.00¥299.00')
    expect(container.querySelector('.price-tag__original')!.textContent).toBe('¥299.00')
    expect(Array.from(container.querySelectorAll('.promo-tag')).map((t) => t.textContent)).toEqual(['限时特惠', '满199减20'])
  })

  it('keeps the price alone without an offer that lowers it', () => {
    const { container } = render(<ProductCard product={{ ...product, offer: { price: 29900, memberPrice: 28000, labels: ['会员价'] } }} />)
    expect(container.querySelector('.price-tag')!.textContent).toBe('¥299.00')
    expect(container.querySelector('.promo-tag')!.textContent).toBe('会员价')
  })
})
