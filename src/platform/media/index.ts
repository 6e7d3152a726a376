import type { MediaAdapter } from './types'

export type { MediaAdapter, PickResult } from './types'
export { pickCount } from './limit'

// Neutral default: Taro picks index.weapp.ts / index.alipay.ts / index.h5.ts for a real build.
export const mediaAdapter: MediaAdapter = {
  pickImages: async () => ({ status: 'failed', message: '当前环境暂不支持选择图片' }),
  previewImages: () => undefined,
} satisfies MediaAdapter

export const pickImages: MediaAdapter['pickImages'] = (count) => mediaAdapter.pickImages(count)
export const previewImages: MediaAdapter['previewImages'] = (urls, current) => mediaAdapter.previewImages(urls, current)
