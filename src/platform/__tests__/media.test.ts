import { afterEach, describe, expect, it, vi } from 'vitest'
import Taro from '@tarojs/taro'
import { mediaAdapter as weapp } from '../media/index.weapp'
import { mediaAdapter as alipay } from '../media/index.alipay'
import { mediaAdapter as h5 } from '../media/index.h5'
import { pickCount } from '../media'

type Callbacks = { success(res: unknown): void; fail(err: unknown): void }

afterEach(() => {
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})

describe('pickCount', () => {
  it('is bounded by the nine photos one pick hands back (a review takes 9, the page asks for its room)', () => {
    expect([pickCount(-1), pickCount(0), pickCount(3), pickCount(6), pickCount(9), pickCount(12)]).toEqual([0, 0, 3, 6, 9, 9])
  })
})

describe('weapp media', () => {
  it('calls wx.chooseMedia for compressed images only with the room left, and answers the temp paths', async () => {
    const chooseMedia = vi.fn(({ success }: Callbacks) => success({ tempFiles: [{ tempFilePath: 'wxfile://a.jpg', size: 1 }, { tempFilePath: 'wxfile://b.jpg', size: 2 }] }))
    const chooseImage = vi.fn()
    vi.stubGlobal('wx', { chooseMedia, chooseImage })
    vi.stubGlobal('my', { chooseImage })
    expect(await weapp.pickImages(4)).toEqual({ status: 'picked', paths: ['wxfile://a.jpg', 'wxfile://b.jpg'] })
    const { success, fail, ...sent } = chooseMedia.mock.calls[0][0] as Callbacks & Record<string, unknown>
    expect([typeof success, typeof fail]).toEqual(['function', 'function'])
    expect(sent).toEqual({ count: 4, mediaType: ['image'], sourceType: ['album', 'camera'], sizeType: ['compressed'] })
    expect(chooseImage).not.toHaveBeenCalled()
  })

  it('never asks for more than nine, refuses when full, and keeps no more than asked', async () => {
    const chooseMedia = vi.fn(({ success }: Callbacks) => success({ tempFiles: Array.from({ length: 12 }, (_, i) => ({ tempFilePath: `p${i}` })) }))
    vi.stubGlobal('wx', { chooseMedia })
    const r = await weapp.pickImages(12)
    expect((chooseMedia.mock.calls[0][0] as unknown as { count: number }).count).toBe(9)
    expect(r).toEqual({ status: 'picked', paths: ['p0', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8'] })
    expect(await weapp.pickImages(0)).toEqual({ status: 'failed', message: '图片数量已达上限' })
    expect(chooseMedia).toHaveBeenCalledOnce()
  })

  it('cancel is cancelled, another failure a message', async () => {
    vi.stubGlobal('wx', { chooseMedia: ({ fail }: Callbacks) => fail({ errMsg: 'chooseMedia:fail cancel' }) })
    expect(await weapp.pickImages(1)).toEqual({ status: 'cancelled' })
    vi.stubGlobal('wx', { chooseMedia: ({ fail }: Callbacks) => fail({ errMsg: 'chooseMedia:fail auth deny' }) })
    expect(await weapp.pickImages(1)).toEqual({ status: 'failed', message: '选择图片失败，请稍后重试' })
  })
})

describe('alipay media', () => {
  it('calls my.chooseImage with count and answers filePaths; never wx.chooseMedia', async () => {
    const chooseImage = vi.fn(({ success }: Callbacks) => success({ filePaths: ['https://resource/a.jpg'] }))
    const chooseMedia = vi.fn()
    vi.stubGlobal('my', { chooseImage })
    vi.stubGlobal('wx', { chooseMedia })
    expect(await alipay.pickImages(2)).toEqual({ status: 'picked', paths: ['https://resource/a.jpg'] })
    const { success, fail, ...sent } = chooseImage.mock.calls[0][0] as Callbacks & Record<string, unknown>
    expect([typeof success, typeof fail]).toEqual(['function', 'function'])
    expect(sent).toEqual({ count: 2, sizeType: ['compressed'], sourceType: ['album', 'camera'] })
    expect(chooseMedia).not.toHaveBeenCalled()
  })

  it('older hosts answer apFilePaths; error 11 is the shopper cancelling', async () => {
    vi.stubGlobal('my', { chooseImage: ({ success }: Callbacks) => success({ apFilePaths: ['ap://x'] }) })
    expect(await alipay.pickImages(1)).toEqual({ status: 'picked', paths: ['ap://x'] })
    vi.stubGlobal('my', { chooseImage: ({ fail }: Callbacks) => fail({ error: 11, errorMessage: '用户取消' }) })
    expect(await alipay.pickImages(1)).toEqual({ status: 'cancelled' })
  })
})

describe('h5 media', () => {
  it('uses Taro.chooseImage (the file input) with the room left', async () => {
    const choose = vi.fn(async () => ({ tempFilePaths: ['blob:1', 'blob:2'], tempFiles: [], errMsg: 'chooseImage:ok' }))
    ;(Taro as unknown as { chooseImage: unknown }).chooseImage = choose
    expect(await h5.pickImages(2)).toEqual({ status: 'picked', paths: ['blob:1', 'blob:2'] })
    expect(choose).toHaveBeenCalledWith({ count: 2, sizeType: ['compressed'], sourceType: ['album'] })
  })
})

describe('previewImages', () => {
  const urls = ['https://x/a.jpg', 'https://x/b.jpg']

  it('WeChat opens at the URL (wx.previewImage `current` is a link)', () => {
    const previewImage = vi.fn()
    vi.stubGlobal('wx', { previewImage })
    weapp.previewImages(urls, urls[1])
    expect(previewImage).toHaveBeenCalledWith(expect.objectContaining({ urls, current: urls[1] }))
  })

  it('Alipay opens at the index (my.previewImage `current` is a number)', () => {
    const previewImage = vi.fn()
    vi.stubGlobal('my', { previewImage })
    alipay.previewImages(urls, urls[1])
    expect(previewImage).toHaveBeenCalledWith(expect.objectContaining({ urls, current: 1 }))
    alipay.previewImages(urls, 'https://x/gone.jpg')
    expect(previewImage).toHaveBeenLastCalledWith(expect.objectContaining({ current: 0 }))
  })

  it('nothing to show is no call', () => {
    const previewImage = vi.fn()
    vi.stubGlobal('wx', { previewImage })
    weapp.previewImages([], '')
    expect(previewImage).not.toHaveBeenCalled()
  })
})
