import { beforeEach, describe, expect, it } from 'vitest'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { setRequestHandler, setRouterParams } from '../../../../test/shims/taro'
import SearchPage from '@/pkg-shop/search'
import { decodeParam } from '@/pkg-shop/search/use-search'
import { useSearchHistory } from '@/store/search-history'

const seen: string[] = []

beforeEach(() => {
  seen.length = 0
  useSearchHistory.setState({ terms: [] })
  setRequestHandler(({ url }) => {
    const u = new URL(url, 'http://x')
    if (u.pathname === '/api/categories') return { statusCode: 200, data: { items: [{ id: 1, name: '服饰', icon: '/i.png' }] } }
    const q = u.searchParams.get('q') ?? ''
    seen.push(`${q}|${u.searchParams.get('sort')}`)
    const items = q === '卫衣' ? [{ id: 2, title: '连帽卫衣', subtitle: '', categoryId: 1, price: 15900, originalPrice: null, image: '/a.jpg', sales: 3, stock: 2 }] : []
    return { statusCode: 200, data: { items, total: items.length, page: 1, pageSize: 10 } }
  })
})

describe('search page', () => {
  it('searches the query from the link and records it in the history', async () => {
    setRouterParams({ q: encodeURIComponent('卫衣') })
    render(<SearchPage />)
    await screen.findByText('连帽卫衣')
    expect(useSearchHistory.getState().terms).toEqual(['卫衣'])
    fireEvent.click(screen.getByText('销量'))
    await waitFor(() => expect(seen).toContain('卫衣|sales'))
  })

  it('says clearly when nothing matches and offers suggestions that search again', async () => {
    setRouterParams({ q: '火星' })
    const { container } = render(<SearchPage />)
    await screen.findByText('没有找到“火星”相关的商品')
    fireEvent.click(await screen.findByText('服饰'))
    await waitFor(() => expect(seen).toContain('服饰|default'))
    expect((container.querySelector('.search-input') as HTMLInputElement).value).toBe('服饰')
    expect(useSearchHistory.getState().terms).toEqual(['服饰', '火星'])
  })

  it('shows the history without a query, searches a tapped term and typed input', async () => {
    useSearchHistory.setState({ terms: ['卫衣', '帽子'] })
    const { container } = render(<SearchPage />)
    fireEvent.click(screen.getByText('帽子'))
    await screen.findByText('没有找到“帽子”相关的商品')
    const input = container.querySelector('.search-input') as HTMLInputElement
    fireEvent.change(input, { target: { value: '卫衣' } })
    fireEvent.keyDown(input, { key: 'Enter' })
    await screen.findByText('连帽卫衣')
    expect(useSearchHistory.getState().terms).toEqual(['卫衣', '帽子'])
  })

  it('decodes encoded params and keeps a stray percent sign', () => {
    expect(decodeParam('%E5%8D%AB%E8%A1%A3')).toBe('卫衣')
    expect(decodeParam('100%')).toBe('100%')
    expect(decodeParam(undefined)).toBe('')
  })
})
