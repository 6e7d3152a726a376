import { useCallback, useRef, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import StateView from '@/components/state-view'
import type { GiftView } from '@/domain/gifts'
import { claimedText, GIFT_STATUS_LABEL } from '@/components/gift/status'
import { route } from '@/routes'
import { fetchGifts, type GiftRole } from '@/services/gifts'
import { currentToken } from '@/store/session'
import './index.scss'

const TABS: { role: GiftRole; label: string }[] = [
  { role: 'sent', label: '我送出的' },
  { role: 'received', label: '我收到的' },
]

/** 我的礼物: the gifts the shopper sent and the shares they claimed (GET /api/gifts?role=). */
export default function GiftsPage() {
  const { params } = useRouter()
  const [role, setRole] = useState<GiftRole>(params.role === 'received' ? 'received' : 'sent')
  const [items, setItems] = useState<GiftView[]>([])
  const [status, setStatus] = useState<'loading' | 'error' | 'ready' | 'empty'>('loading')
  const [error, setError] = useState<unknown>(null)
  // An answer for a tab the shopper already left must not land on the new one.
  const shown = useRef(role)

  const load = useCallback(async (r: GiftRole) => {
    shown.current = r
    setStatus('loading')
    try {
      const list = await fetchGifts(r)
      if (shown.current !== r) return
      setItems(list)
      setStatus(list.length ? 'ready' : 'empty')
    } catch (err) {
      if (shown.current !== r) return
      setError(err)
      setStatus('error')
    }
  }, [])

  useDidShow(() => {
    if (!currentToken()) {
      void Taro.redirectTo({ url: route.login(route.gifts(role)) })
      return
    }
    void load(role)
  })
  usePullDownRefresh(() => void load(role).finally(() => Taro.stopPullDownRefresh()))

  const switchTo = (r: GiftRole) => {
    if (r === role) return
    setRole(r)
    void load(r)
  }

  return (
    <View className="gifts-page">
      <View className="gifts-tabs">
        {TABS.map((t) => (
          <View key={t.role} className={`gifts-tabs__tab gifts-tabs__tab--${t.role}${t.role === role ? ' is-active' : ''}`} onClick={() => switchTo(t.role)}>
            {t.label}
          </View>
        ))}
      </View>
      <StateView status={status} error={error} onRetry={() => void load(role)} emptyText={role === 'sent' ? '还没有送出过礼物' : '还没有收到过礼物'}>
        {items.map((g) => (
          <View key={g.code} className="gift-row" onClick={() => void Taro.navigateTo({ url: route.gift(g.code) })}>
            {g.items[0] ? <Image className="gift-row__image" src={g.items[0].image} mode="aspectFill" /> : null}
            <View className="gift-row__body">
              <Text className="gift-row__title">{role === 'sent' ? g.items.map((i) => i.title).join('、') : `${g.giver.nickname} 送的礼物`}</Text>
              {g.message ? <Text className="gift-row__message">{g.message}</Text> : null}
              <Text className="gift-row__meta">{role === 'sent' ? `${GIFT_STATUS_LABEL[g.status]} · ${claimedText(g.claimed, g.recipients)}` : g.myParcel ? `已发货 ${g.myParcel.carrier} ${g.myParcel.trackingNo}` : '已领取，待发货'}</Text>
            </View>
          </View>
        ))}
      </StateView>
    </View>
  )
}
