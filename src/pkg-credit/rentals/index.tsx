import { useCallback, useRef, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import StateView from '@/components/state-view'
import type { Rental } from '@/domain/contract'
import { RENTAL_STATE_LABEL } from '@/domain/credit'
import { formatFen } from '@/domain/money'
import { PAGES, route, TAB_PAGES } from '@/routes'
import { fetchRentals } from '@/services/credit'
import { currentToken } from '@/store/session'
import { formatTime } from '../credit-text'
import '../credit.scss'
import './index.scss'

const PAGE_SIZE = 10

export default function RentalsPage() {
  const [items, setItems] = useState<Rental[]>([])
  const [status, setStatus] = useState<'loading' | 'error' | 'empty' | 'ready'>('loading')
  const [error, setError] = useState<unknown>(null)
  const [more, setMore] = useState(false)
  const page = useRef(1)
  const loading = useRef(false)

  const load = useCallback(async (first: boolean) => {
    if (loading.current) return
    loading.current = true
    try {
      const next = first ? 1 : page.current + 1
      const paged = await fetchRentals(next, PAGE_SIZE)
      page.current = next
      setItems((list) => (first ? paged.items : [...list, ...paged.items]))
      setMore(next * PAGE_SIZE < paged.total)
      setStatus(first && paged.items.length === 0 ? 'empty' : 'ready')
    } catch (err) {
      if (first) {
        setError(err)
        setStatus('error')
      }
    } finally {
      loading.current = false
    }
  }, [])

  useDidShow(() => {
    if (!currentToken()) {
      void Taro.redirectTo({ url: route.login(PAGES.rentals) })
      return
    }
    void load(true)
  })
  usePullDownRefresh(() => {
    void load(true).finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    if (more) void load(false)
  })

  return (
    <View className="credit-page rentals-page">
      <StateView
        status={status}
        error={error}
        onRetry={() => void load(true)}
        emptyText="还没有租赁记录"
        emptyAction={{ label: '去逛逛', onClick: () => void Taro.switchTab({ url: TAB_PAGES.home }) }}
      >
        {items.map((r) => (
          <View key={r.id} className="credit-card rental-card" onClick={() => void Taro.navigateTo({ url: route.rental(r.id) })}>
            <Image className="rental-card__image" src={r.item.image} mode="aspectFill" />
            <View className="rental-card__info">
              <View className="rental-card__top">
                <Text className="rental-card__title">{r.item.title}</Text>
                <Text className={`rental-card__state is-${r.state}`}>{RENTAL_STATE_LABEL[r.state]}</Text>
              </View>
              <Text className="credit-muted">{`租期 ${r.days} 天 · 押金 ${formatFen(r.terms.deposit)}`}</Text>
              <Text className="credit-muted">
                {r.settlement ? `租金 ${formatFen(r.settlement.charge)}` : `下单 ${formatTime(r.createdAt)}`}
              </Text>
            </View>
          </View>
        ))}
        {items.length ? <Text className="rentals-footer">{more ? '上拉加载更多' : '没有更多了'}</Text> : null}
      </StateView>
    </View>
  )
}
