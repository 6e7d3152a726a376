import { beforeEach, describe, expect, it } from 'vitest'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { navigation, setRequestHandler } from '../../../../test/shims/taro'
import HomePage from '@/pages/index'
import { useSelectedCategory } from '@/pages/category/selected-category'

let productsFail = false

beforeEach(() => {
  productsFail = false
  useSelectedCategory.setState({ id: null })
  setRequestHandler(({ url }) => {
    const u = new URL(url, 'http://x')
    if (u.pathname === '/api/banners') return { statusCode: 200, data: { items: [{ id: 1, title: '上新', image: '/b.jpg', productId: 3 }] } }
    if (u.pathname === '/api/categories') return { statusCode: 200, data: { items: [{ id: 4, name: '数码', icon: '/c.png' }] } }
    if (productsFail) throw new Error('offline')
    return { statusCode: 200, data: { items: [{ id: 3, title: '降噪耳机', subtitle: '', categoryId: 4, price: 29900, originalPrice: null, image: '/p.jpg', sales: 1, stock: 0 }], total: 1, page: 1, pageSize: 10 } }
  })
})

describe('home page', () => {
  it('shows the feed from the API and ends it with 没有更多了', async () => {
    const { container } = render(<HomePage />)
    await screen.findByText('降噪耳机')
    expect(container.querySelector('.product-card')?.textContent).toContain('已售罄')
    expect(screen.getByText('没有更多了')).toBeTruthy()
  })

  it('opens the search page, a banner product, and the category tab with the tapped category', async () => {
    const { container } = render(<HomePage />)
    await screen.findByText('数码')
    fireEvent.click(container.querySelector('.search-bar')!)
    fireEvent.click(container.querySelector('.home-banners__image')!)
    fireEvent.click(screen.getByText('数码'))
    expect(navigation).toEqual([
      { method: 'navigateTo', url: '/pkg-shop/search/index' },
      { method: 'navigateTo', url: '/pkg-shop/product/index?id=3' },
      { method: 'switchTab', url: '/pages/category/index' },
    ])
    expect(useSelectedCategory.getState().id).toBe(4)
  })

  it('shows the network error with a retry that loads the feed', async () => {
    productsFail = true
    render(<HomePage />)
    await screen.findByText('网络不给力，请稍后重试')
    productsFail = false
    fireEvent.click(screen.getByText('重试'))
    await waitFor(() => expect(screen.getByText('降噪耳机')).toBeTruthy())
  })
})
