import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { View } from '@tarojs/components'
import ListFooter from '@/components/list-footer'
import StateView from '@/components/state-view'
import { route } from '@/routes'
import { fetchAfterSales } from '@/services/after-sales'
import { usePagedList } from '@/services/use-paged-list'
import AfterSaleRow from './after-sale-row'
import './index.scss'

const PAGE_SIZE = 10

/** 我的售后: every request, newest first, a page at a time. */
export default function AfterSalesPage() {
  const { items, status, error, total, more, load, loadMore } = usePagedList((page) => fetchAfterSales(page, PAGE_SIZE))

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
