import Taro, { useDidShow, useReachBottom } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import CouponCard, { type CouponCardState } from '@/components/coupon-card'
import { validityText } from '@/components/coupon-card/coupon-text'
import ListFooter from '@/components/list-footer'
import StateView from '@/components/state-view'
import type { CouponStatus } from '@/domain/contract'
import { PAGES, route, TAB_PAGES } from '@/routes'
import { currentToken } from '@/store/session'
import { useMyCoupons } from './use-my-coupons'
import './index.scss'

const TABS: { key: CouponStatus; label: string; empty: string }[] = [
  { key: 'usable', label: '可使用', empty: '暂无可使用的优惠券' },
  { key: 'used', label: '已使用', empty: '还没有用过优惠券' },
  { key: 'expired', label: '已过期', empty: '没有过期的优惠券' },
]

const CARD_STATE: Record<CouponStatus, CouponCardState> = { usable: 'use', used: 'used', expired: 'expired' }

/** 我的优惠券: 可使用 / 已使用 / 已过期; 去使用 goes shopping (checkout picks the best coupons by itself). */
export default function MyCouponsPage() {
  const coupons = useMyCoupons()

  useDidShow(() => {
    if (!currentToken()) {
      void Taro.redirectTo({ url: route.login(PAGES.myCoupons) })
      return
    }
    void coupons.show(coupons.tab)
  })
  useReachBottom(() => void coupons.loadMore())

  const current = TABS.find((t) => t.key === coupons.tab) ?? TABS[0]
  return (
    <View className="my-coupons">
      <View className="my-coupons__tabs">
        {TABS.map((t) => (
          <View key={t.key} className={`my-coupons__tab${t.key === coupons.tab ? ' is-active' : ''}`} onClick={() => t.key !== coupons.tab && void coupons.show(t.key)}>
            <Text>{t.label}</Text>
          </View>
        ))}
      </View>
      <View className="my-coupons__list">
        <StateView
          status={coupons.status}
          error={coupons.error}
          onRetry={() => void coupons.reload()}
          emptyText={current.empty}
          emptyAction={{ label: '去领券中心', onClick: () => void Taro.navigateTo({ url: PAGES.couponCenter }) }}
        >
          {coupons.items.map((c) => (
            <CouponCard
              key={c.id}
              coupon={c}
              validity={validityText({ from: c.validFrom, to: c.validTo })}
              state={CARD_STATE[c.status]}
              dimmed={c.status !== 'usable'}
              onAction={() => void Taro.switchTab({ url: TAB_PAGES.home })}
            />
          ))}
          <ListFooter hasMore={coupons.hasMore} loading={coupons.loadingMore} />
        </StateView>
      </View>
    </View>
  )
}
