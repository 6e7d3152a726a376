import { describe, expect, it } from 'vitest'
import { act, renderHook } from '@testing-library/react'
import type { Paged } from '@/domain/contract'
import { usePagedList } from '@/services/use-paged-list'

type Row = { id: number; tag: string }
const pageOf = (tag: string, ids: number[], total: number, page = 1): Paged<Row> => ({ items: ids.map((id) => ({ id, tag })), total, page, pageSize: 2 })

describe('usePagedList', () => {
  it('reads the first page, then the next; a row seen twice is kept once; empty is empty', async () => {
    const pages: Record<number, Paged<Row>> = { 1: pageOf('a', [1, 2], 3), 2: pageOf('a', [2, 3], 3, 2) }
    const { result } = renderHook(() => usePagedList(async (p: number) => pages[p]))
    await act(() => result.current.load())
    expect(result.current.status).toBe('ready')
    await act(() => result.current.loadMore())
    expect(result.current.items.map((r) => r.id)).toEqual([1, 2, 3])
    // Everything read: no more requests.
    await act(() => result.current.loadMore())
    expect(result.current.items).toHaveLength(3)

    const { result: none } = renderHook(() => usePagedList(async () => pageOf('a', [], 0)))
    await act(() => none.current.load())
    expect(none.current.status).toBe('empty')
  })

  it('another filter tapped while the first is on the way: only the newest answer shows', async () => {
    let release: (p: Paged<Row>) => void = () => undefined
    const slow = () => new Promise<Paged<Row>>((r) => (release = r))
    const { result } = renderHook(() => usePagedList(slow))
    let first!: Promise<void>
    act(() => {
      first = result.current.load()
    })
    const releaseFirst = release
    await act(() => result.current.load(async () => pageOf('photos', [9], 1)))
    await act(async () => {
      releaseFirst(pageOf('all', [1, 2], 5))
      await first
    })
    expect(result.current.items).toEqual([{ id: 9, tag: 'photos' }])
    expect(result.current.first?.total).toBe(1)
  })

  it('a failed first page is shown; a failed next page is a retry in the footer', async () => {
    let fail = true
    const { result } = renderHook(() =>
      usePagedList(async (p: number) => {
        if (fail) throw new Error('offline')
        return pageOf('a', p === 1 ? [1, 2] : [3], 3, p)
      }),
    )
    await act(() => result.current.load())
    expect(result.current.status).toBe('error')
    fail = false
    await act(() => result.current.load())
    fail = true
    await act(() => result.current.loadMore())
    expect(result.current.more).toBe('failed')
    expect(result.current.items).toHaveLength(2)
  })
})
