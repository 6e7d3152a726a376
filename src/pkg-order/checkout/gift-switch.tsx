import { Text, View } from '@tarojs/components'

/** 送礼 on/off: a tappable row rather than <Switch>, so both hosts draw it the same. */
export default function GiftSwitch({ on, onToggle }: { on: boolean; onToggle: () => void }) {
  return (
    <View className={`checkout-card gift-switch${on ? ' is-on' : ''}`} onClick={onToggle}>
      <View className="gift-switch__text">
        <Text className="gift-switch__title">送礼</Text>
        <Text className="gift-switch__hint">买给好友，好友领取时自己填地址</Text>
      </View>
      <View className="gift-switch__knob" />
    </View>
  )
}
