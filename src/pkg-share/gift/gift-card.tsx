import { Image, Text, View } from '@tarojs/components'
import type { GiftView } from '@/domain/gifts'
import { claimedText, expiryText, formatGiftTime, GIFT_STATUS_LABEL } from '@/components/gift/status'

/** What anyone holding the card sees: who sends it, the message, one share's items, how many claimed. */
export function GiftCard({ gift }: { gift: GiftView }) {
  const expiry = expiryText(gift.status, gift.expiresAt)
  return (
    <View className="gift-card">
      <View className="gift-card__giver">
        {gift.giver.avatar ? (
          <Image className="gift-card__avatar" src={gift.giver.avatar} />
        ) : (
          <View className="gift-card__avatar gift-card__avatar--blank">{[...gift.giver.nickname][0] ?? '礼'}</View>
        )}
        <Text className="gift-card__from">{`${gift.giver.nickname} 送你一份礼物`}</Text>
      </View>
      {gift.message ? <Text className="gift-card__message">{`“${gift.message}”`}</Text> : null}
      <View className="gift-card__items">
        {gift.items.map((item) => (
          <View key={`${item.title}-${item.specs}`} className="gift-card__item">
            <Image className="gift-card__image" src={item.image} mode="aspectFill" />
            <View className="gift-card__item-body">
              <Text className="gift-card__title">{item.title}</Text>
              {item.specs ? <Text className="gift-card__specs">{item.specs}</Text> : null}
            </View>
            <Text className="gift-card__quantity">{`×${item.quantity}`}</Text>
          </View>
        ))}
      </View>
      <View className="gift-card__foot">
        <Text className="gift-card__status">{GIFT_STATUS_LABEL[gift.status]}</Text>
        <Text className="gift-card__claimed">{claimedText(gift.claimed, gift.recipients)}</Text>
      </View>
      {expiry ? <Text className="gift-card__expiry">{expiry}</Text> : null}
    </View>
  )
}

/** Who claimed and when (nicknames only: no addresses here). */
export function GiftClaims({ gift }: { gift: GiftView }) {
  if (gift.claims.length === 0) return <Text className="gift-claims gift-claims--empty">还没有好友领取</Text>
  return (
    <View className="gift-claims">
      {gift.claims.map((c) => (
        <View key={`${c.nickname}-${c.at}`} className="gift-claims__row">
          <Text className="gift-claims__name">{c.nickname}</Text>
          <Text className="gift-claims__time">{`${formatGiftTime(c.at)} 领取`}</Text>
        </View>
      ))}
    </View>
  )
}

/** The recipient's share after claiming: 已领取, then the parcel once it ships. */
export function MyShare({ gift }: { gift: GiftView }) {
  return (
    <View className="gift-mine">
      <Text className="gift-mine__state">已领取</Text>
      <Text className="gift-mine__parcel">
        {gift.myParcel ? `${gift.myParcel.carrier} ${gift.myParcel.trackingNo}` : '商家会尽快把礼物发到你填写的地址'}
      </Text>
    </View>
  )
}
