import Taro, { useDidShow, useReachBottom } from '@tarojs/taro'
import { syncCartBadge, useCart } from '@/store/cart'
import { Text, View } from '@tarojs/components'
import SearchBar from '@/components/search-bar'
import SortBar from '@/components/sort-bar'
import StateView from '@/components/state-view'
import ProductGrid from '@/components/product-grid'
import ListFooter from '@/components/list-footer'
import type { ProductSort, ProductSummary } from '@/domain/contract'
import { route } from '@/routes'
import { useCategoryPage } from './use-category'
import './index.scss'

const toTop = () => void Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined)

export default function CategoryPage() {
  const { categories, active, sort, setSort, products, select } = useCategoryPage()
  // A badge set while a non-tab page was showing may not have stuck: set it on every tab show.
  useDidShow(() => syncCartBadge(useCart.getState().count))
  useReachBottom(() => void products.loadMore())

  const openProduct = (p: ProductSummary) => void Taro.navigateTo({ url: route.product(p.id) })
  const changeSort = (s: ProductSort) => {
    setSort(s)
    toTop()
  }

  return (
    <View className="category-page">
      <View className="category-page__search">
        <SearchBar placeholder="搜索商品" onSearch={() => undefined} onClick={() => void Taro.navigateTo({ url: route.search() })} />
      </View>
      <StateView status={categories.status} error={categories.error} onRetry={() => void categories.reload()}>
        <View className="category-nav">
          {(categories.data ?? []).map((c) => (
            <View
              key={c.id}
              className={`category-nav__item${c.id === active?.id ? ' is-active' : ''}`}
              onClick={() => {
                select(c.id)
                toTop()
              }}
            >
              <Text>{c.name}</Text>
            </View>
          ))}
        </View>
        <View className="category-main">
          <View className="category-main__sort">
            <SortBar value={sort} onChange={changeSort} />
          </View>
          <StateView
            status={products.status}
            error={products.error}
            onRetry={() => void products.reload().catch(() => undefined)}
            emptyText={`${active?.name ?? '这个分类'}暂时没有商品`}
          >
            <View className="category-main__grid">
              <ProductGrid products={products.items} onOpen={openProduct} />
            </View>
            <ListFooter hasMore={products.hasMore} loading={products.loadingMore} failed={Boolean(products.moreError)} onRetry={() => void products.loadMore()} />
          </StateView>
        </View>
      </StateView>
    </View>
  )
}
