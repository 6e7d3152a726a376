import Taro from '@tarojs/taro'
import type { PosterAdapter, SaveResult } from './types'

export type { PosterAdapter, PosterCanvas, SaveResult } from './types'

type Cb<T> = { success(res: T): void; fail(err: { errMsg?: string }): void }
declare const wx: {
  canvasToTempFilePath(o: { canvasId: string; width: number; height: number; destWidth: number; destHeight: number; fileType: 'png' } & Cb<{ tempFilePath: string }>): void
  getSetting(o: Cb<{ authSetting: Record<string, boolean | undefined> }>): void
  authorize(o: { scope: string } & Cb<unknown>): void
  openSetting(o: Cb<{ authSetting: Record<string, boolean | undefined> }>): void
  saveImageToPhotosAlbum(o: { filePath: string } & Cb<unknown>): void
}

const SCOPE = 'scope.writePhotosAlbum'
const DENIED: SaveResult = { status: 'denied', message: '未获得相册权限，海报没有保存' }

function call<T>(fn: (o: Cb<T>) => void): Promise<T> {
  return new Promise((resolve, reject) => fn({ success: resolve, fail: reject }))
}

/** getSetting → (never asked) authorize → (refused) a modal explaining, then openSetting. */
async function albumAllowed(): Promise<boolean> {
  const { authSetting } = await call<{ authSetting: Record<string, boolean | undefined> }>((o) => wx.getSetting(o))
  if (authSetting[SCOPE] === true) return true
  if (authSetting[SCOPE] === undefined) {
    try {
      await call((o) => wx.authorize({ scope: SCOPE, ...o }))
      return true
    } catch {
      // Refused just now: explain below, like a refusal from before.
    }
  }
  const { confirm } = await Taro.showModal({ title: '需要相册权限', content: '保存海报需要允许访问你的相册，请在设置中打开「保存到相册」', confirmText: '去设置' })
  if (!confirm) return false
  const after = await call<{ authSetting: Record<string, boolean | undefined> }>((o) => wx.openSetting(o))
  return after.authSetting[SCOPE] === true
}

export const posterAdapter: PosterAdapter = {
  codePlatform: 'weapp',
  saveLabel: '保存到相册',
  // wx.canvasToTempFilePath {canvasId, destWidth, destHeight, fileType} → {tempFilePath}, for the legacy canvas.
  exportCanvas: (_ctx, canvasId, size) =>
    call<{ tempFilePath: string }>((o) => wx.canvasToTempFilePath({ canvasId, width: size.width, height: size.height, destWidth: size.width, destHeight: size.height, fileType: 'png', ...o })).then((r) => r.tempFilePath),
  async save(filePath) {
    try {
      if (!(await albumAllowed())) return DENIED
      // wx.saveImageToPhotosAlbum {filePath}: needs scope.writePhotosAlbum (and its line in the privacy guide).
      await call((o) => wx.saveImageToPhotosAlbum({ filePath, ...o }))
      return { status: 'saved' }
    } catch (err) {
      const msg = (err as { errMsg?: string })?.errMsg ?? ''
      if (/auth deny|auth denied|privacy/.test(msg)) return DENIED
      if (/cancel/.test(msg)) return { status: 'failed', message: '已取消保存' }
      return { status: 'failed', message: '保存失败，请稍后重试' }
    }
  },
} satisfies PosterAdapter
