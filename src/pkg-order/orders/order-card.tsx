import { Button, Text, View } from '@tarojs/components'
import LineItem from '@/components/line-item'
import PriceTag from '@/components/price-tag'
import type { Order } from '@/domain/contract'
import { canDo, ORDER_STATUS_LABEL } from '@/domain/order-state'
import OrderActions from './order-actions'
import ReviewButton from './review-button'

export interface OrderCardProps {
  order: Order
  onOpen: () => void
  onChanged: (order: Order) => void
}

export default function OrderCard({ order, onOpen, onChanged }: OrderCardProps) {
  return (
    <View className="order-card" onClick={onOpen}>
      <View className="order-card__head">
        <Text className="order-card__no">{`订单号 ${order.orderNo}`}</Text>
        <Text className={`order-card__status order-card__status--${order.status}`}>{ORDER_STATUS_LABEL[order.status]}</Text>
      </View>
      {order.items.map((item) => (
        <LineItem
          key={item.skuId}
          size="sm"
          image={item.image}
          title={item.title}
          specs={item.specs}
          trailing={<Text className="line-item__qty">{`×${item.quantity}`}</Text>}
        />
      ))}
      <View className="order-card__sum">
        <Text>{`共 ${order.itemCount} 件 实付`}</Text>
        <PriceTag fen={order.total} size="sm" />
      </View>
      <View className="order-card__actions">
        <OrderActions order={order} onChanged={onChanged} />
        {/* The list doesn't know each line's review: the review page shows what is left (追评 included). */}
        {order.status === 'completed' ? <ReviewButton orderId={order.id} label="评价" /> : null}
        {/* Paying happens on the order page (one flow, with its polling); the card only leads there. */}
        {canDo(order.status, 'pay', 'system') ? (
          <Button
            className="order-card__pay"
            onClick={(e) => {
              e.stopPropagation()
              onOpen()
            }}
          >
            去支付
          </Button>
        ) : null}
      </View>
    </View>
  )
}
