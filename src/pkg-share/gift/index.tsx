import { useCallback, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh, useRouter, useShareAppMessage } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import StateView from '@/components/state-view'
import { GIFT_CODE_RE, type GiftView } from '@/domain/gifts'
import { giftShareMessage } from '@/components/gift/share-message'
import { shareAdapter } from '@/platform/share'
import { route } from '@/routes'
import { fetchGift } from '@/services/gifts'
import { ApiError } from '@/services/http'
import GiftActions from './gift-actions'
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
            <GiftActions gift={gift} claim={claim} share={share} />
          </>
        ) : null}
      </StateView>
    </View>
  )
}
