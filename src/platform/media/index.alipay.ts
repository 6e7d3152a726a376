import { FULL, PICK_FAILED, pickCount, picked } from './limit'
import type { MediaAdapter, PickResult } from './types'

export type { MediaAdapter, PickResult } from './types'
export { pickCount } from './limit'

declare const my: {
  chooseImage(options: {
    count: number
    sizeType: string[]
    sourceType: string[]
    success(res: { apFilePaths?: string[]; filePaths?: string[]; tempFiles?: { path: string }[] }): void
    fail(err: { error?: number; errorMessage?: string }): void
  }): void
  previewImage(options: { urls: string[]; current: number; fail?(err: unknown): void }): void
}

// my.chooseImage: the paths come as filePaths (apFilePaths on older hosts); error 11 is the shopper cancelling.
export const mediaAdapter: MediaAdapter = {
  async pickImages(count: number): Promise<PickResult> {
    const n = pickCount(count)
    if (n === 0) return FULL
    if (typeof my === 'undefined' || typeof my.chooseImage !== 'function') return { status: 'failed', message: '当前支付宝版本暂不支持选择图片' }
    return new Promise<PickResult>((resolve) => {
      try {
        my.chooseImage({
          count: n,
          sizeType: ['compressed'],
          sourceType: ['album', 'camera'],
          success: (res) => resolve(picked(res?.filePaths ?? res?.apFilePaths ?? (res?.tempFiles ?? []).map((f) => f?.path), n)),
          fail: (err) => resolve(err?.error === 11 ? { status: 'cancelled' } : PICK_FAILED),
        })
      } catch {
        resolve(PICK_FAILED)
      }
    })
  },
  // my.previewImage: `current` is the index in `urls` (a number), not WeChat's URL.
  previewImages(urls: string[], current: string) {
    if (typeof my === 'undefined' || typeof my.previewImage !== 'function' || urls.length === 0) return
    my.previewImage({ urls, current: Math.max(0, urls.indexOf(current)), fail: () => undefined })
  },
} satisfies MediaAdapter

export const pickImages: MediaAdapter['pickImages'] = (count) => mediaAdapter.pickImages(count)
export const previewImages: MediaAdapter['previewImages'] = (urls, current) => mediaAdapter.previewImages(urls, current)
