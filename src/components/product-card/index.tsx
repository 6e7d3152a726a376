import { Image, Text, View } from '@tarojs/components'
import type { ProductSummary } from '@/domain/contract'
import { imageUrl } from '@/services/http'
import PriceTag from '@/components/price-tag'
import PromoTags from '@/components/promo-tags'
import { displayPrice } from './display-price'
import './index.scss'

export interface ProductCardProps {
  product: ProductSummary
  /** On the shopper's wish list: a small heart on the cover. */
  favorited?: boolean
  onClick?: (product: ProductSummary) => void
}

/** Sales over 10 000 read as "1.2万" the way Chinese shops show them. */
function salesText(sales: number): string {
  return sales >= 10_000 ? `已售${(sales / 10_000).toFixed(1)}万` : `已售${sales}`
}

export default function ProductCard({ product, favorited = false, onClick }: ProductCardProps) {
  const soldOut = product.stock <= 0
  const shown = displayPrice(product)
  return (
    <View className={`product-card${soldOut ? ' product-card--sold-out' : ''}`} onClick={() => onClick?.(product)}>
      <View className="product-card__cover">
        <Image className="product-card__image" src={imageUrl(product.image)} mode="aspectFill" lazyLoad />
        {favorited ? <Text className="product-card__favorite">♥</Text> : null}
        {soldOut ? (
          <View className="product-card__sold-out">
            <Text>已售罄</Text>
          </View>
        ) : null}
      </View>
      <View className="product-card__body">
        <Text className="product-card__title">{product.title}</Text>
        <PromoTags className="product-card__tags" labels={product.offer?.labels ?? []} />
        <View className="product-card__footer">
          {/* Cards cross out the regular price only for an offer: the list price would crowd the sales count. */}
          <PriceTag fen={shown.fen} original={shown.onOffer ? shown.crossed : null} size="sm" />
          <Text className="product-card__sales">{salesText(product.sales)}</Text>
        </View>
      </View>
    </View>
  )
}
