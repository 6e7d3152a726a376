import { useCallback, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import PriceTag from '@/components/price-tag'
import StateView from '@/components/state-view'
import { groupRowMeta } from '@/components/group/text'
import type { GroupView } from '@/domain/groups'
import { route } from '@/routes'
import { fetchMyGroups } from '@/services/groups'
import { currentToken } from '@/store/session'
import './index.scss'

/** 我的拼团: the groups the shopper started or joined (GET /api/groups/mine), each opening its page. */
export default function MyGroupsPage() {
  const [items, setItems] = useState<GroupView[]>([])
  const [status, setStatus] = useState<'loading' | 'error' | 'ready' | 'empty'>('loading')
  const [error, setError] = useState<unknown>(null)

  const load = useCallback(async () => {
    try {
      const list = await fetchMyGroups()
      setItems(list)
      setStatus(list.length ? 'ready' : 'empty')
    } catch (err) {
      setError(err)
      setStatus('error')
    }
  }, [])

  useDidShow(() => {
    if (!currentToken()) {
      void Taro.redirectTo({ url: route.login(route.myGroups()) })
      return
    }
    void load()
  })
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()))

  return (
    <View className="my-groups">
      <StateView status={status} error={error} onRetry={() => void load()} emptyText="还没有参加过拼团">
        {items.map((g) => (
          <View key={g.id} className={`group-row is-${g.status}`} onClick={() => void Taro.navigateTo({ url: route.group(g.id) })}>
            {g.image ? <Image className="group-row__image" src={g.image} mode="aspectFill" /> : null}
            <View className="group-row__body">
              <Text className="group-row__title">{g.title}</Text>
              <Text className="group-row__meta">{groupRowMeta(g)}</Text>
              <PriceTag fen={g.price} size="sm" />
            </View>
          </View>
        ))}
      </StateView>
    </View>
  )
}
