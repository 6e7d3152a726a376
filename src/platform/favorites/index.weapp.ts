import type { FavoriteGuideStatus, FavoritesAdapter } from './types'

declare const wx: {
  checkIsAddedToMyMiniProgram?(options: { success(res: { added?: boolean }): void; fail(err: { errMsg?: string }): void }): void
  showShareMenu?(options: { withShareTicket?: boolean; menus?: string[]; fail?: () => void }): void
}

// "Add to my mini-programs" status from wx.checkIsAddedToMyMiniProgram (base library 2.29.1+;
// older hosts answer unknown and the guide stays, it is dismissable).
// Typed as the interface for callers (so they see every status); `satisfies` still rejects extra or missing members.
export const favoritesAdapter: FavoritesAdapter = {
  guideStatus(): Promise<FavoriteGuideStatus> {
    if (typeof wx === 'undefined' || typeof wx.checkIsAddedToMyMiniProgram !== 'function') return Promise.resolve({ status: 'unknown' })
    const check = wx.checkIsAddedToMyMiniProgram
    return new Promise((resolve) => {
      try {
        check.call(wx, {
          success: (res) => resolve(res?.added === true ? { status: 'added' } : res?.added === false ? { status: 'not-added' } : { status: 'unknown' }),
          fail: () => resolve({ status: 'unknown' }),
        })
      } catch {
        resolve({ status: 'unknown' })
      }
    })
  },
  guideText: '点击右上角「···」，选择「添加到我的小程序」，下次在微信首页下拉就能找到本店',
  showShareMenu() {
    if (typeof wx === 'undefined' || typeof wx.showShareMenu !== 'function') return
    try {
      // withShareTicket: a share into a group hands back a ticket (group-level sharing stats).
      wx.showShareMenu({ withShareTicket: true, menus: ['shareAppMessage', 'shareTimeline'], fail: () => undefined })
    } catch {
      // An old base library without menus: the page's share flags still offer chat sharing.
    }
  },
} satisfies FavoritesAdapter
