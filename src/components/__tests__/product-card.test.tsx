import { describe, expect, it, vi } from 'vitest'
import { fireEvent, render } from '@testing-library/react'
import ProductCard from '@/components/product-card'
import type { ProductSummary } from '@/domain/contract'

const product: ProductSummary = {
  id: 7,
  title: '轻薄羽绒服 男女同款',
  subtitle: '',
  categoryId: 1,
  price: 29900,
  originalPrice: 39900,
  image: 'https://img.example.com/down.jpg',
  sales: 12345,
  stock: 5,
  offer: null,
}

describe('ProductCard', () => {
  it('shows the title, price, sales and cover, and reports taps with the product', () => {
    const onClick = vi.fn()
    const { container } = render(<ProductCard product={product} onClick={onClick} />)
    const card = container.querySelector('.product-card')!
    expect(card.textContent).toContain('轻薄羽绒服 男女同款')
    expect(card.textContent).toContain('¥299.00')
    expect(card.textContent).toContain('已售1.2万')
    expect(card.querySelector('img')?.getAttribute('src')).toBe('https://img.example.com/down.jpg')
    expect(card.textContent).not.toContain('已售罄')
    fireEvent.click(card)
    expect(onClick).toHaveBeenCalledWith(product)
  })

  it('marks a product without stock as sold out', () => {
    const { container } = render(<ProductCard product={{ ...product, stock: 0, sales: 8 }} />)
    expect(container.querySelector('.product-card--sold-out')).not.toBeNull()
    expect(container.querySelector('.product-card__sold-out')?.textContent).toBe('已售罄')
    expect(container.textContent).toContain('已售8')
  })
})
