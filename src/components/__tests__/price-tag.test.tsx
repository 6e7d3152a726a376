import { describe, expect, it } from 'vitest'
import { render } from '@testing-library/react'
import PriceTag from '@/components/price-tag'

describe('PriceTag', () => {
  it('shows fen as yuan with cents', () => {
    const { container } = render(<PriceTag fen={12345} />)
    expect(container.textContent).toBe('¥123.45')
  })

  it('crosses out a higher original price', () => {
    const { container } = render(<PriceTag fen={5900} original={7900} size="lg" />)
    expect(container.querySelector('.price-tag__original')?.textContent).toBe('¥79.00')
    expect(container.querySelector('.price-tag--lg')).not.toBeNull()
  })

  it('hides an original price that is missing or not higher', () => {
    expect(render(<PriceTag fen={5900} original={null} />).container.querySelector('.price-tag__original')).toBeNull()
    expect(render(<PriceTag fen={5900} original={5900} />).container.querySelector('.price-tag__original')).toBeNull()
  })

  it('pads small amounts to two decimals', () => {
    const { container } = render(<PriceTag fen={5} size="sm" />)
    expect(container.textContent).toBe('¥0.05')
  })
})
