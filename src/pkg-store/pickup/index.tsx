import { useCallback, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import StateView from '@/components/state-view'
import type { OrderPickup } from '@/domain/stores'
import type { ViewStatus } from '@/lib/view-status'
import { route } from '@/routes'
import { ApiError } from '@/services/http'
import { fetchOrder } from '@/services/orders'
import { fetchPickupQr } from '@/services/stores'
import { currentToken } from '@/store/session'
import { callStore, navigateTo } from '../store-actions'
import { PICKUP_STATUS_TEXT, spacedCode } from './pickup-text'
import './index.scss'

/**
 * A pickup order's code (取货码): the digits large and their QR for staff to scan, the store,
 * the slot and 导航. Once staff verified it the page says 已取货 and the QR is gone.
 */
export default function PickupPage() {
  const { params } = useRouter()
  const orderId = Number(params.id)
  const [pickup, setPickup] = useState<OrderPickup | null>(null)
  const [qr, setQr] = useState<string | null>(null)
  const [status, setStatus] = useState<ViewStatus>('loading')
  const [error, setError] = useState<unknown>(null)

  const load = useCallback(async () => {
    try {
      const order = await fetchOrder(orderId)
      if (!order.pickup) throw new ApiError(404, 'NOT_PICKUP', '这个订单不是门店自提订单')
      setPickup(order.pickup)
      setStatus('ready')
      // Only a waiting code has a QR (409 PICKUP_DONE after): the digits stay on the page either way.
      if (order.pickup.status === 'waiting') {
        const answer = await fetchPickupQr(orderId).catch(() => null)
        setQr(answer?.qr ?? null)
      } else {
        setQr(null)
      }
    } catch (err) {
      setError(err)
      setStatus('error')
    }
  }, [orderId])

  useDidShow(() => {
    if (!currentToken()) {
      void Taro.redirectTo({ url: route.login(route.pickupCode(orderId)) })
      return
    }
    void load()
  })
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()))

  return (
    <View className="pickup-page">
      <StateView status={status} error={error} onRetry={() => void load()}>
        {pickup ? (
          <>
            <View className={`pickup-card is-${pickup.status}`}>
              <Text className="pickup-card__status">{PICKUP_STATUS_TEXT[pickup.status]}</Text>
              <Text className="pickup-card__code">{spacedCode(pickup.code)}</Text>
              {qr && pickup.status === 'waiting' ? <Image className="pickup-card__qr" src={qr} mode="aspectFit" /> : null}
              <Text className="pickup-card__hint">
                {pickup.status === 'waiting' ? '到店出示取货码或二维码，店员核销后取货' : pickup.status === 'picked' ? '商品已取走，感谢光临' : '超时未取，订单已退款'}
              </Text>
            </View>
            <View className="pickup-store">
              <Text className="pickup-store__name">{pickup.storeName}</Text>
              <Text className="pickup-store__slot">{`自提时间 ${pickup.slot}`}</Text>
              <Text className="pickup-store__address">{pickup.storeAddress}</Text>
              <View className="pickup-store__actions">
                <Text className="pickup-store__nav" onClick={() => navigateTo({ latitude: pickup.latitude, longitude: pickup.longitude, name: pickup.storeName, address: pickup.storeAddress })}>
                  导航到店
                </Text>
                {pickup.storePhone ? (
                  <Text className="pickup-store__call" onClick={() => callStore(pickup.storePhone)}>
                    电话
                  </Text>
                ) : null}
              </View>
            </View>
          </>
        ) : null}
      </StateView>
    </View>
  )
}
