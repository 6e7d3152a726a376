import { useCallback, useRef, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { View } from '@tarojs/components'
import ListFooter from '@/components/list-footer'
import StateView from '@/components/state-view'
import type { AfterSale } from '@/domain/after-sales'
import { route } from '@/routes'
import { fetchAfterSales } from '@/services/after-sales'
import AfterSaleRow from './after-sale-row'
import './index.scss'

const PAGE_SIZE = 10

/** 我的售后: every request, newest first, a page at a time. */
export default function AfterSalesPage() {
  const [items, setItems] = useState<AfterSale[]>([])
  const [status, setStatus] = useState<'loading' | 'error' | 'ready' | 'empty'>('loading')
  const [error, setError] = useState<unknown>(null)
  const [page, setPage] = useState(1)
  const [total, setTotal] = useState(0)
  const [more, setMore] = useState<'idle' | 'loading' | 'failed'>('idle')
  const loadingMore = useRef(false)

  const load = useCallback(async () => {
    try {
      const r = await fetchAfterSales(1, PAGE_SIZE)
      setItems(r.items)
      setTotal(r.total)
      setPage(1)
      setStatus(r.items.length ? 'ready' : 'empty')
    } catch (err) {
      setError(err)
      setStatus('error')
    }
  }, [])

  const loadMore = useCallback(async () => {
    if (loadingMore.current || items.length >= total) return
    loadingMore.current = true
    setMore('loading')
    try {
      const r = await fetchAfterSales(page + 1, PAGE_SIZE)
      setItems((list) => [...list, ...r.items.filter((a) => !list.some((b) => b.id === a.id))])
      setTotal(r.total)
      setPage(page + 1)
      setMore('idle')
    } catch {
      setMore('failed')
    }
    loadingMore.current = false
  }, [items.length, page, total])

  useDidShow(() => void load())
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()))
  useReachBottom(() => void loadMore())

  return (
    <View className="after-sales">
      <StateView status={status} error={error} onRetry={() => void load()} emptyText="还没有售后记录">
        {items.map((a) => (
          <AfterSaleRow key={a.id} item={a} onOpen={(id) => void Taro.navigateTo({ url: route.afterSale(id) })} />
        ))}
        <ListFooter hasMore={items.length < total} loading={more === 'loading'} failed={more === 'failed'} onRetry={() => void loadMore()} />
      </StateView>
    </View>
  )
}
