import { useCallback, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import type { ViewStatus } from '@/components/state-view'
import { PAGES, route } from '@/routes'
import { claimCoupon, fetchCouponCenter, type CouponCenterEntry } from '@/services/coupons'
import { errorMessage } from '@/services/http'
import { currentToken } from '@/store/session'

/**
 * The coupon centre's batches and claiming. Guests browse; a guest's claim goes to login,
 * which comes back here (and the list, read again on show, then knows what they hold).
 */
export function useCouponCenter() {
  const [entries, setEntries] = useState<CouponCenterEntry[]>([])
  const [status, setStatus] = useState<ViewStatus>('loading')
  const [error, setError] = useState<unknown>(null)
  const [claiming, setClaiming] = useState<number | null>(null)
  const claimingRef = useRef(false)
  const seq = useRef(0)

  const load = useCallback(async () => {
    const ticket = ++seq.current
    try {
      const list = await fetchCouponCenter()
      if (ticket !== seq.current) return
      setEntries(list)
      setStatus(list.length ? 'ready' : 'empty')
    } catch (err) {
      if (ticket !== seq.current) return
      setError(err)
      setStatus((s) => (s === 'ready' ? s : 'error'))
    }
  }, [])

  const claim = useCallback(
    async (batchId: number) => {
      if (!currentToken()) {
        // Replaced by the login page, which redirects back: one coupon centre on the stack.
        void Taro.redirectTo({ url: route.login(PAGES.couponCenter) })
        return
      }
      if (claimingRef.current) return
      claimingRef.current = true
      setClaiming(batchId)
      try {
        await claimCoupon(batchId)
        void Taro.showToast({ title: '领取成功', icon: 'success' })
      } catch (err) {
        void Taro.showToast({ title: errorMessage(err), icon: 'none' })
      } finally {
        // Either way the server knows best what is left and what the shopper holds now.
        await load()
        claimingRef.current = false
        setClaiming(null)
      }
    },
    [load],
  )

  return { entries, status, error, claiming, load, claim }
}
