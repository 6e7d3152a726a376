import { useCallback, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { pickImages } from '@/platform/media'
import { errorMessage } from '@/services/http'

export interface Photo {
  /** What the page previews (the picked file). */
  local: string
  /** The server path the upload answered: what the request carries. */
  url: string
}

export interface PhotoOptions {
  /** The most the request takes (an after-sales request 6, a review 9). */
  max: number
  /** The upload endpoint's client: the picked file → the server path. */
  upload: (filePath: string) => Promise<string>
}

/**
 * Photos for a request (after-sales, a review): pick through the platform, upload one by one,
 * say how far it got and what failed. What was uploaded stays when the request fails.
 */
export function usePhotos({ max, upload }: PhotoOptions) {
  const [photos, setPhotos] = useState<Photo[]>([])
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null)
  const busy = useRef(false)

  const add = useCallback(async () => {
    if (busy.current) return
    const room = max - photos.length
    if (room <= 0) {
      void Taro.showToast({ title: `最多上传 ${max} 张图片`, icon: 'none' })
      return
    }
    busy.current = true
    try {
      const r = await pickImages(room)
      if (r.status === 'failed') void Taro.showToast({ title: r.message, icon: 'none' })
      if (r.status !== 'picked') return
      const paths = r.paths.slice(0, room)
      setProgress({ done: 0, total: paths.length })
      let failed = 0
      for (const [i, local] of paths.entries()) {
        try {
          const url = await upload(local)
          setPhotos((list) => (list.length < max ? [...list, { local, url }] : list))
        } catch (err) {
          failed++
          if (failed === 1) void Taro.showToast({ title: errorMessage(err), icon: 'none' })
        }
        setProgress({ done: i + 1, total: paths.length })
      }
      if (failed > 1) void Taro.showToast({ title: `${failed} 张图片上传失败，请重试`, icon: 'none' })
    } finally {
      setProgress(null)
      busy.current = false
    }
  }, [photos.length, max, upload])

  const remove = useCallback((index: number) => setPhotos((list) => list.filter((_, i) => i !== index)), [])

  return { photos, progress, add, remove }
}
