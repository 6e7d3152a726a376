import { Text, View } from '@tarojs/components'
import PriceTag from '@/components/price-tag'
import type { ProductDetail } from '@/domain/contract'

function stockNote(stock: number): string {
  if (stock <= 0) return '已售罄，看看别的商品吧'
  if (stock <= 10) return `库存紧张，仅剩 ${stock} 件`
  return '有货'
}

interface ProductInfoProps {
  product: ProductDetail
  chosenText: string
  onChoose: () => void
}

export default function ProductInfo({ product, chosenText, onChoose }: ProductInfoProps) {
  return (
    <>
      <View className="product-section product-summary">
        <View className="product-summary__price">
          <PriceTag fen={product.price} original={product.originalPrice} size="lg" />
          <Text className="product-summary__sales">已售 {product.sales}</Text>
        </View>
        <Text className="product-summary__title">{product.title}</Text>
        {product.subtitle ? <Text className="product-summary__subtitle">{product.subtitle}</Text> : null}
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
