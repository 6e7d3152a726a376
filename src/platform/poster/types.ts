/** The legacy canvas context (Taro.createCanvasContext): its Alipay flavour also exports itself. */
export interface PosterCanvas {
  toTempFilePath?(options: { x?: number; y?: number; width?: number; height?: number; destWidth?: number; destHeight?: number; fileType?: string; success(res: { filePath?: string; apFilePath?: string; tempFilePath?: string }): void; fail(err: unknown): void }): void
}

export type SaveResult =
  | { status: 'saved' }
  /** The shopper refused the album permission (and did not turn it on in the settings). */
  | { status: 'denied'; message: string }
  | { status: 'failed'; message: string }

export interface PosterAdapter {
  /** Which platform's code GET /api/codes draws for this build. */
  codePlatform: 'weapp' | 'alipay' | 'h5'
  /** What the save button says: 保存到相册 in the mini-programs, 下载海报 on H5. */
  saveLabel: string
  /** The drawn canvas as a local image (a data URL on H5). Call after ctx.draw's callback. */
  exportCanvas(ctx: PosterCanvas, canvasId: string, size: { width: number; height: number }): Promise<string>
  /** Into the phone's album (with the platform's permission flow), or a download on H5. */
  save(path: string): Promise<SaveResult>
}
