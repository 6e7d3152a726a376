import type { PosterAdapter } from './types'

export type { PosterAdapter, PosterCanvas, SaveResult } from './types'

// Neutral default: Taro picks index.weapp.ts / index.alipay.ts / index.h5.ts for a real build.
export const posterAdapter: PosterAdapter = {
  codePlatform: 'weapp',
  saveLabel: '保存到相册',
  exportCanvas: () => Promise.reject(new Error('当前环境不支持生成海报')),
  save: async () => ({ status: 'failed', message: '当前环境不支持保存图片' }),
} satisfies PosterAdapter
