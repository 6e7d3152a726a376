import { useEffect, useState } from 'react'
import Taro, { useAddToFavorites, useShareAppMessage, useShareTimeline } from '@tarojs/taro'
import { View } from '@tarojs/components'
import FavoriteGuide from '@/components/favorite-guide'
import GroupDealSection from '@/components/group-deal-section'
import LifestyleFollow from '@/components/lifestyle-follow'
import PlanEntry from '@/components/plan-entry'
import ReviewSection from '@/components/review-section'
import StateView from '@/components/state-view'
import SkuSheet, { type SkuSheetMode } from '@/components/sku-sheet'
import type { ProductDetail, Sku } from '@/domain/contract'
import { favoritesAdapter } from '@/platform/favorites'
import { myShareScene } from '@/services/attribution'
import ServiceEntry from '@/platform/service'
import { PAGES, route, TAB_PAGES } from '@/routes'
import { imageUrl } from '@/services/http'
import { useCart } from '@/store/cart'
import { useIsLoggedIn } from '@/store/session'
import Gallery from './gallery'
import ProductBar from './product-bar'
import ProductInfo from './product-info'
import { shareOf } from './share'
import ShareEarn from './share-earn'
import { useFavorite } from './use-favorite'
import { useProduct } from './use-product'
import './index.scss'

const goHome = () => void Taro.switchTab({ url: TAB_PAGES.home })

function ProductView({ product, onOfferEnd }: { product: ProductDetail; onOfferEnd: () => void }) {
  const cartCount = useCart((s) => s.count)
  const favorite = useFavorite(product.id)
  const [sheet, setSheet] = useState<{ open: boolean; mode: SkuSheetMode }>({ open: false, mode: 'choose' })
  const [chosen, setChosen] = useState<{ sku: Sku; quantity: number } | null>(null)
  const open = (mode: SkuSheetMode) => setSheet({ open: true, mode })
  const close = () => setSheet((s) => ({ ...s, open: false }))

  const confirm = async (sku: Sku, quantity: number) => {
    setChosen({ sku, quantity })
    if (sheet.mode === 'cart') {
      await useCart.getState().add(sku.id, quantity)
      close()
      void Taro.showToast({ title: '已加入购物车', icon: 'success' })
    } else if (sheet.mode === 'buy') {
      close()
      void Taro.navigateTo({ url: route.checkout({ skuId: sku.id, quantity }) })
    } else {
      close()
    }
  }

  const specsText = chosen ? product.specGroups.map((g) => chosen.sku.specs[g.name]).join(' ') : ''
  const chosenText = chosen
    ? `已选 ${specsText || '默认规格'} ×${chosen.quantity}`
    : product.specGroups.length
      ? `请选择 ${product.specGroups.map((g) => g.name).join(' ')}`
      : '默认规格'

  return (
    <View className="product-page">
      <Gallery images={product.images.length ? product.images : [product.image]} />
      <FavoriteGuide />
      <ProductInfo
        product={product}
        chosenText={chosenText}
        onChoose={() => open('choose')}
        onCoupons={() => void Taro.navigateTo({ url: PAGES.couponCenter })}
        onOfferEnd={onOfferEnd}
        onMember={() => void Taro.navigateTo({ url: PAGES.membership })}
      />
      <GroupDealSection product={product} onChoose={(q) => void Taro.navigateTo({ url: route.groupBuy(q) })} />
      <PlanEntry productId={product.id} onOpen={() => void Taro.navigateTo({ url: route.planBuy(product.id) })} />
      <ShareEarn product={product} />
      <ReviewSection productId={product.id} onOpenAll={() => void Taro.navigateTo({ url: route.reviews(product.id) })} />
      <LifestyleFollow />
      <View className="product-service">
        <ServiceEntry card={{ title: product.title, path: route.product(product.id).replace(/^\//, ''), image: product.images[0] }} sessionFrom={`product:${product.id}`} />
      </View>
      <ProductBar
        cartCount={cartCount}
        soldOut={product.stock <= 0}
        favorited={favorite.favorited}
        favoriteBusy={favorite.busy}
        onFavorite={() => void favorite.toggle()}
        onHome={goHome}
        onCart={() => void Taro.switchTab({ url: TAB_PAGES.cart })}
        onAdd={() => open('cart')}
        onBuy={() => open('buy')}
        onRent={product.rental ? () => void Taro.navigateTo({ url: route.rent(product.id) }) : undefined}
      />
      <SkuSheet key={product.id} open={sheet.open} product={product} mode={sheet.mode} onClose={close} onConfirm={confirm} />
    </View>
  )
}

export default function ProductPage() {
  const { id, product, notFound } = useProduct()
  const data = product.data
  const loggedIn = useIsLoggedIn()
  const [scene, setScene] = useState<string | null>(null)
  // The shopper's own scene for this product (fetched once per product and run): shares carry it.
  useEffect(() => {
    let live = true
    void (loggedIn && id > 0 ? myShareScene(id, 'share') : Promise.resolve(null)).then((s) => live && setScene(s))
    return () => {
      live = false
    }
  }, [id, loggedIn])

  // The host's menu: share to a chat or moments, and (WeChat) favorite this page, all opening this product again.
  const share = () => shareOf(id, data?.title, data ? imageUrl(data.image) : undefined, scene)
  useShareAppMessage(() => ({ title: share().title, path: share().path, imageUrl: share().imageUrl }))
  useShareTimeline(() => ({ title: share().title, query: share().query, imageUrl: share().imageUrl }))
  useAddToFavorites(() => ({ title: share().title, imageUrl: share().imageUrl ?? '', query: share().query }))
  useEffect(() => favoritesAdapter.showShareMenu(), [])

  if (notFound) {
    return <StateView status="empty" emptyText="商品不存在或已下架" emptyAction={{ label: '回到首页', onClick: goHome }} />
  }
  return (
    <StateView status={product.status} error={product.error} onRetry={() => void product.reload()}>
      {data ? <ProductView product={data} onOfferEnd={() => void product.reload()} /> : null}
    </StateView>
  )
}
