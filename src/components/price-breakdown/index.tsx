import { Text, View } from '@tarojs/components'
import PriceTag from '@/components/price-tag'
import { formatFen, type Fen } from '@/domain/money'
import './index.scss'

export interface PriceBreakdownProps {
  /** A PricePreview or an Order: both carry these four sums. */
  prices: { subtotal: Fen; shipping: Fen; discount: Fen; total: Fen }
  /** The last row's label: 实付, 需付款, 实付款. */
  totalLabel: string
}

/** 商品金额 / 运费 / 优惠 / total rows; 优惠 only when there is one, 免运费 for no shipping. */
export default function PriceBreakdown({ prices, totalLabel }: PriceBreakdownProps) {
  return (
    <View className="price-breakdown">
      <View className="price-breakdown__row">
        <Text>商品金额</Text>
        <Text>{formatFen(prices.subtotal)}</Text>
      </View>
      <View className="price-breakdown__row">
        <Text>运费</Text>
        <Text>{prices.shipping > 0 ? formatFen(prices.shipping) : '免运费'}</Text>
      </View>
      {prices.discount > 0 ? (
        <View className="price-breakdown__row price-breakdown__discount">
          <Text>优惠</Text>
          <Text>{`-${formatFen(prices.discount)}`}</Text>
        </View>
      ) : null}
      <View className="price-breakdown__row price-breakdown__total">
        <Text>{totalLabel}</Text>
        <PriceTag fen={prices.total} size="sm" />
      </View>
    </View>
  )
}
