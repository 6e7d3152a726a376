import type { PosterAdapter, SaveResult } from './types'

export type { PosterAdapter, PosterCanvas, SaveResult } from './types'

type Cb = { success(res: unknown): void; fail(err: { error?: number; errorMessage?: string }): void }
declare const my: {
  saveImageToPhotosAlbum?(o: { filePath: string } & Cb): void
  /** Older hosts: my.saveImage {url, showActionSheet}. */
  saveImage?(o: { url: string; showActionSheet?: boolean } & Cb): void
}

function save(filePath: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const cb = { success: resolve, fail: reject }
    if (typeof my.saveImageToPhotosAlbum === 'function') my.saveImageToPhotosAlbum({ filePath, ...cb })
    else if (typeof my.saveImage === 'function') my.saveImage({ url: filePath, showActionSheet: false, ...cb })
    else reject({ errorMessage: 'no save api' })
  })
}

export const posterAdapter: PosterAdapter = {
  codePlatform: 'alipay',
  saveLabel: '保存到相册',
  // Alipay's legacy CanvasContext exports itself: ctx.toTempFilePath → {filePath} (older hosts apFilePath).
  exportCanvas: (ctx, _canvasId, size) =>
    new Promise((resolve, reject) => {
      if (typeof ctx.toTempFilePath !== 'function') return reject(new Error('当前支付宝版本不支持生成海报'))
      ctx.toTempFilePath({
        width: size.width,
        height: size.height,
        destWidth: size.width,
        destHeight: size.height,
        fileType: 'png',
        success: (res) => {
          const path = res.filePath ?? res.apFilePath ?? res.tempFilePath
          if (path) resolve(path)
          else reject(new Error('海报导出失败'))
        },
        fail: reject,
      })
    }),
  // my.saveImageToPhotosAlbum {filePath}: the host asks for the album permission itself; a refusal arrives in fail.
  async save(filePath): Promise<SaveResult> {
    if (typeof my === 'undefined') return { status: 'failed', message: '当前环境不支持保存图片' }
    try {
      await save(filePath)
      return { status: 'saved' }
    } catch (err) {
      const e = err as { error?: number; errorMessage?: string }
      if (e?.error === 2001 || e?.error === 15 || /权限|授权|auth/i.test(e?.errorMessage ?? '')) return { status: 'denied', message: '未获得相册权限，请在支付宝「设置 › 隐私」中允许访问相册' }
      return { status: 'failed', message: '保存失败，请稍后重试' }
    }
  },
} satisfies PosterAdapter
