import { useEffect, useRef, useState } from 'react'
import { useDidShow } from '@tarojs/taro'
import { checkFavorites } from '@/services/favorites'
import { useIsLoggedIn } from '@/store/session'

/** Which of the listed products the shopper has favorited (GET /api/favorites/check); none for a guest or on error. */
export function useFavoriteMarks(ids: readonly number[]): ReadonlySet<number> {
  const loggedIn = useIsLoggedIn()
  const key = ids.join(',')
  const [marks, setMarks] = useState<{ key: string; ids: ReadonlySet<number> }>({ key: '', ids: new Set() })
  // Tab pages stay alive: coming back after favoriting on the product page asks again.
  const [shows, setShows] = useState(0)
  const firstShow = useRef(true)
  useDidShow(() => {
    if (firstShow.current) firstShow.current = false
    else setShows((n) => n + 1)
  })

  useEffect(() => {
    if (!loggedIn || !key) return
    let alive = true
    checkFavorites(key.split(',').map(Number))
      .then((found) => alive && setMarks({ key, ids: found }))
      .catch(() => undefined)
    return () => {
      alive = false
    }
  }, [loggedIn, key, shows])

  // A list that grew keeps the marks it had until the new answer lands.
  return loggedIn ? marks.ids : EMPTY
}

const EMPTY: ReadonlySet<number> = new Set()
