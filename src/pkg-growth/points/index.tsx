import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import ListFooter from '@/components/list-footer'
import StateView from '@/components/state-view'
import { route } from '@/routes'
import { currentToken } from '@/store/session'
import { entryMeta, expiringText, pointsDelta } from '../labels'
import { usePoints } from './use-points'
import '../growth.scss'
import './index.scss'

/** 我的积分: the balance, what expires next, the checkout rule and the ledger, newest first. */
export default function PointsPage() {
  const p = usePoints()

  useDidShow(() => {
    if (!currentToken()) {
      void Taro.redirectTo({ url: route.login(route.points()) })
      return
    }
    void p.load()
  })
  usePullDownRefresh(() => void p.load().finally(() => Taro.stopPullDownRefresh()))
  useReachBottom(() => void p.loadMore())

  const v = p.view
  const expiring = v ? expiringText(v.expiring) : null
  return (
    <View className="growth-page points-page">
      <StateView status={p.status} error={p.error} onRetry={() => void p.load()}>
        {v ? (
          <>
            <View className="growth-card points-head">
              <Text className="growth-hint">当前积分</Text>
              <Text className="points-head__balance">{v.balance}</Text>
              {expiring ? <Text className="points-head__expiring">{expiring}</Text> : null}
              <Text className="growth-hint points-head__rule">{`下单时 ${v.redeem.pointsPerYuan} 积分抵 1 元，最多抵商品金额的 ${v.redeem.maxPercent}%`}</Text>
              <View className="growth-links">
                <Text className="growth-link points-head__mall" onClick={() => void Taro.navigateTo({ url: route.mall() })}>
                  积分商城 ›
                </Text>
                <Text className="growth-link points-head__check-in" onClick={() => void Taro.navigateTo({ url: route.checkIn() })}>
                  签到赚积分 ›
                </Text>
              </View>
            </View>
            <View className="growth-card">
              <Text className="growth-card__title">积分明细</Text>
              {p.items.length === 0 ? <Text className="growth-hint points-empty">还没有积分记录</Text> : null}
              {p.items.map((e) => (
                <View key={e.id} className="points-entry">
                  <View className="points-entry__body">
                    <Text className="points-entry__title">{e.title}</Text>
                    <Text className="growth-hint">{entryMeta(e)}</Text>
                  </View>
                  <Text className={`points-entry__delta${e.delta > 0 ? ' is-plus' : ''}`}>{pointsDelta(e.delta)}</Text>
                </View>
              ))}
              <ListFooter hasMore={p.hasMore} loading={p.more === 'loading'} failed={p.more === 'failed'} onRetry={() => void p.loadMore()} />
            </View>
          </>
        ) : null}
      </StateView>
    </View>
  )
}
