import { useCallback, useRef, useState } from 'react'
import type { ViewStatus } from '@/components/state-view'
import { fetchMyCoupons, type Coupon, type CouponStatus } from '@/services/coupons'

/** One tab of the shopper's coupons; switching tabs drops the old list so it never shows under the new tab. */
export function useMyCoupons() {
  const [tab, setTab] = useState<CouponStatus>('usable')
  const [items, setItems] = useState<Coupon[]>([])
  const [status, setStatus] = useState<ViewStatus>('loading')
  const [error, setError] = useState<unknown>(null)
  const seq = useRef(0)

  const load = useCallback(async (which: CouponStatus) => {
    const ticket = ++seq.current
    try {
      const list = await fetchMyCoupons(which)
      if (ticket !== seq.current) return
      setItems(list)
      setStatus(list.length ? 'ready' : 'empty')
    } catch (err) {
      if (ticket !== seq.current) return
      setError(err)
      setStatus('error')
    }
  }, [])

  const show = useCallback(
    (which: CouponStatus) => {
      setTab(which)
      setItems([])
      setStatus('loading')
      void load(which)
    },
    [load],
  )

  return { tab, items, status, error, show, reload: () => load(tab) }
}
