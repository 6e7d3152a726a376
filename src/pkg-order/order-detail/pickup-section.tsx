import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { OrderPickup } from '@/domain/stores'
import { route } from '@/routes'
import './pickup-section.scss'

const STATUS_TEXT: Record<OrderPickup['status'], string> = { waiting: '待取货', picked: '已取货', expired: '已过期' }

/** A pickup order's store and slot, with 查看取货码 (the code page; its QR is fetched there). */
export default function PickupSection({ pickup, orderId }: { pickup: OrderPickup; orderId: number }) {
  return (
    <View className="order-detail__card order-pickup">
      <View className="order-pickup__head">
        <Text className="order-detail__section">门店自提</Text>
        <Text className="order-pickup__status">{STATUS_TEXT[pickup.status]}</Text>
      </View>
      <Text className="order-pickup__store">{pickup.storeName}</Text>
      <Text className="order-detail__line">{pickup.storeAddress}</Text>
      <Text className="order-detail__line order-pickup__slot">{`自提时间 ${pickup.slot}`}</Text>
      <View className="order-pickup__code" onClick={() => void Taro.navigateTo({ url: route.pickupCode(orderId) })}>
        查看取货码 ›
      </View>
    </View>
  )
}
