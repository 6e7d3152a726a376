import Taro from '@tarojs/taro'
import type { PosterStep } from '@/domain/poster-layout'

/** The legacy context's calls this page uses (Taro.createCanvasContext: weapp, Alipay and H5 alike). */
export type LegacyContext = ReturnType<typeof Taro.createCanvasContext>

/** Replays the layout's steps; images must be local paths already (getImageInfo / downloadFile). */
export function replay(ctx: LegacyContext, steps: readonly PosterStep[]): void {
  for (const s of steps) {
    if (s.kind === 'rect') {
      ctx.setFillStyle(s.color)
      ctx.fillRect(s.x, s.y, s.w, s.h)
    } else if (s.kind === 'image') {
      ctx.drawImage(s.src, s.x, s.y, s.w, s.h)
    } else {
      ctx.setFillStyle(s.color)
      ctx.font = `${s.bold ? 'bold ' : ''}${s.size}px sans-serif`
      ctx.setFontSize(s.size)
      ctx.fillText(s.text, s.x, s.y)
    }
  }
}

/** ctx.draw(false, callback): the callback means the host finished painting, so export can start. */
export function paint(ctx: LegacyContext): Promise<void> {
  return new Promise((resolve) => {
    let done = false
    const finish = () => {
      if (!done) resolve()
      done = true
    }
    ctx.draw(false, finish)
    // Some hosts (older Alipay) never call back: go on after a moment.
    setTimeout(finish, 600)
  })
}

/** A remote image as a local path the canvas can draw: null when it can't be fetched (the poster goes on without it). */
export async function localImage(src: string, kind: 'image' | 'download'): Promise<string | null> {
  try {
    if (kind === 'download') {
      const r = await Taro.downloadFile({ url: src })
      return r.statusCode === 200 || r.statusCode === undefined ? r.tempFilePath : null
    }
    const r = await Taro.getImageInfo({ src })
    return r.path
  } catch {
    return null
  }
}
