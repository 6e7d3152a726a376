import { Text, View } from '@tarojs/components'
import PriceTag from '@/components/price-tag'
import type { AppliedDiscount, Nudge } from '@/domain/contract'
import { formatFen, type Fen } from '@/domain/money'
import './index.scss'

export interface PriceBreakdownProps {
  /** A PricePreview or an Order: both carry these four sums. */
  prices: { subtotal: Fen; shipping: Fen; discount: Fen; total: Fen }
  /** The server's breakdown (preview.applied, order.discounts): one row per promotion and coupon. */
  discounts?: readonly AppliedDiscount[]
  /** "再买 23.00 元，可减 20.00", under the rows. */
  nudges?: readonly Nudge[]
  /** The last row's label: 实付, 需付款, 实付款, 合计. */
  totalLabel: string
}

/**
 * 商品金额, then every discount as the server applied it (promotions by their label, coupons as
 * 优惠券), 运费 (免运费 for none) and the total. Every number is the server's; nothing is added up here.
 * Orders from before the breakdown existed have a discount but no rows: one 优惠 row then.
 */
export default function PriceBreakdown({ prices, discounts = [], nudges = [], totalLabel }: PriceBreakdownProps) {
  const rows = discounts.filter((d) => d.amount > 0)
  return (
    <View className="price-breakdown">
      <View className="price-breakdown__row">
        <Text>商品金额</Text>
        <Text>{formatFen(prices.subtotal)}</Text>
      </View>
      {rows.map((d) => (
        <View key={`${d.source}-${d.id}`} className={`price-breakdown__row price-breakdown__discount price-breakdown__discount--${d.source}`}>
          {d.source === 'coupon' ? (
            <Text>
              优惠券<Text className="price-breakdown__label">{d.label}</Text>
            </Text>
          ) : (
            <Text>{d.label}</Text>
          )}
          <Text>{`-${formatFen(d.amount)}`}</Text>
        </View>
      ))}
      {rows.length === 0 && prices.discount > 0 ? (
        <View className="price-breakdown__row price-breakdown__discount">
          <Text>优惠</Text>
          <Text>{`-${formatFen(prices.discount)}`}</Text>
        </View>
      ) : null}
      <View className="price-breakdown__row">
        <Text>运费</Text>
        <Text>{prices.shipping > 0 ? formatFen(prices.shipping) : '免运费'}</Text>
      </View>
      <View className="price-breakdown__row price-breakdown__total">
        <Text>{totalLabel}</Text>
        <PriceTag fen={prices.total} size="sm" />
      </View>
      {nudges.map((n) => (
        <View key={n.promotionId} className="price-breakdown__nudge">
          <Text className="price-breakdown__nudge-label">{n.label}</Text>
          <Text>{n.message}</Text>
        </View>
      ))}
    </View>
  )
}
