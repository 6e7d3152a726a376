import { useCallback, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh, useShareAppMessage } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import StateView from '@/components/state-view'
import type { ReferralView } from '@/domain/points'
import ShareButton, { shareAdapter, type ShareMessage } from '@/platform/share'
import { route } from '@/routes'
import { fetchReferral } from '@/services/points'
import { currentToken } from '@/store/session'
import { REFERRAL_STATUS_LABEL, referralRewardText, shopDate } from '../labels'
import '../growth.scss'
import './index.scss'

const SHARE_TITLE = '送你一份新人积分，来 Duet 商城逛逛'

/** 邀请有礼: the shopper's invite link (the shop's home with ?invite=<code>), the reward and the friends invited. */
export default function InvitePage() {
  const [view, setView] = useState<ReferralView | null>(null)
  const [status, setStatus] = useState<'loading' | 'error' | 'ready'>('loading')
  const [error, setError] = useState<unknown>(null)

  const load = useCallback(async () => {
    try {
      setView(await fetchReferral())
      setStatus('ready')
    } catch (err) {
      setError(err)
      setStatus('error')
    }
  }, [])

  useDidShow(() => {
    if (!currentToken()) {
      void Taro.redirectTo({ url: route.login(route.invite()) })
      return
    }
    shareAdapter.enableMenu()
    void load()
  })
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()))

  // Before the code is known the share is the plain shop: never a link without its inviter.
  const share: ShareMessage = { title: SHARE_TITLE, path: view ? route.homeInvited(view.code) : route.homeShared() }
  useShareAppMessage(() => share)

  return (
    <View className="growth-page invite-page">
      <StateView status={status} error={error} onRetry={() => void load()}>
        {view ? (
          <>
            <View className="growth-card invite-head">
              <Text className="invite-head__title">邀请好友，一起得积分</Text>
              <Text className="invite-head__reward">{referralRewardText(view.reward)}</Text>
              <Text className="growth-hint">我的邀请码</Text>
              <Text className="invite-head__code">{view.code}</Text>
              <ShareButton className="growth-button invite-head__share" label="邀请好友" message={share} />
              <Text className="growth-link invite-head__copy" onClick={() => void Taro.setClipboardData({ data: shareAdapter.linkOf(share) })}>
                复制邀请链接
              </Text>
            </View>
            <View className="growth-card">
              <Text className="growth-card__title">{`已邀请 ${view.friends.length} 位好友`}</Text>
              {view.friends.length === 0 ? <Text className="growth-hint invite-empty">还没有邀请好友，快去分享吧</Text> : null}
              {view.friends.map((f, i) => (
                <View key={`${f.nickname}-${f.at}-${i}`} className="invite-friend">
                  <Text className="invite-friend__name">{f.nickname}</Text>
                  <Text className="growth-hint invite-friend__at">{shopDate(f.at)}</Text>
                  <Text className={`invite-friend__status is-${f.status}`}>{REFERRAL_STATUS_LABEL[f.status]}</Text>
                </View>
              ))}
            </View>
          </>
        ) : null}
      </StateView>
    </View>
  )
}
