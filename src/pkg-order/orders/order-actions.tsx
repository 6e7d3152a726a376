import Taro from '@tarojs/taro'
import { Button, View } from '@tarojs/components'
import type { Order } from '@/domain/contract'
import { canDo, type OrderEvent, type OrderStatus } from '@/domain/order-state'
import { errorMessage } from '@/services/http'
import { cancelOrder } from '@/services/orders'
import { confirmReceiptWithToasts } from '../receipt/confirm-receipt'
import './order-actions.scss'

/** What a shopper may do to an order, straight from the shared state machine. */
export type ShopperAction = Extract<OrderEvent, 'cancel' | 'confirm'>

// 确认收货 has no ask here: the receipt platform asks (the app's modal, or WeChat's own sheet).
const ACTIONS: readonly { event: ShopperAction; label: string; ask: string | null }[] = [
  { event: 'cancel', label: '取消订单', ask: '确定取消这个订单吗？' },
  { event: 'confirm', label: '确认收货', ask: null },
]

export function shopperActions(status: OrderStatus): ShopperAction[] {
  return ACTIONS.filter((a) => canDo(status, a.event, 'shopper')).map((a) => a.event)
}

export interface OrderActionsProps {
  order: Order
  /** The order as the server returns it after the action. */
  onChanged: (order: Order) => void
}

/** The buttons for one order; each asks first, then shows the server's answer. */
export default function OrderActions({ order, onChanged }: OrderActionsProps) {
  const allowed = shopperActions(order.status)
  if (allowed.length === 0) return null
  const run = async (action: (typeof ACTIONS)[number]) => {
    if (action.event === 'confirm') {
      const confirmed = await confirmReceiptWithToasts(order.id)
      if (confirmed) onChanged(confirmed)
      return
    }
    const { confirm } = await Taro.showModal({ title: action.label, content: action.ask ?? '' })
    if (!confirm) return
    try {
      onChanged(await cancelOrder(order.id))
      void Taro.showToast({ title: '订单已取消', icon: 'success' })
    } catch (err) {
      void Taro.showToast({ title: errorMessage(err), icon: 'none' })
    }
  }
  return (
    <View className="order-actions">
      {ACTIONS.filter((a) => allowed.includes(a.event)).map((a) => (
        <Button
          key={a.event}
          className={`order-actions__button order-actions__${a.event}${a.event === 'confirm' ? ' is-primary' : ''}`}
          onClick={(e) => {
            e.stopPropagation()
            void run(a)
          }}
        >
          {a.label}
        </Button>
      ))}
    </View>
  )
}
