import { beforeEach, describe, expect, it } from 'vitest'
import { act, fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { resetTaroShim } from '../../../test/shims/taro'
import FavoriteGuide from '@/components/favorite-guide'
import { GUIDE_DISMISSED_KEY, GUIDE_QUIET_MS, readDismissedAt, shouldShowGuide } from '@/components/favorite-guide/guide-rules'
import type { FavoriteGuideStatus, FavoritesAdapter } from '@/platform/favorites/types'

const adapter = (status: FavoriteGuideStatus): FavoritesAdapter => ({ guideStatus: async () => status, guideText: '点右上角收藏本店', showShareMenu: () => undefined })
const flush = () => act(async () => void (await new Promise((r) => setTimeout(r, 0))))

beforeEach(() => resetTaroShim())

describe('shouldShowGuide', () => {
  const now = 1_800_000_000_000
  it('shows until added, and not for 7 days after a dismissal', () => {
    expect(shouldShowGuide('not-added', null, now)).toBe(true)
    expect(shouldShowGuide('unknown', null, now)).toBe(true)
    expect(shouldShowGuide('added', null, now)).toBe(false)
    expect(shouldShowGuide('unavailable', null, now)).toBe(false)
    expect(shouldShowGuide('not-added', now - GUIDE_QUIET_MS + 1000, now)).toBe(false)
    expect(shouldShowGuide('not-added', now - GUIDE_QUIET_MS, now)).toBe(true)
    // A clock set back never hides it forever.
    expect(shouldShowGuide('not-added', now + 60_000, now)).toBe(true)
  })
  it('reads the stored time', () => {
    expect(readDismissedAt(123)).toBe(123)
    expect(readDismissedAt('456')).toBe(456)
    expect(readDismissedAt('')).toBeNull()
    expect(readDismissedAt('x')).toBeNull()
  })
})

describe('FavoriteGuide', () => {
  it('shows the platform hint while not added, and closing it keeps it away', async () => {
    const { unmount } = render(<FavoriteGuide adapter={adapter({ status: 'not-added' })} />)
    await flush()
    expect(screen.getByText('点右上角收藏本店')).toBeTruthy()
    fireEvent.click(screen.getByText('×'))
    expect(screen.queryByText('点右上角收藏本店')).toBeNull()
    expect(typeof Taro.getStorageSync(GUIDE_DISMISSED_KEY)).toBe('number')
    unmount()
    render(<FavoriteGuide adapter={adapter({ status: 'not-added' })} />)
    await flush()
    expect(screen.queryByText('点右上角收藏本店')).toBeNull()
  })

  it('stays hidden once added', async () => {
    render(<FavoriteGuide adapter={adapter({ status: 'added' })} />)
    await flush()
    expect(screen.queryByText('点右上角收藏本店')).toBeNull()
  })
})
