import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { route } from '@/routes'
import type { OrderAfterSales } from '@/services/after-sales'
import AfterSaleRow from '../after-sales/after-sale-row'

/** 售后: the entry to a new request while the order allows one, and the requests made so far. */
export default function AfterSaleSection({ orderId, info }: { orderId: number; info: OrderAfterSales }) {
  if (info.types.length === 0 && info.items.length === 0) return null
  return (
    <View className="order-detail__card order-after-sales">
      <View className="order-detail__row">
        <Text className="order-detail__section">售后</Text>
        {info.types.length > 0 ? (
          <Button className="order-after-sales__apply" size="mini" onClick={() => void Taro.navigateTo({ url: route.afterSaleApply(orderId) })}>
            申请售后
          </Button>
        ) : null}
      </View>
      {info.items.map((a) => (
        <AfterSaleRow key={a.id} item={a} onOpen={(id) => void Taro.navigateTo({ url: route.afterSale(id) })} />
      ))}
    </View>
  )
}
