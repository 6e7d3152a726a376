import { Text, View } from '@tarojs/components'
import { TRACKING_STATE_LABEL, type OrderTracking } from '@/domain/shipping'
import { formatTime } from './timeline'

/** 物流信息: each parcel (return parcels marked 退货), its state and the carrier's events, newest first. */
export default function TrackingTrace({ tracking }: { tracking: OrderTracking }) {
  if (tracking.parcels.length === 0) return null
  return (
    <View className="order-detail__card tracking-trace">
      <Text className="order-detail__section">物流信息</Text>
      {tracking.parcels.map((p) => (
        <View key={`${p.direction ?? 'delivery'}-${p.carrier}-${p.trackingNo}`} className="tracking-trace__parcel">
          <View className="tracking-trace__head">
            <Text className="tracking-trace__no">{`${p.direction === 'return' ? '退货 · ' : ''}${p.carrierName} ${p.trackingNo}`}</Text>
            <Text className={`tracking-trace__state is-${p.state}`}>{TRACKING_STATE_LABEL[p.state]}</Text>
          </View>
          {p.events.length === 0 ? (
            <Text className="tracking-trace__empty">暂无物流轨迹，快递揽收后更新</Text>
          ) : (
            p.events.map((e, i) => (
              <View key={`${e.at}-${i}`} className={i === 0 ? 'tracking-trace__event is-latest' : 'tracking-trace__event'}>
                <Text className="tracking-trace__text">{e.text}</Text>
                <Text className="tracking-trace__time">{Number.isNaN(Date.parse(e.at)) ? e.at : formatTime(e.at)}</Text>
              </View>
            ))
          )}
        </View>
      ))}
    </View>
  )
}
