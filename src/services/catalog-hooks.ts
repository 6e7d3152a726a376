import { useCallback, useEffect, useRef, useState } from 'react'
import type { ProductQuery, ProductSummary } from '@/domain/contract'
import type { ViewStatus } from '@/lib/view-status'
import { listProducts } from './catalog'

/**
 * Data hooks for the shopping pages, so pages stay layout only. Both hooks number their
 * requests and let only the newest answer land: a slow page-1 answer for an old query must
 * not overwrite the list for the new one.
 */

export interface AsyncData<T> {
  data: T | undefined
  status: 'loading' | 'error' | 'ready'
  error: unknown
  reload: () => Promise<void>
}

/** Loads once per `key` and again on reload(); the previous data stays visible while reloading. */
export function useAsyncData<T>(load: () => Promise<T>, key: string): AsyncData<T> {
  const [state, setState] = useState<{ data?: T; status: AsyncData<T>['status']; error: unknown }>({ status: 'loading', error: null })
  const seq = useRef(0)
  const loadRef = useRef(load)
  loadRef.current = load

  const reload = useCallback(async () => {
    const ticket = ++seq.current
    setState((s) => (s.data === undefined ? { ...s, status: 'loading', error: null } : s))
    try {
      const data = await loadRef.current()
      if (ticket === seq.current) setState({ data, status: 'ready', error: null })
    } catch (error) {
      if (ticket === seq.current) setState((s) => (s.data === undefined ? { status: 'error', error } : { ...s, error }))
    }
  }, [])

  useEffect(() => {
    void reload()
  }, [reload, key])

  return { data: state.data, status: state.status, error: state.error, reload }
}

export interface ProductList {
  items: ProductSummary[]
  total: number
  status: ViewStatus
  error: unknown
  hasMore: boolean
  loadingMore: boolean
  /** The last "load more" failed; the footer offers a retry. */
  moreError: unknown
  reload: () => Promise<void>
  loadMore: () => Promise<void>
}

interface ListState {
  items: ProductSummary[]
  total: number
  page: number
  status: ViewStatus
  error: unknown
  loadingMore: boolean
  moreError: unknown
}

const INITIAL: ListState = { items: [], total: 0, page: 0, status: 'loading', error: null, loadingMore: false, moreError: null }

/** A paged product list for a query; `enabled: false` keeps it idle (search page before a query). */
export function useProductList(query: Omit<ProductQuery, 'page'>, enabled = true): ProductList {
  const [state, setState] = useState<ListState>(INITIAL)
  const seq = useRef(0)
  const stateRef = useRef(state)
  stateRef.current = state
  const key = JSON.stringify(query)
  const queryRef = useRef(query)
  queryRef.current = query
  const pageSize = query.pageSize ?? 10

  const reload = useCallback(async () => {
    const ticket = ++seq.current
    // A refresh keeps the current list on screen; a new query starts from the skeleton.
    setState((s) => (s.items.length ? { ...s, error: null, moreError: null } : { ...INITIAL }))
    try {
      const res = await listProducts({ ...queryRef.current, pageSize, page: 1 })
      if (ticket !== seq.current) return
      setState({ ...INITIAL, items: res.items, total: res.total, page: 1, status: res.items.length ? 'ready' : 'empty' })
    } catch (error) {
      if (ticket !== seq.current) return
      setState((s) => (s.items.length ? { ...s, moreError: error } : { ...INITIAL, status: 'error', error }))
      throw error
    }
  }, [pageSize])

  const loadMore = useCallback(async () => {
    const s = stateRef.current
    if (s.status !== 'ready' || s.loadingMore || s.items.length >= s.total) return
    const ticket = seq.current
    setState((x) => ({ ...x, loadingMore: true, moreError: null }))
    try {
      const res = await listProducts({ ...queryRef.current, pageSize, page: s.page + 1 })
      if (ticket !== seq.current) return
      setState((x) => {
        // Sales can reorder the list between pages; never show one product twice.
        const seen = new Set(x.items.map((p) => p.id))
        return { ...x, items: [...x.items, ...res.items.filter((p) => !seen.has(p.id))], total: res.total, page: s.page + 1, loadingMore: false }
      })
    } catch (error) {
      if (ticket === seq.current) setState((x) => ({ ...x, loadingMore: false, moreError: error }))
    }
  }, [pageSize])

  useEffect(() => {
    // A different query is a different list: drop the old one before loading.
    seq.current++
    setState(INITIAL)
    if (enabled) reload().catch(() => undefined)
  }, [reload, key, enabled])

  return {
    items: state.items,
    total: state.total,
    status: state.status,
    error: state.error,
    hasMore: state.items.length < state.total,
    loadingMore: state.loadingMore,
    moreError: state.moreError,
    reload,
    loadMore,
  }
}
