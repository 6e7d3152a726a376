import { describe, expect, it, vi } from 'vitest'
import { fireEvent, render } from '@testing-library/react'
import LineItem from '@/components/line-item'
import PriceBreakdown from '@/components/price-breakdown'

describe('LineItem', () => {
  it('shows title, specs, unit price and ×quantity', () => {
    const { container } = render(<LineItem image="/a.jpg" title="纯棉T恤" specs={{ 颜色: '浅灰', 尺码: 'XL' }} unitPrice={1990} quantity={2} className="checkout-x" />)
    expect(container.querySelector('.line-item.line-item--md.checkout-x')).not.toBeNull()
    expect(container.querySelector('.line-item__specs')!.textContent).toBe('浅灰 / XL')
    expect(container.querySelector('.line-item__foot')!.textContent).toBe('¥19.90×2')
  })

  it('puts children in place of ×quantity and leaves the foot out without a price', () => {
    const withStepper = render(<LineItem image="/a.jpg" title="T" specs={{}} unitPrice={100} quantity={3} size="lg">stepper</LineItem>)
    expect(withStepper.container.querySelector('.line-item__foot')!.textContent).toBe('¥1.00stepper')
    expect(withStepper.container.querySelector('.line-item__specs')).toBeNull()
    const noPrice = render(<LineItem image="/a.jpg" title="T" specs={{ 尺码: 'M' }} size="sm" trailing={<span className="end">×1</span>} />)
    expect(noPrice.container.querySelector('.line-item__foot')).toBeNull()
    expect(noPrice.container.querySelector('.line-item--sm > .end')!.textContent).toBe('×1')
  })

  it('opens from the image and the title', () => {
    const onOpen = vi.fn()
    const { container } = render(<LineItem image="/a.jpg" title="T" specs={{}} onOpen={onOpen} />)
    fireEvent.click(container.querySelector('.line-item__title')!)
    fireEvent.click(container.querySelector('.line-item__image')!)
    fireEvent.click(container.querySelector('.line-item__body')!)
    expect(onOpen).toHaveBeenCalledTimes(2)
  })
})

describe('PriceBreakdown', () => {
  it('shows subtotal, a discount without a breakdown as one 优惠 row, shipping and the total under its label', () => {
    const { container } = render(<PriceBreakdown prices={{ subtotal: 3980, shipping: 800, discount: 500, total: 4280 }} totalLabel="需付款" />)
    const rows = Array.from(container.querySelectorAll('.price-breakdown__row')).map((r) => r.textContent)
    expect(rows).toEqual(['商品金额¥39.80', '优惠-¥5.00', '运费¥8.00', '需付款¥42.80'])
  })

  it('says 免运费 and leaves out a zero discount', () => {
    const { container } = render(<PriceBreakdown prices={{ subtotal: 9900, shipping: 0, discount: 0, total: 9900 }} totalLabel="实付" />)
    const rows = Array.from(container.querySelectorAll('.price-breakdown__row')).map((r) => r.textContent)
    expect(rows).toEqual(['商品金额¥99.00', '运费免运费', '实付¥99.00'])
  })
})
