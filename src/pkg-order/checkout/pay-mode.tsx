import { Text, View } from '@tarojs/components'

export type PayMode = 'pay_now' | 'pay_after_use'

const OPTIONS: { mode: PayMode; label: string }[] = [
  { mode: 'pay_now', label: '立即支付' },
  { mode: 'pay_after_use', label: '先享后付（确认收货后再付款）' },
]

/** Shown only when the server says the shopper's credit allows paying after use. */
export default function PayModeChoice({ value, service, onChange }: { value: PayMode; service: string; onChange: (mode: PayMode) => void }) {
  return (
    <View className="checkout-card pay-mode">
      <Text className="pay-mode__title">支付方式</Text>
      {OPTIONS.map((o) => (
        <View key={o.mode} className={`pay-mode__option pay-mode__option--${o.mode}${value === o.mode ? ' is-active' : ''}`} onClick={() => onChange(o.mode)}>
          <View className="pay-mode__text">
            <Text>{o.label}</Text>
            {o.mode === 'pay_after_use' ? <Text className="pay-mode__hint">{`${service}担保，先收货，满意再付`}</Text> : null}
          </View>
          <View className="pay-mode__radio" />
        </View>
      ))}
    </View>
  )
}
