import { afterEach, describe, expect, it, vi } from 'vitest'
import Taro from '@tarojs/taro'
import { posterAdapter as weapp } from '../poster/index.weapp'
import { posterAdapter as alipay } from '../poster/index.alipay'

afterEach(() => {
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})

type Opts = { success(r: unknown): void; fail(e: unknown): void } & Record<string, unknown>
const ok = (res: unknown = {}) => vi.fn((o: Opts) => o.success(res))

function fakeWx(authSetting: Record<string, boolean | undefined>, over: Record<string, unknown> = {}) {
  const wx = {
    getSetting: ok({ authSetting }),
    authorize: ok(),
    openSetting: ok({ authSetting: { 'scope.writePhotosAlbum': false } }),
    saveImageToPhotosAlbum: ok(),
    canvasToTempFilePath: ok({ tempFilePath: 'wxfile://tmp/poster.png' }),
    ...over,
  }
  vi.stubGlobal('wx', wx)
  return wx
}

describe('weapp poster', () => {
  it('exports the canvas with wx.canvasToTempFilePath', async () => {
    const wx = fakeWx({})
    expect(await weapp.exportCanvas({}, 'duet-poster', { width: 600, height: 960 })).toBe('wxfile://tmp/poster.png')
    expect(wx.canvasToTempFilePath.mock.calls[0][0]).toMatchObject({ canvasId: 'duet-poster', destWidth: 600, destHeight: 960, fileType: 'png' })
  })

  it('already allowed: saves at once', async () => {
    const wx = fakeWx({ 'scope.writePhotosAlbum': true })
    expect(await weapp.save('wxfile://tmp/poster.png')).toEqual({ status: 'saved' })
    expect(wx.authorize).not.toHaveBeenCalled()
    expect(wx.saveImageToPhotosAlbum.mock.calls[0][0]).toMatchObject({ filePath: 'wxfile://tmp/poster.png' })
  })

  it('never asked: authorize scope.writePhotosAlbum, then save', async () => {
    const wx = fakeWx({})
    expect(await weapp.save('p.png')).toEqual({ status: 'saved' })
    expect(wx.authorize.mock.calls[0][0]).toMatchObject({ scope: 'scope.writePhotosAlbum' })
  })

  it('refused: a modal explains, openSetting; still off → denied, nothing saved', async () => {
    const modal = vi.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false } as never)
    const wx = fakeWx({ 'scope.writePhotosAlbum': false })
    expect((await weapp.save('p.png')).status).toBe('denied')
    expect(modal).toHaveBeenCalled()
    expect(wx.openSetting).toHaveBeenCalled()
    expect(wx.saveImageToPhotosAlbum).not.toHaveBeenCalled()
  })

  it('refused, then turned on in the settings: saves', async () => {
    vi.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false } as never)
    const wx = fakeWx({}, { authorize: vi.fn((o: Opts) => o.fail({ errMsg: 'authorize:fail auth deny' })), openSetting: ok({ authSetting: { 'scope.writePhotosAlbum': true } }) })
    expect(await weapp.save('p.png')).toEqual({ status: 'saved' })
    expect(wx.saveImageToPhotosAlbum).toHaveBeenCalled()
  })
})

describe('alipay poster', () => {
  it('exports through the context’s own toTempFilePath ({filePath})', async () => {
    const ctx = { toTempFilePath: vi.fn((o: Opts) => o.success({ filePath: 'https://resource/poster.png' })) }
    expect(await alipay.exportCanvas(ctx, 'duet-poster', { width: 600, height: 960 })).toBe('https://resource/poster.png')
  })

  it('saves with my.saveImageToPhotosAlbum, else the older my.saveImage', async () => {
    const save = ok()
    vi.stubGlobal('my', { saveImageToPhotosAlbum: save })
    expect(await alipay.save('p.png')).toEqual({ status: 'saved' })
    expect(save.mock.calls[0][0]).toMatchObject({ filePath: 'p.png' })
    const old = ok()
    vi.stubGlobal('my', { saveImage: old })
    expect(await alipay.save('p.png')).toEqual({ status: 'saved' })
    expect(old.mock.calls[0][0]).toMatchObject({ url: 'p.png' })
  })

  it('a refused permission is denied with where to turn it on', async () => {
    vi.stubGlobal('my', { saveImageToPhotosAlbum: vi.fn((o: Opts) => o.fail({ error: 2001, errorMessage: '用户拒绝授权' })) })
    expect(await alipay.save('p.png')).toEqual({ status: 'denied', message: expect.stringContaining('设置') })
  })
})
