import { useCallback, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { AFTER_SALE_LIMITS } from '@/domain/after-sales'
import { pickImages } from '@/platform/media'
import { uploadAfterSalePhoto } from '@/services/after-sales'
import { errorMessage } from '@/services/http'

export interface Photo {
  /** What the page previews (the picked file). */
  local: string
  /** The server path the upload answered: what the request carries. */
  url: string
}

/** Up to six photos: pick through the platform, upload one by one, say how far it got and what failed. */
export function usePhotos() {
  const [photos, setPhotos] = useState<Photo[]>([])
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null)
  const busy = useRef(false)

  const add = useCallback(async () => {
    if (busy.current) return
    const room = AFTER_SALE_LIMITS.photos - photos.length
    if (room <= 0) {
      void Taro.showToast({ title: `最多上传 ${AFTER_SALE_LIMITS.photos} 张图片`, icon: 'none' })
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
          const url = await uploadAfterSalePhoto(local)
          setPhotos((list) => (list.length < AFTER_SALE_LIMITS.photos ? [...list, { local, url }] : list))
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
  }, [photos.length])

  const remove = useCallback((index: number) => setPhotos((list) => list.filter((_, i) => i !== index)), [])

  return { photos, progress, add, remove }
}
