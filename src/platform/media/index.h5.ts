import Taro from '@tarojs/taro'
import { FULL, PICK_FAILED, pickCount, picked } from './limit'
import type { MediaAdapter, PickResult } from './types'

export type { MediaAdapter, PickResult } from './types'
export { pickCount } from './limit'

// The browser: Taro's chooseImage opens a file input and answers blob: URLs that uploadFile sends.
export const mediaAdapter: MediaAdapter = {
  async pickImages(count: number): Promise<PickResult> {
    const n = pickCount(count)
    if (n === 0) return FULL
    try {
      const res = await Taro.chooseImage({ count: n, sizeType: ['compressed'], sourceType: ['album'] })
      return picked(res.tempFilePaths ?? [], n)
    } catch (err) {
      return /cancel/.test(String((err as { errMsg?: string })?.errMsg ?? '')) ? { status: 'cancelled' } : PICK_FAILED
    }
  },
  // Taro's H5 preview: an overlay over the page, closed with a tap.
  previewImages(urls: string[], current: string) {
    if (urls.length === 0) return
    void Taro.previewImage({ urls, current }).catch(() => undefined)
  },
} satisfies MediaAdapter

export const pickImages: MediaAdapter['pickImages'] = (count) => mediaAdapter.pickImages(count)
export const previewImages: MediaAdapter['previewImages'] = (urls, current) => mediaAdapter.previewImages(urls, current)
