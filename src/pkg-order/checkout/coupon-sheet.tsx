import { ScrollView, Text, View } from '@tarojs/components'
import CouponCard from '@/components/coupon-card'
import { validUntilText } from '@/components/coupon-card/coupon-text'
import type { CouponOption } from '@/domain/contract'
import { formatFen } from '@/domain/money'

interface CouponSheetProps {
  open: boolean
  options: readonly CouponOption[]
  /** What the last preview applied. */
  selected: readonly number[]
  busy: boolean
  onToggle: (id: number) => void
  onNone: () => void
  onClose: () => void
}

function Radio({ on }: { on: boolean }) {
  return <View className={`coupon-radio${on ? ' is-checked' : ''}`}>{on ? '✓' : ''}</View>
}

/**
 * The shopper's coupons for this order: usable ones with what each takes off here (the
 * engine's figure) and a radio, the rest greyed with the server's reason ("再买 23.00 元可用").
 */
export default function CouponSheet({ open, options, selected, busy, onToggle, onNone, onClose }: CouponSheetProps) {
  if (!open) return null
  const usable = options.filter((c) => c.usable)
  const unusable = options.filter((c) => !c.usable)
  const card = (c: CouponOption, canPick: boolean) => (
    <CouponCard
      key={c.couponId}
      coupon={c}
      validity={validUntilText(c.validTo)}
      note={canPick ? (c.discount > 0 ? `本单可减 ${formatFen(c.discount)}` : undefined) : (c.reason ?? '本单不可用')}
      dimmed={!canPick}
      trailing={canPick ? <Radio on={selected.includes(c.couponId)} /> : null}
      onClick={canPick && !busy ? () => onToggle(c.couponId) : undefined}
    />
  )
  return (
    <View className="coupon-sheet" catchMove>
      <View className="coupon-sheet__mask" onClick={onClose} />
      <View className="coupon-sheet__panel">
        <View className="coupon-sheet__head">
          <Text className="coupon-sheet__title">优惠券</Text>
          <Text className="coupon-sheet__close" onClick={onClose}>
            ×
          </Text>
        </View>
        <ScrollView className="coupon-sheet__body" scrollY>
          <View className="coupon-sheet__none" onClick={busy ? undefined : onNone}>
            <Text>不使用优惠券</Text>
            <Radio on={selected.length === 0} />
          </View>
          {usable.length ? <Text className="coupon-sheet__group">{`可用优惠券（${usable.length}）`}</Text> : null}
          {usable.map((c) => card(c, true))}
          {unusable.length ? <Text className="coupon-sheet__group">{`不可用优惠券（${unusable.length}）`}</Text> : null}
          {unusable.map((c) => card(c, false))}
          {options.length === 0 ? <Text className="coupon-sheet__empty">暂无优惠券，去领券中心看看吧</Text> : null}
        </ScrollView>
        <View className="coupon-sheet__footer">
          <View className={`coupon-sheet__done${busy ? ' is-busy' : ''}`} onClick={onClose}>
            {busy ? '计算中…' : '确定'}
          </View>
        </View>
      </View>
    </View>
  )
}
