import { Picker, Text, View } from '@tarojs/components'
import { postponeRange, type PlanDelivery } from '@/domain/plans'
import { carrierName } from '@/domain/shipping'
import { canSkip, dayLabel, DELIVERY_STATUS_TEXT } from '../plan-text'

interface Props {
  deliveries: PlanDelivery[]
  /** The delivery being changed (its buttons wait). */
  busy: number | null
  onSkip?: (d: PlanDelivery) => void
  onPostpone?: (d: PlanDelivery, date: string) => void
}

/** A plan's deliveries as a timeline: the day, its state (tracking once shipped), and 顺延 / 跳过这期 until the cut-off. */
export default function PlanSchedule({ deliveries, busy, onSkip, onPostpone }: Props) {
  return (
    <View className="plan-schedule">
      {deliveries.map((d) => {
        const open = canSkip(d)
        const range = open && onPostpone ? postponeRange(d, deliveries) : null
        return (
          <View key={d.n} className={`plan-schedule__item is-${d.status}`}>
            <View className="plan-schedule__dot" />
            <View className="plan-schedule__body">
              <Text className="plan-schedule__date">{`第 ${d.n} 期 · ${dayLabel(d.date)}`}</Text>
              <Text className="plan-schedule__status">{DELIVERY_STATUS_TEXT[d.status]}</Text>
              {d.tracking ? <Text className="plan-schedule__tracking">{`${carrierName(d.tracking.carrier)} ${d.tracking.number}`}</Text> : null}
            </View>
            {range && onPostpone && busy !== d.n && range.start <= range.end ? (
              <Picker mode="date" value={range.start} start={range.start} end={range.end} onChange={(e) => onPostpone(d, String(e.detail.value))}>
                <View className="plan-schedule__postpone">顺延</View>
              </Picker>
            ) : null}
            {onSkip && open ? (
              <View className={`plan-schedule__skip${busy === d.n ? ' is-disabled' : ''}`} onClick={() => onSkip(d)}>
                {busy === d.n ? '处理中…' : '跳过这期'}
              </View>
            ) : null}
          </View>
        )
      })}
    </View>
  )
}
