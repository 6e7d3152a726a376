import { useEffect, useRef, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import type { Order } from '@/domain/contract'
import { route } from '@/routes'
import { ApiError, errorMessage } from '@/services/http'
import { confirmOrder, confirmSandboxReceipt, fetchOrder } from '@/services/orders'
import { NOT_CONFIRMED_MESSAGE } from '../receipt/confirm-receipt'
import './index.scss'

/**
 * Sandbox servers only: the stand-in for WeChat's confirm-receipt sheet (weappOrderConfirm),
 * which the IDE can't open for a sandbox order. 确认收货 tells the sandbox "WeChat confirmed"
 * (POST /api/sandbox/shipping/confirm), then the app confirms as it would after the real sheet.
 */
export default function SandboxReceiptPage() {
  const { params } = useRouter()
  const id = Number(params.id)
  const [order, setOrder] = useState<Order | null>(null)
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  const deciding = useRef(false)

  useEffect(() => {
    let live = true
    fetchOrder(id).then(
      (o) => live && setOrder(o),
      (err: unknown) => live && setError(errorMessage(err)),
    )
    return () => {
      live = false
    }
  }, [id])

  const backToOrder = () => void Taro.redirectTo({ url: route.orderDetail(id) })

  const confirm = async () => {
    if (deciding.current) return
    deciding.current = true
    setBusy(true)
    setError('')
    try {
      await confirmSandboxReceipt(id)
      await confirmOrder(id)
      void Taro.showToast({ title: '已确认收货', icon: 'success' })
      backToOrder()
    } catch (err) {
      setError(err instanceof ApiError && err.code === 'RECEIPT_NOT_CONFIRMED' ? NOT_CONFIRMED_MESSAGE : errorMessage(err))
    }
    deciding.current = false
    setBusy(false)
  }

  return (
    <View className="sandbox-receipt">
      <View className="sandbox-receipt__notice">
        <Text className="sandbox-receipt__notice-title">沙箱模拟微信确认收货</Text>
        <Text className="sandbox-receipt__notice-text">开发者工具无法打开沙箱订单的微信确认收货组件，这是服务器沙箱模式下的替身。</Text>
      </View>
      {order ? (
        <View className="sandbox-receipt__card">
          <Text className="sandbox-receipt__shop">请确认已收到以下商品</Text>
          <Text className="sandbox-receipt__value">{`订单号 ${order.orderNo}`}</Text>
          {order.items.map((i) => (
            <Text key={i.id} className="sandbox-receipt__value">{`${i.title} ×${i.quantity}`}</Text>
          ))}
        </View>
      ) : null}
      {error ? <Text className="sandbox-receipt__error">{error}</Text> : null}
      <View className="sandbox-receipt__actions">
        <Button className="sandbox-receipt__action sandbox-receipt__action--confirm is-primary" loading={busy} disabled={busy || !order} onClick={() => void confirm()}>
          确认收货
        </Button>
        <Button className="sandbox-receipt__action sandbox-receipt__action--cancel" disabled={busy} onClick={backToOrder}>
          取消
        </Button>
      </View>
    </View>
  )
}
