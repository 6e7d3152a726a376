import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { favoritesAdapter } from '@/platform/favorites'
import type { FavoriteGuideStatus, FavoritesAdapter } from '@/platform/favorites/types'
import { GUIDE_DISMISSED_KEY, readDismissedAt, shouldShowGuide } from './guide-rules'

async function statusOf(adapter: FavoritesAdapter): Promise<FavoriteGuideStatus['status']> {
  try {
    return (await adapter.guideStatus()).status
  } catch {
    return 'unknown'
  }
}

/** Whether to show the "add this mini-program" guide; asks the platform on mount and each time the page shows. */
export function useFavoriteGuide(adapter: FavoritesAdapter = favoritesAdapter, now: () => number = Date.now) {
  const [visible, setVisible] = useState(false)
  const alive = useRef(true)

  const refresh = useCallback(async () => {
    const dismissedAt = readDismissedAt(Taro.getStorageSync(GUIDE_DISMISSED_KEY))
    // Within the quiet week the platform is not even asked.
    const status = shouldShowGuide('unknown', dismissedAt, now()) ? await statusOf(adapter) : 'added'
    if (alive.current) setVisible(shouldShowGuide(status, dismissedAt, now()))
  }, [adapter, now])

  useEffect(() => {
    alive.current = true
    void refresh()
    return () => {
      alive.current = false
    }
  }, [refresh])
  useDidShow(() => void refresh())

  const dismiss = useCallback(() => {
    Taro.setStorageSync(GUIDE_DISMISSED_KEY, now())
    setVisible(false)
  }, [now])

  return { visible, text: adapter.guideText, dismiss }
}
