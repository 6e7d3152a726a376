import Taro from '@tarojs/taro'
import type { PosterAdapter } from './types'

export type { PosterAdapter, PosterCanvas, SaveResult } from './types'

// The H5 preview has no album: the canvas's data URL is downloaded as a file.
export const posterAdapter: PosterAdapter = {
  codePlatform: 'h5',
  saveLabel: '下载海报',
  exportCanvas: async (_ctx, canvasId, size) => {
    const r = await Taro.canvasToTempFilePath({ canvasId, destWidth: size.width, destHeight: size.height, fileType: 'png' })
    return r.tempFilePath
  },
  async save(dataUrl) {
    if (typeof document === 'undefined') return { status: 'failed', message: '当前环境不支持下载' }
    const a = document.createElement('a')
    a.href = dataUrl
    a.download = 'duet-poster.png'
    document.body.appendChild(a)
    a.click()
    a.remove()
    return { status: 'saved' }
  },
} satisfies PosterAdapter
