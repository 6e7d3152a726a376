import { useCallback, useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { route } from '@/routes'
import { checkFavorites, setFavorite } from '@/services/favorites'
import { errorMessage } from '@/services/http'
import { useIsLoggedIn } from '@/store/session'

/**
 * The product page's heart: whether this product is on the shopper's wish list, and a toggle.
 * A guest is sent to log in and comes back to this product.
 */
export function useFavorite(productId: number) {
  const loggedIn = useIsLoggedIn()
  // Keyed by product, so another product (or a signed-out shopper) never shows a stale heart.
  const [state, setState] = useState<{ productId: number; on: boolean } | null>(null)
  const favorited = loggedIn && state?.productId === productId && state.on
  const setFavorited = useCallback((on: boolean) => setState({ productId, on }), [productId])
  const [busy, setBusy] = useState(false)
  const busyRef = useRef(false)
  // Bumped by every tap: a check that answers after the shopper tapped must not undo the tap.
  const taps = useRef(0)

  useEffect(() => {
    if (!loggedIn || !(productId > 0)) return
    let alive = true
    const tapsBefore = taps.current
    checkFavorites([productId])
      .then((ids) => alive && taps.current === tapsBefore && setState({ productId, on: ids.has(productId) }))
      .catch(() => undefined)
    return () => {
      alive = false
    }
  }, [loggedIn, productId])

  const toggle = useCallback(async () => {
    if (!loggedIn) {
      // Replaced by the login page, which redirects back here: one product page, not two, on the stack.
      void Taro.redirectTo({ url: route.login(route.product(productId)) })
      return
    }
    if (busyRef.current) return
    busyRef.current = true
    taps.current++
    setBusy(true)
    const next = !favorited
    setFavorited(next)
    try {
      await setFavorite(productId, next)
      void Taro.showToast({ title: next ? '已收藏' : '已取消收藏', icon: 'none' })
    } catch (err) {
      setFavorited(!next)
      void Taro.showToast({ title: errorMessage(err), icon: 'none' })
    } finally {
      busyRef.current = false
      setBusy(false)
    }
  }, [favorited, loggedIn, productId, setFavorited])

  return { favorited, busy, toggle }
}
