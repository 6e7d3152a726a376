import { Text, View } from '@tarojs/components'
import { formatFen } from '@/domain/money'
import type { PointsQuote } from '@/domain/points'
import { ApiError } from '@/services/http'

/** The points the order may spend changed under the shopper (balance spent elsewhere, a new coupon lowered the cap). */
export function isPointsError(err: unknown): err is ApiError {
  return err instanceof ApiError && (err.code === 'POINTS_NOT_ENOUGH' || err.code === 'POINTS_OVER_LIMIT')
}

/** What the order spends, for POST /api/orders: the points the last preview priced in (none: absent). */
export function pointsToSpend(quote: PointsQuote | undefined): number | undefined {
  return quote && quote.used > 0 ? quote.used : undefined
}

/** "可用 1200 积分抵 ¥12.00". */
export function pointsRowText(q: PointsQuote): string {
  return `可用 ${q.usable} 积分抵 ${formatFen(q.value)}`
}

/**
 * 积分抵扣: a tappable row like 送礼's. Shown only when the preview quotes points (signed in)
 * and some are usable on this order.
 */
export default function PointsSwitch({ quote, busy, onToggle }: { quote: PointsQuote | undefined; busy: boolean; onToggle: (on: boolean) => void }) {
  if (!quote || quote.usable <= 0) return null
  const on = quote.used > 0
  return (
    // Styled with 送礼's switch (gift-form.scss, loaded with the page).
    <View className={`checkout-card points-switch${on ? ' is-on' : ''}${busy ? ' is-busy' : ''}`} onClick={() => !busy && onToggle(!on)}>
      <View className="points-switch__text">
        <Text className="points-switch__title">积分抵扣</Text>
        <Text className="points-switch__hint">{pointsRowText(quote)}</Text>
      </View>
      <View className="points-switch__knob" />
    </View>
  )
}
