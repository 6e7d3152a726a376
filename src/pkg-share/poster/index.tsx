import { useEffect, useState } from 'react'
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro'
import { Button, Canvas, Image, Text, View } from '@tarojs/components'
import type { CodePage } from '@/domain/sharing'
import { estimateWidth, POSTER_HEIGHT, POSTER_WIDTH, posterLayout } from '@/domain/poster-layout'
import { posterAdapter } from '@/platform/poster'
import ShareButton, { type ShareMessage } from '@/platform/share'
import { route } from '@/routes'
import { myShareScene } from '@/services/attribution'
import { getProduct } from '@/services/catalog'
import { errorMessage, imageUrl } from '@/services/http'
import { codeImageUrl } from '@/services/promoters'
import { useSession } from '@/store/session'
import { localImage, paint, replay } from './draw'
import '../share.scss'
import './index.scss'

const CANVAS_ID = 'duet-poster'
const SHOP_NAME = 'Duet 商城'
const SHARE_TITLE = 'Duet 商城：好物推荐给你'

/** The poster's product (or the shop) as a chat share or, in H5, a copied link: the sharer's 'share' scene rides along. */
const shareMessage = (productId: number | null, scene: string | null): ShareMessage => ({
  title: SHARE_TITLE,
  path: productId ? route.productShared(productId, scene) : route.homeShared(scene),
})

/** Draws the poster once: product (or shop), the sharer's mini-program code, their nickname. */
async function drawPoster(productId: number | null, nickname: string | null): Promise<string> {
  const product = productId ? await getProduct(productId) : null
  const page: CodePage = productId ? 'pkg-shop/product/index' : 'pages/index/index'
  const scene = await myShareScene(productId, 'poster')
  const [image, code] = await Promise.all([
    product ? localImage(imageUrl(product.image), 'image') : Promise.resolve(null),
    scene ? localImage(codeImageUrl(page, scene, posterAdapter.codePlatform), 'download') : Promise.resolve(null),
  ])
  const ctx = Taro.createCanvasContext(CANVAS_ID)
  const measure = (text: string, size: number) => {
    ctx.setFontSize(size)
    const w = (ctx.measureText?.(text) as { width?: number } | undefined)?.width
    return typeof w === 'number' && w > 0 ? w : estimateWidth(text, size)
  }
  replay(ctx, posterLayout({ shopName: SHOP_NAME, nickname, product: product ? { title: product.title, price: product.price, image } : null, code }, measure))
  await paint(ctx)
  return posterAdapter.exportCanvas(ctx as never, CANVAS_ID, { width: POSTER_WIDTH, height: POSTER_HEIGHT })
}

export default function PosterPage() {
  const { params } = useRouter()
  const productId = Number(params.productId) > 0 ? Number(params.productId) : null
  const nickname = useSession((s) => s.user?.nickname ?? null)
  const [path, setPath] = useState<string | null>(null)
  const [message, setMessage] = useState('')
  const [saving, setSaving] = useState(false)
  const [share, setShare] = useState<ShareMessage>(() => shareMessage(productId, null))

  useEffect(() => {
    let live = true
    void myShareScene(productId, 'share').then((scene) => live && setShare(shareMessage(productId, scene)))
    return () => {
      live = false
    }
  }, [productId])
  useShareAppMessage(() => share)

  useEffect(() => {
    let live = true
    // Wait a tick so the <Canvas> is in the page before drawing on it.
    const timer = setTimeout(() => {
      drawPoster(productId, nickname).then(
        (p) => live && setPath(p),
        (err: unknown) => live && setMessage(err instanceof Error && !('status' in err) ? err.message : errorMessage(err)),
      )
    }, 50)
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [productId, nickname])

  const save = async () => {
    if (!path || saving) return
    setSaving(true)
    const r = await posterAdapter.save(path)
    setSaving(false)
    if (r.status === 'saved') void Taro.showToast({ title: '已保存', icon: 'success' })
    else setMessage(r.message)
  }

  return (
    <View className="share-page poster-page">
      <Canvas canvasId={CANVAS_ID} id={CANVAS_ID} className="poster-canvas" style={`width:${POSTER_WIDTH}px;height:${POSTER_HEIGHT}px`} />
      {path ? (
        <Image className="poster-image" src={path} mode="widthFix" onClick={() => void Taro.previewImage({ urls: [path], current: path })} />
      ) : (
        <Text className="share-text poster-drawing">{message ? '' : '海报生成中…'}</Text>
      )}
      {message ? <Text className="share-error poster-message">{message}</Text> : null}
      <Button className="share-button poster-save" disabled={!path || saving || undefined} onClick={() => void save()}>
        {saving ? '保存中…' : posterAdapter.saveLabel}
      </Button>
      <ShareButton className="share-button--plain poster-share" label="分享给好友" message={share} />
      <Text className="share-text">保存后分享到朋友圈或发给好友，好友扫码下单你可获得佣金</Text>
    </View>
  )
}
