import Taro, { useReachBottom } from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import SearchBar from '@/components/search-bar'
import SortBar from '@/components/sort-bar'
import StateView from '@/components/state-view'
import ProductGrid from '@/components/product-grid'
import ListFooter from '@/components/list-footer'
import type { ProductSummary } from '@/domain/contract'
import { route, TAB_PAGES } from '@/routes'
import { useSearch } from './use-search'
import './index.scss'

function Chips({ words, onPick }: { words: string[]; onPick: (w: string) => void }) {
  return (
    <View className="search-chips">
      {words.map((w) => (
        <View key={w} className="search-chips__item" onClick={() => onPick(w)}>
          <Text>{w}</Text>
        </View>
      ))}
    </View>
  )
}

export default function SearchPage() {
  const { query, sort, setSort, results, search, history, suggestions } = useSearch()
  useReachBottom(() => void results.loadMore())

  const submit = (term: string) => {
    if (!search(term)) void Taro.showToast({ title: '请输入要搜索的商品', icon: 'none' })
  }
  const openProduct = (p: ProductSummary) => void Taro.navigateTo({ url: route.product(p.id) })
  const clearHistory = async () => {
    const { confirm } = await Taro.showModal({ title: '清空搜索历史？', content: '' })
    if (confirm) history.clear()
  }

  return (
    <View className="search-page">
      <View className="search-page__bar">
        <SearchBar value={query} placeholder="搜索商品名称" autoFocus={!query} onSearch={submit} />
      </View>

      {query === '' ? (
        <View className="search-home">
          {history.terms.length ? (
            <View className="search-home__section">
              <View className="search-home__head">
                <Text className="search-home__title">搜索历史</Text>
                <Text className="search-home__clear" onClick={() => void clearHistory()}>
                  清空
                </Text>
              </View>
              <Chips words={history.terms} onPick={submit} />
            </View>
          ) : null}
          {suggestions.length ? (
            <View className="search-home__section">
              <View className="search-home__head">
                <Text className="search-home__title">大家都在搜</Text>
              </View>
              <Chips words={suggestions} onPick={submit} />
            </View>
          ) : null}
        </View>
      ) : (
        <View className="search-results">
          <View className="search-results__sort">
            <SortBar value={sort} onChange={setSort} />
          </View>
          {results.status === 'empty' ? (
            <View className="search-empty">
              <Text className="search-empty__title">没有找到“{query}”相关的商品</Text>
              <Text className="search-empty__hint">换个关键词试试，或者看看这些：</Text>
              <Chips words={suggestions} onPick={submit} />
              <Button className="search-empty__home" onClick={() => void Taro.switchTab({ url: TAB_PAGES.home })}>
                去首页逛逛
              </Button>
            </View>
          ) : (
            <StateView status={results.status} error={results.error} onRetry={() => void results.reload().catch(() => undefined)}>
              <View className="search-results__count">
                <Text>共 {results.total} 件商品</Text>
              </View>
              <ProductGrid products={results.items} onOpen={openProduct} />
              <ListFooter hasMore={results.hasMore} loading={results.loadingMore} failed={Boolean(results.moreError)} onRetry={() => void results.loadMore()} />
            </StateView>
          )}
        </View>
      )}
    </View>
  )
}
