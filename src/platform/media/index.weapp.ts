import { FULL, PICK_FAILED, pickCount, picked } from './limit'
import type { MediaAdapter, PickResult } from './types'

export type { MediaAdapter, PickResult } from './types'
export { pickCount } from './limit'

declare const wx: {
  chooseMedia(options: {
    count: number
    mediaType: string[]
    sourceType: string[]
    sizeType: string[]
    success(res: { tempFiles: { tempFilePath: string; size: number }[] }): void
    fail(err: { errMsg?: string }): void
  }): void
  previewImage(options: { urls: string[]; current: string; fail?(err: unknown): void }): void
}

// wx.chooseMedia (wx.chooseImage is deprecated): images only, compressed, album or camera.
export const mediaAdapter: MediaAdapter = {
  async pickImages(count: number): Promise<PickResult> {
    const n = pickCount(count)
    if (n === 0) return FULL
    if (typeof wx === 'undefined' || typeof wx.chooseMedia !== 'function') return { status: 'failed', message: '当前微信版本暂不支持选择图片' }
    return new Promise<PickResult>((resolve) => {
      try {
        wx.chooseMedia({
          count: n,
          mediaType: ['image'],
          sourceType: ['album', 'camera'],
          sizeType: ['compressed'],
          success: (res) => resolve(picked((res?.tempFiles ?? []).map((f) => f?.tempFilePath), n)),
          // 'chooseMedia:fail cancel' is the shopper closing the picker.
          fail: (err) => resolve(/cancel/.test(err?.errMsg ?? '') ? { status: 'cancelled' } : PICK_FAILED),
        })
      } catch {
        resolve(PICK_FAILED)
      }
    })
  },
  // wx.previewImage: `current` is the URL of the image shown first.
  previewImages(urls: string[], current: string) {
    if (typeof wx === 'undefined' || typeof wx.previewImage !== 'function' || urls.length === 0) return
    wx.previewImage({ urls, current: urls.includes(current) ? current : urls[0], fail: () => undefined })
  },
} satisfies MediaAdapter

export const pickImages: MediaAdapter['pickImages'] = (count) => mediaAdapter.pickImages(count)
export const previewImages: MediaAdapter['previewImages'] = (urls, current) => mediaAdapter.previewImages(urls, current)
