import { afterEach, describe, expect, it, vi } from 'vitest'
import { favoritesAdapter as weapp } from '../favorites/index.weapp'
import { favoritesAdapter as alipay, statusFromMenu } from '../favorites/index.alipay'
import { favoritesAdapter as h5 } from '../favorites/index.h5'

type Callbacks = { success(res: unknown): void; fail(err: unknown): void }

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('weapp favorites', () => {
  it('follows wx.checkIsAddedToMyMiniProgram', async () => {
    vi.stubGlobal('wx', { checkIsAddedToMyMiniProgram: ({ success }: Callbacks) => success({ added: true }) })
    expect(await weapp.guideStatus()).toEqual({ status: 'added' })
    vi.stubGlobal('wx', { checkIsAddedToMyMiniProgram: ({ success }: Callbacks) => success({ added: false }) })
    expect(await weapp.guideStatus()).toEqual({ status: 'not-added' })
    vi.stubGlobal('wx', { checkIsAddedToMyMiniProgram: ({ fail }: Callbacks) => fail({ errMsg: 'fail' }) })
    expect(await weapp.guideStatus()).toEqual({ status: 'unknown' })
    vi.stubGlobal('wx', {})
    expect(await weapp.guideStatus()).toEqual({ status: 'unknown' })
    expect(weapp.guideText).toContain('添加到我的小程序')
  })

  it('turns on chat and moments sharing', () => {
    const showShareMenu = vi.fn()
    vi.stubGlobal('wx', { showShareMenu })
    weapp.showShareMenu()
    expect(showShareMenu.mock.calls[0][0]).toMatchObject({ menus: ['shareAppMessage', 'shareTimeline'] })
  })
})

describe('alipay favorites', () => {
  it('reads optionMenuStatus', async () => {
    vi.stubGlobal('my', { getMenuButtonBoundingClientRect: () => ({ optionMenuStatus: 'UnFavorite' }) })
    expect(await alipay.guideStatus()).toEqual({ status: 'not-added' })
    vi.stubGlobal('my', { getMenuButtonBoundingClientRect: () => ({ optionMenuStatus: 'Favorite' }) })
    expect(await alipay.guideStatus()).toEqual({ status: 'added' })
    expect(statusFromMenu(undefined)).toBeNull()
  })

  it('falls back to my.isCollected where the host has it, unknown otherwise', async () => {
    vi.stubGlobal('my', { getMenuButtonBoundingClientRect: () => ({}), isCollected: ({ success }: Callbacks) => success({ isCollected: true }) })
    expect(await alipay.guideStatus()).toEqual({ status: 'added' })
    vi.stubGlobal('my', { getMenuButtonBoundingClientRect: () => ({}) })
    expect(await alipay.guideStatus()).toEqual({ status: 'unknown' })
    expect(alipay.guideText).toContain('收藏')
  })
})

describe('h5 favorites', () => {
  it('is a bookmark hint', async () => {
    expect(await h5.guideStatus()).toEqual({ status: 'not-added' })
    expect(h5.guideText).toContain('书签')
  })
})
