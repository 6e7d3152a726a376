import { useCallback, useRef, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import StateView from '@/components/state-view'
import type { Order } from '@/domain/contract'
import { isOrderStatus, ORDER_TABS, type OrderStatus } from '@/domain/order-state'
import { route, TAB_PAGES } from '@/routes'
import { fetchOrders } from '@/services/orders'
import { currentToken } from '@/store/session'
import OrderCard from './order-card'
import './index.scss'

const PAGE_SIZE = 10
type TabKey = OrderStatus | 'all'

export default function OrdersPage() {
  const { params } = useRouter()
  const initial: TabKey = isOrderStatus(params.status) ? params.status : 'all'
  const [tab, setTab] = useState<TabKey>(initial)
  const [orders, setOrders] = useState<Order[]>([])
  const [page, setPage] = useState(0)
  const [total, setTotal] = useState(0)
  const [status, setStatus] = useState<'loading' | 'error' | 'ready'>('loading')
  const [error, setError] = useState<unknown>(null)
  const [more, setMore] = useState<'idle' | 'loading' | 'error'>('idle')
  // Answers for a tab the shopper already left must not land on the new tab.
  const requestId = useRef(0)

  const loadFirst = useCallback(async (key: TabKey) => {
    const id = ++requestId.current
    setStatus((s) => (s === 'ready' ? s : 'loading'))
    try {
      const res = await fetchOrders({ status: key === 'all' ? undefined : key, page: 1, pageSize: PAGE_SIZE })
      if (id !== requestId.current) return
      setOrders(res.items)
      setPage(1)
      setTotal(res.total)
      setStatus('ready')
    } catch (err) {
      if (id !== requestId.current) return
      setError(err)
      setStatus('error')
    }
  }, [])

  const loadMore = async () => {
    if (status !== 'ready' || more === 'loading' || orders.length >= total) return
    const id = requestId.current
    setMore('loading')
    try {
      const res = await fetchOrders({ status: tab === 'all' ? undefined : tab, page: page + 1, pageSize: PAGE_SIZE })
      if (id !== requestId.current) return
      // An order can move between pages while paging; never show it twice.
      setOrders((list) => [...list, ...res.items.filter((o) => !list.some((x) => x.id === o.id))])
      setPage(page + 1)
      setTotal(res.total)
      setMore('idle')
    } catch {
      if (id === requestId.current) setMore('error')
    }
  }

  useDidShow(() => {
    if (!currentToken()) {
      void Taro.redirectTo({ url: route.login(route.orders(tab === 'all' ? undefined : tab)) })
      return
    }
    void loadFirst(tab)
  })
  usePullDownRefresh(() => {
    void loadFirst(tab).finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => void loadMore())

  const switchTab = (key: TabKey) => {
    if (key === tab) return
    setTab(key)
    setOrders([])
    setStatus('loading')
    setMore('idle')
    void loadFirst(key)
  }

  const changed = (order: Order) => {
    // The order may leave this tab (a cancelled order is no longer 待付款).
    setOrders((list) => (tab === 'all' || order.status === tab ? list.map((o) => (o.id === order.id ? order : o)) : list.filter((o) => o.id !== order.id)))
  }

  const viewStatus = status === 'ready' && orders.length === 0 ? 'empty' : status

  return (
    <View className="orders-page">
      <View className="orders-tabs">
        {ORDER_TABS.map((t) => (
          <View key={t.key} className={`orders-tabs__tab${t.key === tab ? ' is-active' : ''}`} onClick={() => switchTab(t.key)}>
            {t.label}
          </View>
        ))}
      </View>
      <StateView
        status={viewStatus}
        error={error}
        onRetry={() => void loadFirst(tab)}
        emptyText="还没有相关订单"
        emptyAction={{ label: '去逛逛', onClick: () => void Taro.switchTab({ url: TAB_PAGES.home }) }}
      >
        {orders.map((o) => (
          <OrderCard key={o.id} order={o} onOpen={() => void Taro.navigateTo({ url: route.orderDetail(o.id) })} onChanged={changed} />
        ))}
        <View className="orders-page__more" onClick={() => more === 'error' && void loadMore()}>
          <Text>{more === 'loading' ? '加载中…' : more === 'error' ? '加载失败，点击重试' : orders.length >= total ? '没有更多了' : '上拉加载更多'}</Text>
        </View>
      </StateView>
    </View>
  )
}
