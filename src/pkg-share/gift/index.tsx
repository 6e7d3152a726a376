import { useCallback, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh, useRouter, useShareAppMessage } from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import StateView from '@/components/state-view'
import { GIFT_CODE_RE, type GiftView } from '@/domain/gifts'
import { giftShareMessage } from '@/components/gift/share-message'
import ShareButton, { shareAdapter } from '@/platform/share'
import { route } from '@/routes'
import { fetchGift } from '@/services/gifts'
import { ApiError } from '@/services/http'
import { GiftCard, GiftClaims, MyShare } from './gift-card'
import { useGiftClaim } from './use-gift-claim'
import './index.scss'

/** A gift card's page (what a share opens): the giver follows the claims, a friend claims a share. */
export default function GiftPage() {
  const { params } = useRouter()
  const code = params.code ?? ''
  const [gift, setGift] = useState<GiftView | null>(null)
  const [status, setStatus] = useState<'loading' | 'error' | 'ready'>('loading')
  const [error, setError] = useState<unknown>(null)

  const load = useCallback(async () => {
    if (!GIFT_CODE_RE.test(code)) {
      setError(new ApiError(404, 'NOT_FOUND', '礼物不存在'))
      setStatus('error')
      return
    }
    try {
      setGift(await fetchGift(code))
      setStatus('ready')
    } catch (err) {
      setError(err)
      setStatus('error')
    }
  }, [code])

  const claim = useGiftClaim(code, setGift, load)
  useDidShow(() => {
    shareAdapter.enableMenu()
    void load()
    claim.resume()
  })
  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh())
  })
  // Anyone may pass the card on: the same card, the same code.
  const share = giftShareMessage(route.gift(code), gift?.giver.nickname, gift?.items[0]?.image)
  useShareAppMessage(() => share)

  const openOrder = () => {
    if (gift?.orderId) void Taro.navigateTo({ url: route.orderDetail(gift.orderId) })
  }

  const canClaim = gift !== null && gift.status === 'open' && !gift.mine && !gift.claimedByMe
  return (
    <View className="gift-page">
      <StateView status={status} error={error} onRetry={() => void load()}>
        {gift ? (
          <>
            <GiftCard gift={gift} />
            {gift.claimedByMe ? <MyShare gift={gift} /> : null}
            {gift.mine ? (
              <View className="gift-page__section">
                <Text className="gift-page__section-title">领取记录</Text>
                <GiftClaims gift={gift} />
              </View>
            ) : null}
            {claim.claimError ? <Text className="gift-page__error">{claim.claimError}</Text> : null}
            <View className="gift-page__actions">
              {canClaim ? (
                <>
                  <Button className={`gift-page__claim${claim.claiming ? ' is-disabled' : ''}`} disabled={claim.claiming || undefined} onClick={claim.pickFromList}>
                    {claim.claiming ? '领取中…' : '领取礼物'}
                  </Button>
                  {claim.platformLabel ? (
                    <View className="gift-page__platform-address" onClick={() => void claim.pickFromPlatform()}>
                      {`${claim.platformLabel}领取`}
                    </View>
                  ) : null}
                </>
              ) : null}
              {gift.mine && gift.status === 'open' ? <ShareButton className="gift-page__share" label="送给好友" message={share} /> : null}
              {gift.mine && gift.orderId !== null ? (
                <View className="gift-page__order" onClick={openOrder}>
                  查看订单
                </View>
              ) : null}
            </View>
          </>
        ) : null}
      </StateView>
    </View>
  )
}
