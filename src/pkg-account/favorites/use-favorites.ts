import { useCallback, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import type { ViewStatus } from '@/components/state-view'
import { listFavorites, setFavorite, type Favorite } from '@/services/favorites'
import { errorMessage } from '@/services/http'

const PAGE_SIZE = 20

interface State {
  items: Favorite[]
  total: number
  page: number
  status: ViewStatus
  error: unknown
  loadingMore: boolean
}

/** The wish list, page by page, newest first; removal takes the row out at once and puts it back if the server says no. */
export function useFavorites() {
  const [state, setState] = useState<State>({ items: [], total: 0, page: 0, status: 'loading', error: null, loadingMore: false })
  const seq = useRef(0)
  const stateRef = useRef(state)
  stateRef.current = state

  const reload = useCallback(async () => {
    const ticket = ++seq.current
    setState((s) => (s.items.length ? s : { ...s, status: 'loading', error: null }))
    try {
      const page = await listFavorites(1, PAGE_SIZE)
      if (ticket !== seq.current) return
      setState({ items: page.items, total: page.total, page: 1, status: page.items.length ? 'ready' : 'empty', error: null, loadingMore: false })
    } catch (error) {
      if (ticket === seq.current) setState((s) => (s.items.length ? { ...s, error } : { ...s, status: 'error', error }))
    }
  }, [])

  const loadMore = useCallback(async () => {
    const s = stateRef.current
    if (s.loadingMore || s.status !== 'ready' || s.items.length >= s.total) return
    const ticket = seq.current
    setState((x) => ({ ...x, loadingMore: true }))
    try {
      const page = await listFavorites(s.page + 1, PAGE_SIZE)
      if (ticket !== seq.current) return
      setState((x) => {
        const seen = new Set(x.items.map((f) => f.productId))
        return { ...x, items: [...x.items, ...page.items.filter((f) => !seen.has(f.productId))], total: page.total, page: s.page + 1, loadingMore: false }
      })
    } catch {
      setState((x) => ({ ...x, loadingMore: false }))
    }
  }, [])

  const remove = useCallback(async (productId: number) => {
    const before = stateRef.current
    setState((s) => {
      const items = s.items.filter((f) => f.productId !== productId)
      return { ...s, items, total: Math.max(0, s.total - 1), status: items.length ? s.status : 'empty' }
    })
    try {
      await setFavorite(productId, false)
      void Taro.showToast({ title: '已移除', icon: 'none' })
    } catch (err) {
      setState(before)
      void Taro.showToast({ title: errorMessage(err), icon: 'none' })
    }
  }, [])

  const hasMore = state.items.length < state.total
  return { ...state, hasMore, reload, loadMore, remove }
}
