import { useState } from 'react'
import Taro, { useShareAppMessage, useShareTimeline } from '@tarojs/taro'
import { View } from '@tarojs/components'
import StateView from '@/components/state-view'
import SkuSheet, { type SkuSheetMode } from '@/components/sku-sheet'
import type { ProductDetail, Sku } from '@/domain/contract'
import { route, TAB_PAGES } from '@/routes'
import { useCart } from '@/store/cart'
import Gallery from './gallery'
import ProductBar from './product-bar'
import ProductInfo from './product-info'
import { useProduct } from './use-product'
import './index.scss'

const goHome = () => void Taro.switchTab({ url: TAB_PAGES.home })

function ProductView({ product }: { product: ProductDetail }) {
  const cartCount = useCart((s) => s.count)
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
      <ProductInfo product={product} chosenText={chosenText} onChoose={() => open('choose')} />
      <ProductBar
        cartCount={cartCount}
        soldOut={product.stock <= 0}
        onHome={goHome}
        onCart={() => void Taro.switchTab({ url: TAB_PAGES.cart })}
        onAdd={() => open('cart')}
        onBuy={() => open('buy')}
      />
      <SkuSheet key={product.id} open={sheet.open} product={product} mode={sheet.mode} onClose={close} onConfirm={confirm} />
    </View>
  )
}

export default function ProductPage() {
  const { id, product, notFound } = useProduct()
  const data = product.data

  useShareAppMessage(() => ({ title: data?.title ?? 'Duet 商城', path: route.product(id), imageUrl: data?.image }))
  useShareTimeline(() => ({ title: data?.title ?? 'Duet 商城', query: `id=${id}`, imageUrl: data?.image }))

  if (notFound) {
    return <StateView status="empty" emptyText="商品不存在或已下架" emptyAction={{ label: '回到首页', onClick: goHome }} />
  }
  return (
    <StateView status={product.status} error={product.error} onRetry={() => void product.reload()}>
      {data ? <ProductView product={data} /> : null}
    </StateView>
  )
}
