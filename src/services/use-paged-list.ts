import { useCallback, useEffect, useRef, useState } from 'react'
import type { Paged } from '@/domain/contract'

/**
 * A list read a page at a time, newest first (我的售后, a product's reviews): `load` reads the
 * first page again (on show, pull-down, another filter), `loadMore` the next one (reach
 * bottom, the footer's retry). Only the newest `load` counts: a filter tapped while the
 * other filter's answer is on the way never shows the wrong list. `first` is the newest
 * first-page answer whole (a reviews page carries its summary there).
 */
export function usePagedList<P extends Paged<{ id: number }>>(fetchPage: (page: number) => Promise<P>) {
  type T = P['items'][number]
  const [items, setItems] = useState<T[]>([])
  const [first, setFirst] = useState<P | null>(null)
  const [status, setStatus] = useState<'loading' | 'error' | 'ready' | 'empty'>('loading')
  const [error, setError] = useState<unknown>(null)
  const [page, setPage] = useState(1)
  const [total, setTotal] = useState(0)
  const [more, setMore] = useState<'idle' | 'loading' | 'failed'>('idle')
  const loadingMore = useRef(false)
  const asked = useRef(0)
  // The newest fetch (it names the filter), without making load change with every render.
  const fetchRef = useRef(fetchPage)
  useEffect(() => {
    fetchRef.current = fetchPage
  })

  /** The first page again; `fetch` (a new filter) is used at once, before the next render. */
  const load = useCallback(async (fetch?: (page: number) => Promise<P>) => {
    if (fetch) fetchRef.current = fetch
    const ask = ++asked.current
    try {
      const r = await fetchRef.current(1)
      if (ask !== asked.current) return
      setFirst(r)
      setItems(r.items)
      setTotal(r.total)
      setPage(1)
      setStatus(r.items.length ? 'ready' : 'empty')
    } catch (err) {
      if (ask !== asked.current) return
      setError(err)
      setStatus('error')
    }
  }, [])

  /** Show the spinner while another filter's first page loads. */
  const reset = useCallback(() => setStatus('loading'), [])

  const loadMore = useCallback(async () => {
    if (loadingMore.current || items.length >= total) return
    loadingMore.current = true
    const ask = asked.current
    setMore('loading')
    try {
      const r = await fetchRef.current(page + 1)
      if (ask === asked.current) {
        setItems((list) => [...list, ...r.items.filter((a: T) => !list.some((b) => b.id === a.id))])
        setTotal(r.total)
        setPage(page + 1)
      }
      setMore('idle')
    } catch {
      setMore('failed')
    }
    loadingMore.current = false
  }, [items.length, page, total])

  return { items, first, status, error, total, more, load, reset, loadMore }
}
