import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { OrderGift } from '@/domain/gifts'
import { claimedText, expiryText, GIFT_STATUS_LABEL } from '@/components/gift/status'
import ShareButton, { type ShareMessage } from '@/platform/share'
import { route } from '@/routes'
import './gift-section.scss'

/** A gift order's card: how many claimed, until when, and 送给好友 while it can still be claimed; tapped, the gift page (who claimed). */
export default function GiftSection({ gift, share }: { gift: OrderGift; share: ShareMessage }) {
  const expiry = expiryText(gift.status, gift.expiresAt)
  return (
    <View className="order-gift">
      <View className="order-gift__head" onClick={() => void Taro.navigateTo({ url: route.gift(gift.code) })}>
        <Text className="order-gift__title">送礼</Text>
        <Text className="order-gift__state">{GIFT_STATUS_LABEL[gift.status]}</Text>
      </View>
      {gift.message ? <Text className="order-gift__message">{`“${gift.message}”`}</Text> : null}
      <Text className="order-gift__claimed">{claimedText(gift.claimed, gift.recipients)}</Text>
      {expiry ? <Text className="order-gift__expiry">{expiry}</Text> : null}
      {gift.status === 'open' ? <ShareButton className="order-gift__share" label="送给好友" message={share} /> : null}
    </View>
  )
}
