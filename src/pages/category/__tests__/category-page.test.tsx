import { beforeEach, describe, expect, it } from 'vitest'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { setRequestHandler } from '../../../../test/shims/taro'
import CategoryPage from '@/pages/category'
import { useSelectedCategory } from '@/pages/category/selected-category'

const queries: string[] = []

beforeEach(() => {
  queries.length = 0
  setRequestHandler(({ url }) => {
    const u = new URL(url, 'http://x')
    if (u.pathname === '/api/categories') return { statusCode: 200, data: { items: [{ id: 1, name: '服饰', icon: '' }, { id: 2, name: '数码', icon: '' }] } }
    const cat = u.searchParams.get('categoryId')
    queries.push(`${cat}|${u.searchParams.get('sort')}`)
    const items = cat === '2' ? [{ id: 8, title: '蓝牙音箱', subtitle: '', categoryId: 2, price: 9900, originalPrice: null, image: '/s.jpg', sales: 1, stock: 3 }] : []
    return { statusCode: 200, data: { items, total: items.length, page: 1, pageSize: 10 } }
  })
})

describe('category page', () => {
  it('opens on the category the home page picked, and sorts it', async () => {
    useSelectedCategory.setState({ id: 2 })
    render(<CategoryPage />)
    await screen.findByText('蓝牙音箱')
    expect(document.querySelector('.category-nav__item.is-active')?.textContent).toBe('数码')
    fireEvent.click(screen.getByText('价格'))
    await waitFor(() => expect(queries).toContain('2|price_asc'))
    fireEvent.click(screen.getByText('价格'))
    await waitFor(() => expect(queries).toContain('2|price_desc'))
  })

  it('falls back to the first category and says when it has no products', async () => {
    useSelectedCategory.setState({ id: null })
    render(<CategoryPage />)
    await screen.findByText('服饰暂时没有商品')
    fireEvent.click(screen.getByText('数码'))
    await screen.findByText('蓝牙音箱')
    expect(useSelectedCategory.getState().id).toBe(2)
  })
})
