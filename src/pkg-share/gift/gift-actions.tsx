import Taro from '@tarojs/taro'
import { Button, View } from '@tarojs/components'
import type { GiftView } from '@/domain/gifts'
import ShareButton, { type ShareMessage } from '@/platform/share'
import { route } from '@/routes'
import type { useGiftClaim } from './use-gift-claim'

/** The card's buttons: a friend claims while it is open; the giver shares it on and opens the order. */
export default function GiftActions({ gift, claim, share }: { gift: GiftView; claim: ReturnType<typeof useGiftClaim>; share: ShareMessage }) {
  const canClaim = gift.status === 'open' && !gift.mine && !gift.claimedByMe
  const orderId = gift.mine ? gift.orderId : null
  return (
    <View className="gift-page__actions">
      {canClaim ? (
        <Button className={`gift-page__claim${claim.claiming ? ' is-disabled' : ''}`} disabled={claim.claiming || undefined} onClick={claim.pickFromList}>
          {claim.claiming ? '领取中…' : '领取礼物'}
        </Button>
      ) : null}
      {canClaim && claim.platformLabel ? (
        <View className="gift-page__platform-address" onClick={() => void claim.pickFromPlatform()}>
          {`${claim.platformLabel}领取`}
        </View>
      ) : null}
      {gift.mine && gift.status === 'open' ? <ShareButton className="gift-page__share" label="送给好友" message={share} /> : null}
      {orderId !== null ? (
        <View className="gift-page__order" onClick={() => void Taro.navigateTo({ url: route.orderDetail(orderId) })}>
          查看订单
        </View>
      ) : null}
    </View>
  )
}
