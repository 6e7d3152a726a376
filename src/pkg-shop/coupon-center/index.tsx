import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import CouponCard from '@/components/coupon-card'
import { validityText } from '@/components/coupon-card/coupon-text'
import StateView from '@/components/state-view'
import { TAB_PAGES } from '@/routes'
import { useIsLoggedIn } from '@/store/session'
import { centerNote, centerState } from './center-state'
import { useCouponCenter } from './use-coupon-center'
import './index.scss'

/** 领券中心: every batch on offer now, claimable with one tap (guests log in first). */
export default function CouponCenterPage() {
  const center = useCouponCenter()
  const loggedIn = useIsLoggedIn()

  useDidShow(() => void center.load())
  usePullDownRefresh(() => {
    void center.load().finally(() => Taro.stopPullDownRefresh())
  })

  return (
    <View className="coupon-center">
      <View className="coupon-center__head">
        <Text className="coupon-center__title">领券中心</Text>
        <Text className="coupon-center__sub">{loggedIn ? '领到的券在「我的优惠券」里，下单时自动使用最优券' : '登录后即可领取，下单时自动使用最优券'}</Text>
      </View>
      <StateView
        status={center.status}
        error={center.error}
        onRetry={() => void center.load()}
        emptyText="暂时没有可领的券"
        emptyAction={{ label: '去逛逛', onClick: () => void Taro.switchTab({ url: TAB_PAGES.home }) }}
      >
        <View className="coupon-center__list">
          {center.entries.map((e) => (
            <CouponCard
              key={e.batchId}
              coupon={e}
              validity={validityText(e.validity)}
              state={centerState(e)}
              note={centerNote(e)}
              busy={center.claiming === e.batchId}
              dimmed={centerState(e) === 'soldOut'}
              onAction={() => void center.claim(e.batchId)}
            />
          ))}
        </View>
      </StateView>
    </View>
  )
}
