import { useCallback, useRef, useState } from 'react'
import type { ViewStatus } from '@/components/state-view'
import { fetchMyCoupons, type Coupon, type CouponStatus } from '@/services/coupons'

interface State {
  tab: CouponStatus
  items: Coupon[]
  total: number
  page: number
  status: ViewStatus
  error: unknown
  loadingMore: boolean
}

/** One tab of the shopper's coupons, page by page; switching tabs drops the old list so it never shows under the new tab. */
export function useMyCoupons() {
  const [state, setState] = useState<State>({ tab: 'usable', items: [], total: 0, page: 0, status: 'loading', error: null, loadingMore: false })
  const seq = useRef(0)
  const stateRef = useRef(state)
  stateRef.current = state

  const show = useCallback(async (tab: CouponStatus) => {
    const ticket = ++seq.current
    setState({ tab, items: [], total: 0, page: 0, status: 'loading', error: null, loadingMore: false })
    try {
      const page = await fetchMyCoupons(tab, 1)
      if (ticket !== seq.current) return
      setState({ tab, items: page.items, total: page.total, page: 1, status: page.items.length ? 'ready' : 'empty', error: null, loadingMore: false })
    } catch (error) {
      if (ticket === seq.current) setState((s) => ({ ...s, status: 'error', error }))
    }
  }, [])

  const loadMore = useCallback(async () => {
    const s = stateRef.current
    if (s.status !== 'ready' || s.loadingMore || s.items.length >= s.total) return
    const ticket = seq.current
    setState((x) => ({ ...x, loadingMore: true }))
    try {
      const page = await fetchMyCoupons(s.tab, s.page + 1)
      if (ticket !== seq.current) return
      setState((x) => {
        const seen = new Set(x.items.map((c) => c.id))
        return { ...x, items: [...x.items, ...page.items.filter((c) => !seen.has(c.id))], total: page.total, page: s.page + 1, loadingMore: false }
      })
    } catch {
      if (ticket === seq.current) setState((x) => ({ ...x, loadingMore: false }))
    }
  }, [])

  return { ...state, hasMore: state.items.length < state.total, show, loadMore, reload: () => show(state.tab) }
}
