import { useCallback, useRef, useState } from 'react'
import type { PointsEntryView, PointsView } from '@/domain/points'
import { fetchPoints } from '@/services/points'

const PAGE_SIZE = 20

/** The points page's data: the balance and summary from page 1, the ledger a page at a time. */
export function usePoints() {
  const [view, setView] = useState<PointsView | null>(null)
  const [items, setItems] = useState<PointsEntryView[]>([])
  const [status, setStatus] = useState<'loading' | 'error' | 'ready'>('loading')
  const [error, setError] = useState<unknown>(null)
  const [page, setPage] = useState(1)
  const [more, setMore] = useState<'idle' | 'loading' | 'failed'>('idle')
  const loadingMore = useRef(false)

  const load = useCallback(async () => {
    try {
      const v = await fetchPoints(1, PAGE_SIZE)
      setView(v)
      setItems(v.items)
      setPage(1)
      setStatus('ready')
    } catch (err) {
      setError(err)
      setStatus('error')
    }
  }, [])

  const total = view?.total ?? 0
  const loadMore = useCallback(async () => {
    if (loadingMore.current || items.length >= total) return
    loadingMore.current = true
    setMore('loading')
    try {
      const v = await fetchPoints(page + 1, PAGE_SIZE)
      setItems((list) => [...list, ...v.items.filter((a) => !list.some((b) => b.id === a.id))])
      setView(v)
      setPage(page + 1)
      setMore('idle')
    } catch {
      setMore('failed')
    }
    loadingMore.current = false
  }, [items.length, page, total])

  return { view, items, status, error, load, loadMore, more, hasMore: items.length < total }
}
