import { useCallback, useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Button, Image, Text, View } from '@tarojs/components'
import type { OrderCounts } from '@/domain/contract'
import { ORDER_TABS } from '@/domain/order-state'
import { PAGES, route, TAB_PAGES } from '@/routes'
import { fetchMyLevel } from '@/services/levels'
import { fetchOrderCounts } from '@/services/orders'
import { fetchPoints } from '@/services/points'
import { syncCartBadge, useCart } from '@/store/cart'
import { currentToken, useIsLoggedIn, useSession } from '@/store/session'
import './index.scss'

const SHORTCUTS = ORDER_TABS.filter((t) => t.key !== 'all')
const GLYPH: Record<string, string> = { created: '¥', paid: '□', shipped: '⇢', completed: '✓' }

export default function MePage() {
  const user = useSession((s) => s.user)
  const loggedIn = useIsLoggedIn()
  const [counts, setCounts] = useState<OrderCounts | null>(null)
  const [points, setPoints] = useState<number | null>(null)
  const [levelName, setLevelName] = useState<string | null>(null)

  const loadCounts = useCallback(async () => {
    try {
      setCounts(await fetchOrderCounts())
    } catch {
      // Counts are a nicety: the shortcuts still work without them.
      setCounts(null)
    }
  }, [])

  const loadPoints = useCallback(async () => {
    try {
      setPoints((await fetchPoints(1, 1)).balance)
    } catch {
      // The balance is a nicety too: the row opens the points page without it.
      setPoints(null)
    }
  }, [])

  const loadLevel = useCallback(async () => {
    try {
      setLevelName((await fetchMyLevel()).level.name)
    } catch {
      // The level line is a nicety: without it the card says 欢迎回来.
      setLevelName(null)
    }
  }, [])

  useDidShow(() => {
    syncCartBadge(useCart.getState().count)
    if (currentToken()) {
      void loadCounts()
      void loadPoints()
      void loadLevel()
    } else {
      setCounts(null)
      setPoints(null)
      setLevelName(null)
    }
  })

  const needLogin = (url: string) => {
    if (!loggedIn) {
      void Taro.navigateTo({ url: route.login(url) })
      return
    }
    void Taro.navigateTo({ url })
  }

  const signOut = async () => {
    const { confirm } = await Taro.showModal({ title: '退出登录', content: '确定退出当前账号吗？', confirmText: '退出' })
    if (!confirm) return
    useSession.getState().signOut()
    useCart.getState().clearAccountCart()
    setCounts(null)
    setPoints(null)
    setLevelName(null)
  }

  return (
    <View className="me-page">
      {/* Guests log in from the card; a shopper's card (with the level under the nickname) opens the level page. */}
      <View className="me-card" onClick={() => void Taro.navigateTo({ url: loggedIn ? route.level() : route.login(TAB_PAGES.me) })}>
        {user?.avatar ? <Image className="me-card__avatar" src={user.avatar} /> : <View className="me-card__avatar me-card__avatar--blank">{user ? [...user.nickname][0] : '?'}</View>}
        {loggedIn && user ? (
          <View className="me-card__info">
            <Text className="me-card__name">{user.nickname}</Text>
            {levelName ? (
              <Text className="me-card__sub me-card__level">{`${levelName} ›`}</Text>
            ) : (
              <Text className="me-card__sub">欢迎回来</Text>
            )}
          </View>
        ) : (
          <View className="me-card__info">
            <Text className="me-card__name login-entry">登录 / 注册</Text>
            <Text className="me-card__sub">登录后查看订单、管理收货地址</Text>
          </View>
        )}
      </View>

      <View className="me-section">
        <View className="me-section__head" onClick={() => needLogin(route.orders())}>
          <Text className="me-section__title">我的订单</Text>
          <Text className="me-section__more">全部订单 ›</Text>
        </View>
        <View className="me-orders">
          {SHORTCUTS.map((tab) => {
            const n = counts && tab.key !== 'all' ? counts[tab.key] : 0
            return (
              <View key={tab.key} className="me-orders__item" onClick={() => needLogin(route.orders(tab.key))}>
                <View className="me-orders__icon">
                  {GLYPH[tab.key] ?? '•'}
                  {n > 0 ? <Text className="me-orders__badge">{n > 99 ? '99+' : n}</Text> : null}
                </View>
                <Text className="me-orders__label">{tab.label}</Text>
              </View>
            )
          })}
        </View>
      </View>

      <View className="me-section">
        <View className="me-row me-row--check-in" onClick={() => needLogin(PAGES.checkIn)}>
          <Text>每日签到</Text>
          <Text className="me-row__hint">签到领积分</Text>
          <Text className="me-row__arrow">›</Text>
        </View>
        <View className="me-row me-row--points" onClick={() => needLogin(PAGES.points)}>
          <Text>我的积分</Text>
          {loggedIn && points !== null ? <Text className="me-row__hint me-row__points">{`${points} 积分`}</Text> : null}
          <Text className="me-row__arrow">›</Text>
        </View>
        <View className="me-row me-row--mall" onClick={() => void Taro.navigateTo({ url: PAGES.mall })}>
          <Text>积分商城</Text>
          <Text className="me-row__arrow">›</Text>
        </View>
        <View className="me-row me-row--invite" onClick={() => needLogin(PAGES.invite)}>
          <Text>邀请有礼</Text>
          <Text className="me-row__hint">好友下单双方得积分</Text>
          <Text className="me-row__arrow">›</Text>
        </View>
        <View className="me-row me-row--groups" onClick={() => needLogin(route.myGroups())}>
          <Text>我的拼团</Text>
          <Text className="me-row__arrow">›</Text>
        </View>
        <View className="me-row me-row--plans" onClick={() => needLogin(route.plans())}>
          <Text>我的周期购</Text>
          <Text className="me-row__arrow">›</Text>
        </View>
        <View className="me-row me-row--member-card" onClick={() => needLogin(route.memberCard())}>
          <Text>会员卡</Text>
          <Text className="me-row__arrow">›</Text>
        </View>
      </View>

      <View className="me-section">
        <View className="me-row me-row--favorites" onClick={() => needLogin(PAGES.favorites)}>
          <Text>我的收藏</Text>
          <Text className="me-row__arrow">›</Text>
        </View>
        <View className="me-row me-row--after-sales" onClick={() => needLogin(PAGES.afterSales)}>
          <Text>我的售后</Text>
          <Text className="me-row__arrow">›</Text>
        </View>
        <View className="me-row me-row--gifts" onClick={() => needLogin(PAGES.gifts)}>
          <Text>我的礼物</Text>
          <Text className="me-row__arrow">›</Text>
        </View>
        <View className="me-row me-row--coupons" onClick={() => needLogin(PAGES.myCoupons)}>
          <Text>我的优惠券</Text>
          <Text className="me-row__arrow">›</Text>
        </View>
        <View className="me-row me-row--rentals" onClick={() => needLogin(PAGES.rentals)}>
          <Text>我的租赁</Text>
          <Text className="me-row__arrow">›</Text>
        </View>
        <View className="me-row me-row--membership" onClick={() => needLogin(PAGES.membership)}>
          <Text>轻会员</Text>
          <Text className="me-row__hint">0 元开通，省多少付多少</Text>
          <Text className="me-row__arrow">›</Text>
        </View>
        <View className="me-row me-row--promoter" onClick={() => needLogin(PAGES.promoter)}>
          <Text>推广中心</Text>
          <Text className="me-row__hint">分享赚佣金</Text>
          <Text className="me-row__arrow">›</Text>
        </View>
        <View className="me-row me-row--stores" onClick={() => void Taro.navigateTo({ url: PAGES.stores })}>
          <Text>附近门店</Text>
          <Text className="me-row__hint">到店自提 · 导航</Text>
          <Text className="me-row__arrow">›</Text>
        </View>
        <View className="me-row" onClick={() => needLogin(PAGES.addresses)}>
          <Text>收货地址</Text>
          <Text className="me-row__arrow">›</Text>
        </View>
      </View>

      {loggedIn ? (
        <Button className="me-logout" onClick={() => void signOut()}>
          退出登录
        </Button>
      ) : null}
    </View>
  )
}
