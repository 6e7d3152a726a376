import { useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import StateView from '@/components/state-view'
import { memberCardAdapter } from '@/platform/member-card'
import { PAGES, route, withQuery } from '@/routes'
import { errorMessage } from '@/services/http'
import { activateMemberCard, fetchMemberCard, openMemberCard, type MemberCardPreview } from '@/services/member-card'
import { currentToken } from '@/store/session'
import '../member.scss'
import './index.scss'

const toast = (title: string) => void Taro.showToast({ title, icon: 'none' })

/** The sandbox step's page: the server's path when it is that page, else the page with the path's token. */
function sandboxUrl(path: string): string {
  if (path.startsWith(PAGES.sandboxCard)) return path
  const token = /[?&]token=([^&]+)/.exec(path)?.[1]
  return withQuery(PAGES.sandboxCard, { token: token ? decodeURIComponent(token) : path.split('/').pop() })
}

/**
 * 会员卡: the card as it looks in the platform's card pack (title, colour, number, level,
 * points) and 领取会员卡, which asks the server for the next step and lets the platform adapter
 * take it (Alipay's activation form, wx.addCard, or the sandbox page); the answer activates it.
 */
export default function MemberCardPage() {
  const [card, setCard] = useState<MemberCardPreview | null>(null)
  const [status, setStatus] = useState<'loading' | 'error' | 'ready'>('loading')
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)

  const load = async () => {
    try {
      setCard(await fetchMemberCard())
      setStatus('ready')
    } catch (err) {
      setError(err)
      setStatus('error')
    }
  }

  // Back from the sandbox page (which activated the card itself) this reads the new state.
  useDidShow(() => {
    if (!currentToken()) void Taro.redirectTo({ url: route.login(route.memberCard()) })
    else void load()
  })

  const open = async () => {
    if (busy) return
    setBusy(true)
    try {
      const result = await memberCardAdapter.openCard(await openMemberCard())
      if (result.status === 'activate') {
        const active = await activateMemberCard(result.input)
        setCard((c) => ({ ...c, ...active }))
        toast('会员卡已领取')
      } else if (result.status === 'sandbox') void Taro.navigateTo({ url: sandboxUrl(result.path) })
      else if (result.status === 'failed') toast(result.message)
    } catch (err) {
      toast(errorMessage(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className="member-page member-card-page">
      <StateView status={status} error={error} onRetry={() => void load()}>
        {card ? (
          <>
            <View className="card-face" style={{ background: card.color ?? '#3a3a4a' }}>
              <Text className="card-face__title">{card.title ?? 'Duet 会员卡'}</Text>
              <Text className="card-face__level">{card.levelName}</Text>
              <Text className="card-face__points">{`积分 ${card.points}`}</Text>
              <Text className="card-face__no">{card.cardNo ? `No. ${card.cardNo}` : '领取后生成卡号'}</Text>
            </View>
            {!card.available ? (
              <Text className="member-hint member-card-page__unavailable">当前账号暂不支持微信会员卡，会员权益在小程序内有效</Text>
            ) : card.status === 'active' ? (
              <Text className="member-card-page__active">已在卡包</Text>
            ) : (
              <Button className={`member-button member-card-page__open${busy ? ' is-disabled' : ''}`} disabled={busy || undefined} onClick={() => void open()}>
                {busy ? '请稍候…' : '领取会员卡'}
              </Button>
            )}
            <Text className="member-hint member-card-page__hint">会员卡随等级和积分自动更新</Text>
          </>
        ) : null}
      </StateView>
    </View>
  )
}
