import { Text, View } from '@tarojs/components'
import type { ProductDetail } from '@/domain/contract'
import { formatFen } from '@/domain/money'
import ProductOffer from './product-offer'

function stockNote(stock: number): string {
  if (stock <= 0) return '已售罄，看看别的商品吧'
  if (stock <= 10) return `库存紧张，仅剩 ${stock} 件`
  return '有货'
}

interface ProductInfoProps {
  product: ProductDetail
  chosenText: string
  onChoose: () => void
  onCoupons: () => void
  onOfferEnd: () => void
  onMember?: () => void
}

export default function ProductInfo({ product, chosenText, onChoose, onCoupons, onOfferEnd, onMember }: ProductInfoProps) {
  return (
    <>
      <View className="product-section product-summary">
        <ProductOffer product={product} onOfferEnd={onOfferEnd} onMember={onMember} />
        <Text className="product-summary__title">{product.title}</Text>
        {product.subtitle ? <Text className="product-summary__subtitle">{product.subtitle}</Text> : null}
      </View>
      {product.rental ? (
        <View className="product-section product-rental">
          <Text className="product-rental__badge">免押租赁</Text>
          <Text className="product-rental__terms">{`押金 ${formatFen(product.rental.deposit)} · 日租金 ${formatFen(product.rental.dailyRate)}`}</Text>
          <Text className="product-rental__note">{`信用好可免押金，租 ${product.rental.minDays}–${product.rental.maxDays} 天，归还后按天结算`}</Text>
        </View>
      ) : null}
      <View className="product-section product-spec-row product-coupon-row" onClick={onCoupons}>
        <Text className="product-spec-row__label">领券</Text>
        <Text className="product-spec-row__value product-coupon-row__value">领取优惠券，下单更省</Text>
        <Text className="product-spec-row__arrow">›</Text>
      </View>
      <View className="product-section product-spec-row" onClick={onChoose}>
        <Text className="product-spec-row__label">规格</Text>
        <Text className="product-spec-row__value">{chosenText}</Text>
        <Text className="product-spec-row__arrow">›</Text>
      </View>
      <View className="product-section product-spec-row">
        <Text className="product-spec-row__label">库存</Text>
        <Text className={`product-spec-row__value${product.stock <= 10 ? ' is-warning' : ''}`}>{stockNote(product.stock)}</Text>
      </View>
      <View className="product-section product-description">
        <Text className="product-description__title">商品详情</Text>
        <Text className="product-description__text">{product.description}</Text>
      </View>
    </>
  )
}
