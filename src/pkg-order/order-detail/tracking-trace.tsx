import { Text, View } from '@tarojs/components'
import { TRACKING_STATE_LABEL, type OrderTracking } from '@/domain/shipping'
import { formatTime } from './timeline'

/** 物流信息: each parcel, its state and its events (newest first, as the server sends them). */
export default function TrackingTrace({ tracking }: { tracking: OrderTracking }) {
  if (tracking.parcels.length === 0) return null
  return (
    <View className="order-detail__card order-tracking">
      <Text className="order-detail__section">物流信息</Text>
      {tracking.parcels.map((p, i) => (
        <View key={`${p.carrier}-${p.trackingNo}`} className="order-tracking__parcel">
          <View className="order-tracking__head">
            <Text className="order-tracking__carrier">{`${tracking.parcels.length > 1 ? `包裹${i + 1} ` : ''}${p.carrierName} ${p.trackingNo}`}</Text>
            <Text className={`order-tracking__state is-${p.state}`}>{TRACKING_STATE_LABEL[p.state]}</Text>
          </View>
          {p.events.length ? (
            <View className="order-tracking__events">
              {p.events.map((e, j) => (
                <View key={`${e.at}-${j}`} className={`order-tracking__event${j === 0 ? ' is-latest' : ''}`}>
                  {/* Carriers' texts already name the city (【上海市】…): the area goes with the time, as in the console. */}
                  <Text className="order-tracking__text">{e.text}</Text>
                  <Text className="order-tracking__time">{e.area ? `${formatTime(e.at)} · ${e.area}` : formatTime(e.at)}</Text>
                </View>
              ))}
            </View>
          ) : (
            <Text className="order-detail__line">暂无物流轨迹，请稍后查看</Text>
          )}
        </View>
      ))}
    </View>
  )
}
