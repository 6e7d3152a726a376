import Taro, { useDidShow, useReachBottom } from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import ListFooter from '@/components/list-footer'
import PriceTag from '@/components/price-tag'
import StateView from '@/components/state-view'
import type { Favorite } from '@/domain/contract'
import { PAGES, route, TAB_PAGES } from '@/routes'
import { imageUrl } from '@/services/http'
import { currentToken } from '@/store/session'
import { marksOf } from './marks'
import { useFavorites } from './use-favorites'
import './index.scss'

function FavoriteRow({ item, onOpen, onRemove }: { item: Favorite; onOpen: () => void; onRemove: () => void }) {
  const marks = marksOf(item)
  const gone = marks.some((m) => m.kind === 'gone')
  return (
    <View className={`favorite-row${gone ? ' favorite-row--gone' : ''}`}>
      <View className="favorite-row__main" onClick={() => !gone && onOpen()}>
        {item.product ? <Image className="favorite-row__image" src={imageUrl(item.product.image)} mode="aspectFill" /> : <View className="favorite-row__image" />}
        <View className="favorite-row__body">
          <Text className="favorite-row__title">{item.product?.title ?? '商品已不在店内'}</Text>
          <View className="favorite-row__marks">
            {marks.map((m) => (
              <Text key={m.kind} className={`favorite-mark favorite-mark--${m.kind}`}>
                {m.text}
              </Text>
            ))}
          </View>
          {item.product ? <PriceTag fen={item.product.price} size="sm" /> : null}
        </View>
      </View>
      <View className="favorite-row__remove" onClick={onRemove}>
        移除
      </View>
    </View>
  )
}

/** 我的收藏: the shopper's wish list with sold-out / price-drop / gone marks and removal. */
export default function FavoritesPage() {
  const list = useFavorites()

  useDidShow(() => {
    if (!currentToken()) {
      void Taro.redirectTo({ url: route.login(PAGES.favorites) })
      return
    }
    void list.reload()
  })
  useReachBottom(() => void list.loadMore())

  return (
    <View className="favorites-page">
      <StateView
        status={list.status}
        error={list.error}
        onRetry={() => void list.reload()}
        emptyText="还没有收藏的商品"
        emptyAction={{ label: '去逛逛', onClick: () => void Taro.switchTab({ url: TAB_PAGES.home }) }}
      >
        <View className="favorites-page__count">共 {list.total} 件</View>
        {list.items.map((f) => (
          <FavoriteRow
            key={f.productId}
            item={f}
            onOpen={() => void Taro.navigateTo({ url: route.product(f.productId) })}
            onRemove={() => void list.remove(f.productId)}
          />
        ))}
        <ListFooter hasMore={list.hasMore} loading={list.loadingMore} />
      </StateView>
    </View>
  )
}
