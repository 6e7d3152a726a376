import { Text, View } from '@tarojs/components'
import type { PlanDelivery } from '@/domain/plans'
import { carrierName } from '@/domain/shipping'
import { canSkip, dayLabel, DELIVERY_STATUS_TEXT } from '../plan-text'

/** A plan's deliveries as a timeline: the day, its state (tracking once shipped) and 跳过这期 until the cut-off. */
export default function PlanSchedule({ deliveries, skipping, onSkip }: { deliveries: PlanDelivery[]; skipping: number | null; onSkip?: (d: PlanDelivery) => void }) {
  return (
    <View className="plan-schedule">
      {deliveries.map((d) => (
        <View key={d.n} className={`plan-schedule__item is-${d.status}`}>
          <View className="plan-schedule__dot" />
          <View className="plan-schedule__body">
            <Text className="plan-schedule__date">{`第 ${d.n} 期 · ${dayLabel(d.date)}`}</Text>
            <Text className="plan-schedule__status">{DELIVERY_STATUS_TEXT[d.status]}</Text>
            {d.tracking ? <Text className="plan-schedule__tracking">{`${carrierName(d.tracking.carrier)} ${d.tracking.number}`}</Text> : null}
          </View>
          {onSkip && canSkip(d) ? (
            <View className={`plan-schedule__skip${skipping === d.n ? ' is-disabled' : ''}`} onClick={() => onSkip(d)}>
              {skipping === d.n ? '处理中…' : '跳过这期'}
            </View>
          ) : null}
        </View>
      ))}
    </View>
  )
}
