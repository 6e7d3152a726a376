import { Text, View } from '@tarojs/components'
import type { Order } from '@/domain/contract'
import { formatFen } from '@/domain/money'
import { refundRows } from './refunds'
import { formatTime } from './timeline'

/** 退款记录: each refund with what it returns, how much, and where it stands. */
export default function RefundList({ order }: { order: Pick<Order, 'refunds' | 'items' | 'refundedTotal'> }) {
  const rows = refundRows(order)
  if (rows.length === 0) return null
  return (
    <View className="order-detail__card refund-list">
      <View className="refund-list__head">
        <Text className="order-detail__section">退款记录</Text>
        <Text className="refund-list__total">{`共退 ${formatFen(order.refundedTotal)}`}</Text>
      </View>
      {rows.map((r) => (
        <View key={r.key} className="refund-list__row">
          <View className="refund-list__line">
            <Text className="refund-list__what">{r.what}</Text>
            <Text className="refund-list__amount">{r.amount}</Text>
          </View>
          <View className="refund-list__line refund-list__meta">
            <Text>{`${r.reason} · ${formatTime(r.at)}`}</Text>
            <Text className={r.done ? 'refund-list__status is-done' : 'refund-list__status'}>{r.status}</Text>
          </View>
        </View>
      ))}
    </View>
  )
}
