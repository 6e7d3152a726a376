import { describe, expect, it } from 'vitest'
import { act, renderHook, waitFor } from '@testing-library/react'
import { setRequestHandler } from '../../../test/shims/taro'
import { useProductList } from '@/services/catalog-hooks'
import type { ProductSummary } from '@/domain/contract'

const product = (id: number): ProductSummary => ({ id, title: `商品${id}`, subtitle: '', categoryId: 1, price: 100, originalPrice: null, image: `/api/images/${id}.jpg`, sales: 0, stock: 1, offer: null })

/** A fake catalog of `total` products answering /api/products by page. */
function serveCatalog(total: number) {
  const pages: string[] = []
  setRequestHandler(({ url }) => {
    const q = new URL(url, 'http://x').searchParams
    const page = Number(q.get('page'))
    const size = Number(q.get('pageSize'))
    pages.push(`${q.get('q') ?? ''}#${page}`)
    const ids = Array.from({ length: total }, (_, i) => i + 1).slice((page - 1) * size, page * size)
    return { statusCode: 200, data: { items: ids.map(product), total, page, pageSize: size } }
  })
  return pages
}

describe('useProductList', () => {
  it('loads the first page, appends the next ones and stops at the total', async () => {
    const pages = serveCatalog(5)
    const { result } = renderHook(() => useProductList({ pageSize: 2 }))
    await waitFor(() => expect(result.current.status).toBe('ready'))
    expect(result.current.items.map((p) => p.id)).toEqual([1, 2])
    expect(result.current.hasMore).toBe(true)
    await act(() => result.current.loadMore())
    await act(() => result.current.loadMore())
    expect(result.current.items.map((p) => p.id)).toEqual([1, 2, 3, 4, 5])
    expect(result.current.hasMore).toBe(false)
    await act(() => result.current.loadMore())
    expect(pages).toEqual(['#1', '#2', '#3'])
  })

  it('reports an empty result as empty, not as an error', async () => {
    serveCatalog(0)
    const { result } = renderHook(() => useProductList({ q: '没有' }))
    await waitFor(() => expect(result.current.status).toBe('empty'))
  })

  it('stays idle while disabled', async () => {
    const pages = serveCatalog(3)
    const { result } = renderHook(() => useProductList({ q: '' }, false))
    await new Promise((r) => setTimeout(r, 20))
    expect(pages).toEqual([])
    expect(result.current.items).toEqual([])
  })

  it('never lets a slow answer for an old query overwrite the new query', async () => {
    const waiting: Record<string, (v: { statusCode: number; data: unknown }) => void> = {}
    setRequestHandler(({ url }) => {
      const q = new URL(url, 'http://x').searchParams.get('q')!
      return new Promise((resolve) => (waiting[q] = resolve))
    })
    const { result, rerender } = renderHook(({ q }) => useProductList({ q }), { initialProps: { q: '旧' } })
    await waitFor(() => expect(waiting['旧']).toBeDefined())
    rerender({ q: '新' })
    await waitFor(() => expect(waiting['新']).toBeDefined())
    await act(async () => waiting['新']({ statusCode: 200, data: { items: [product(2)], total: 1, page: 1, pageSize: 10 } }))
    await act(async () => waiting['旧']({ statusCode: 200, data: { items: [product(1)], total: 1, page: 1, pageSize: 10 } }))
    expect(result.current.items.map((p) => p.id)).toEqual([2])
  })

  it('shows an error on a failed first page and recovers on reload', async () => {
    let fail = true
    setRequestHandler(() =>
      fail
        ? { statusCode: 500, data: { code: 'INTERNAL', message: '服务器开小差了' } }
        : { statusCode: 200, data: { items: [product(9)], total: 1, page: 1, pageSize: 10 } },
    )
    const { result } = renderHook(() => useProductList({}))
    await waitFor(() => expect(result.current.status).toBe('error'))
    expect((result.current.error as Error).message).toBe('服务器开小差了')
    fail = false
    await act(() => result.current.reload())
    expect(result.current.status).toBe('ready')
    expect(result.current.items.map((p) => p.id)).toEqual([9])
  })

  it('keeps the loaded items when a later page fails, and offers a retry', async () => {
    let fail = false
    setRequestHandler(({ url }) => {
      const page = Number(new URL(url, 'http://x').searchParams.get('page'))
      if (fail) throw new Error('offline')
      return { statusCode: 200, data: { items: [product(page)], total: 3, page, pageSize: 1 } }
    })
    const { result } = renderHook(() => useProductList({ pageSize: 1 }))
    await waitFor(() => expect(result.current.status).toBe('ready'))
    fail = true
    await act(() => result.current.loadMore())
    expect(result.current.moreError).toBeTruthy()
    expect(result.current.items.map((p) => p.id)).toEqual([1])
    fail = false
    await act(() => result.current.loadMore())
    expect(result.current.moreError).toBeNull()
    expect(result.current.items.map((p) => p.id)).toEqual([1, 2])
  })
})
