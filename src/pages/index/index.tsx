import { useEffect, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom, useRouter, useShareAppMessage } from '@tarojs/taro'
import { syncCartBadge, useCart } from '@/store/cart'
import { Text, View } from '@tarojs/components'
import SearchBar from '@/components/search-bar'
import StateView from '@/components/state-view'
import ProductGrid from '@/components/product-grid'
import ListFooter from '@/components/list-footer'
import { PAGES, route, TAB_PAGES } from '@/routes'
import type { Banner, Category, ProductSummary } from '@/domain/contract'
import { useSelectedCategory } from '@/pages/category/selected-category'
import HomeTop from './home-top'
import { myShareScene } from '@/services/attribution'
import { noteInvite } from '@/services/referrals'
import { useIsLoggedIn } from '@/store/session'
import { useHome } from './use-home'
import './index.scss'

export default function HomePage() {
  const { top, feed, refresh } = useHome()
  // An invite share opens the home page with ?invite=<code> (route.homeInvited).
  const invite = useRouter().params.invite
  useEffect(() => void noteInvite(invite), [invite])

  usePullDownRefresh(() => {
    void refresh().finally(() => Taro.stopPullDownRefresh())
  })
  // A badge set while a non-tab page was showing may not have stuck: set it on every tab show.
  useDidShow(() => syncCartBadge(useCart.getState().count))
  useReachBottom(() => void feed.loadMore())
  // The shop's share carries the shopper's own scene (a promoter's binds the friend to them).
  const loggedIn = useIsLoggedIn()
  const [scene, setScene] = useState<string | null>(null)
  useEffect(() => {
    let live = true
    void myShareScene(null, 'share').then((s) => live && setScene(s))
    return () => {
      live = false
    }
  }, [loggedIn])
  useShareAppMessage(() => ({ title: 'Duet 商城：好物上新', path: route.homeShared(scene) }))

  const openProduct = (p: ProductSummary) => void Taro.navigateTo({ url: route.product(p.id) })
  const openBanner = (b: Banner) => {
    if (b.productId !== null) void Taro.navigateTo({ url: route.product(b.productId) })
  }
  const openCategory = (c: Category) => {
    useSelectedCategory.getState().select(c.id)
    void Taro.switchTab({ url: TAB_PAGES.category })
  }

  return (
    <View className="home">
      <SearchBar placeholder="搜索你想要的好物" onSearch={() => undefined} onClick={() => void Taro.navigateTo({ url: route.search() })} />
      {top.status === 'error' ? (
        <StateView status="error" error={top.error} onRetry={() => void top.reload()} />
      ) : top.data ? (
        <HomeTop banners={top.data.banners} categories={top.data.categories} onBanner={openBanner} onCategory={openCategory} />
      ) : (
        <View className="home-top home-top--placeholder">
          <View className="home-top__skeleton-banner" />
          <View className="home-top__skeleton-row" />
        </View>
      )}
      <View className="home-coupons" onClick={() => void Taro.navigateTo({ url: PAGES.couponCenter })}>
        <Text className="home-coupons__title">领券中心</Text>
        <Text className="home-coupons__sub">好券天天领，下单自动用最优券</Text>
        <Text className="home-coupons__go">去领券 ›</Text>
      </View>
      <View className="home-feed__title">
        <Text>为你推荐</Text>
      </View>
      <StateView status={feed.status} error={feed.error} onRetry={() => void feed.reload().catch(() => undefined)} emptyText="暂时还没有商品">
        <ProductGrid products={feed.items} onOpen={openProduct} />
        <ListFooter hasMore={feed.hasMore} loading={feed.loadingMore} failed={Boolean(feed.moreError)} onRetry={() => void feed.loadMore()} />
      </StateView>
    </View>
  )
}
