import { Text, View } from '@tarojs/components'
import { monthWeeks, WEEKDAY_LABELS } from '@/domain/check-in-calendar'

/** The month's days, Monday first: checked days marked, today ringed. */
export default function MonthGrid({ month, checked, today }: { month: string; checked: readonly string[]; today: string }) {
  const done = new Set(checked)
  return (
    <View className="month-grid">
      <View className="month-grid__row month-grid__head">
        {WEEKDAY_LABELS.map((w) => (
          <Text key={w} className="month-grid__weekday">
            {w}
          </Text>
        ))}
      </View>
      {monthWeeks(month).map((week, i) => (
        <View key={i} className="month-grid__row">
          {week.map((cell, j) =>
            cell ? (
              <View
                key={cell.date}
                className={`month-grid__day${done.has(cell.date) ? ' is-checked' : ''}${cell.date === today ? ' is-today' : ''}`}
                data-date={cell.date}
              >
                <Text className="month-grid__num">{cell.day}</Text>
                {done.has(cell.date) ? <Text className="month-grid__mark">✓</Text> : null}
              </View>
            ) : (
              <View key={`blank-${j}`} className="month-grid__day month-grid__day--blank" />
            ),
          )}
        </View>
      ))}
    </View>
  )
}
