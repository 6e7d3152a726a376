import { Text, View } from '@tarojs/components'
import FavoriteHeart from '@/components/favorite-heart'

interface ProductBarProps {
  cartCount: number
  soldOut: boolean
  favorited: boolean
  favoriteBusy: boolean
  onFavorite: () => void
  onHome: () => void
  onCart: () => void
  onAdd: () => void
  onBuy: () => void
  /** Rental products: one 免押租用 button instead of cart and buy. */
  onRent?: () => void
}

export default function ProductBar({ cartCount, soldOut, favorited, favoriteBusy, onFavorite, onHome, onCart, onAdd, onBuy, onRent }: ProductBarProps) {
  return (
    <View className="product-bar">
      <View className="product-bar__icon" onClick={onHome}>
        <View className="product-bar__glyph product-bar__glyph--home" />
        <Text>首页</Text>
      </View>
      <View className="product-bar__icon product-bar__cart" onClick={onCart}>
        <View className="product-bar__glyph product-bar__glyph--cart" />
        <Text>购物车</Text>
        {cartCount > 0 ? <Text className="product-bar__badge">{cartCount > 99 ? '99+' : cartCount}</Text> : null}
      </View>
      <FavoriteHeart favorited={favorited} busy={favoriteBusy} onToggle={onFavorite} />
      <View className="product-bar__actions">
        {soldOut ? (
          <View className="product-bar__button product-bar__button--disabled">已售罄</View>
        ) : onRent ? (
          <View className="product-bar__button rent-now" onClick={onRent}>
            免押租用
          </View>
        ) : (
          <>
            <View className="product-bar__button add-to-cart" onClick={onAdd}>
              加入购物车
            </View>
            <View className="product-bar__button buy-now" onClick={onBuy}>
              立即购买
            </View>
          </>
        )}
      </View>
    </View>
  )
}
