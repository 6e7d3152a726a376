import { useCallback, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { Button, Image, Text, View } from '@tarojs/components'
import StateView from '@/components/state-view'
import type { MallItemView } from '@/domain/points'
import { route } from '@/routes'
import { fetchMallItems } from '@/services/points'
import { currentToken } from '@/store/session'
import { MALL_KIND_LABEL, mallPrice, mallStockText } from '../labels'
import { useRedeem } from './use-redeem'
import '../growth.scss'
import './index.scss'

/** 积分商城: coupons, products and gifts for points (or points + money), with stock and limits. */
export default function MallPage() {
  const [items, setItems] = useState<MallItemView[]>([])
  const [status, setStatus] = useState<'loading' | 'error' | 'empty' | 'ready'>('loading')
  const [error, setError] = useState<unknown>(null)

  const load = useCallback(async () => {
    try {
      const list = await fetchMallItems()
      setItems(list)
      setStatus(list.length ? 'ready' : 'empty')
    } catch (err) {
      setError(err)
      setStatus('error')
    }
  }, [])

  const redeem = useRedeem(load)
  useDidShow(() => {
    void load()
    redeem.resume()
  })
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()))

  const limitReached = (i: MallItemView) => i.perUserLimit !== null && i.redeemed >= i.perUserLimit
  return (
    <View className="growth-page mall-page">
      {currentToken() ? (
        <View className="growth-links mall-links">
          <Text className="growth-link mall-links__points" onClick={() => void Taro.navigateTo({ url: route.points() })}>
            我的积分 ›
          </Text>
          <Text className="growth-link mall-links__check-in" onClick={() => void Taro.navigateTo({ url: route.checkIn() })}>
            签到赚积分 ›
          </Text>
        </View>
      ) : null}
      {redeem.redeemError ? <Text className="growth-error mall-error">{redeem.redeemError}</Text> : null}
      <StateView status={status} error={error} onRetry={() => void load()} emptyText="积分商城暂无可兑换的商品">
        {items.map((i) => {
          const off = i.stockLeft <= 0 || limitReached(i)
          return (
            <View key={i.id} className={`growth-card mall-item mall-item--${i.kind}`} data-id={i.id}>
              {i.image ? <Image className="mall-item__image" src={i.image} mode="aspectFill" /> : <View className="mall-item__image mall-item__image--blank">{MALL_KIND_LABEL[i.kind]}</View>}
              <View className="mall-item__body">
                <Text className="mall-item__title">{i.title}</Text>
                <Text className="mall-item__kind">{MALL_KIND_LABEL[i.kind]}</Text>
                <Text className="mall-item__price">{mallPrice(i.points, i.price)}</Text>
                <Text className="growth-hint mall-item__stock">{mallStockText(i)}</Text>
              </View>
              <Button className={`mall-item__redeem${off || redeem.busy ? ' is-disabled' : ''}`} disabled={off || redeem.busy || undefined} onClick={() => redeem.start(i)}>
                {i.stockLeft <= 0 ? '已兑完' : limitReached(i) ? '已达上限' : '兑换'}
              </Button>
            </View>
          )
        })}
      </StateView>
    </View>
  )
}
