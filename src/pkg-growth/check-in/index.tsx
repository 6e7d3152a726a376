import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import StateView from '@/components/state-view'
import { monthTitle, nextBonus, nextBonusText } from '@/domain/check-in-calendar'
import { route } from '@/routes'
import { currentToken } from '@/store/session'
import MonthGrid from './month-grid'
import { useCheckIn } from './use-check-in'
import '../growth.scss'
import './index.scss'

/** 签到: today's check-in, the streak and its next bonus, and the month's calendar. */
export default function CheckInPage() {
  const c = useCheckIn()
  const cal = c.calendar

  useDidShow(() => {
    if (!currentToken()) {
      void Taro.redirectTo({ url: route.login(route.checkIn()) })
      return
    }
    void c.load(cal?.month)
  })
  usePullDownRefresh(() => void c.load(cal?.month).finally(() => Taro.stopPullDownRefresh()))

  const bonus = cal ? nextBonusText(nextBonus(cal.streak, cal.streakBonuses)) : null
  return (
    <View className="growth-page check-in">
      <StateView status={c.status} error={c.error} onRetry={() => void c.load(cal?.month)}>
        {cal ? (
          <>
            <View className="growth-card check-in__head">
              <Text className="check-in__streak">{`已连续签到 ${cal.streak} 天`}</Text>
              <Text className="check-in__balance">{`积分 ${c.balance}`}</Text>
              <Text className="growth-hint check-in__daily">{`每日签到得 ${cal.daily} 积分`}</Text>
              {bonus ? <Text className="check-in__bonus">{bonus}</Text> : null}
              <Button className={`growth-button check-in__button${c.checkedToday || c.busy ? ' is-disabled' : ''}`} onClick={() => void c.tap()}>
                {c.buttonText}
              </Button>
            </View>
            <View className="growth-card">
              <View className="check-in__months">
                <Text className="check-in__prev" onClick={() => c.switchMonth(-1)}>
                  ‹ 上月
                </Text>
                <Text className="check-in__month">{monthTitle(cal.month)}</Text>
                {/* The future holds no check-ins: no month after today's. */}
                {cal.month < cal.today.slice(0, 7) ? (
                  <Text className="check-in__next" onClick={() => c.switchMonth(1)}>
                    下月 ›
                  </Text>
                ) : (
                  <Text className="check-in__next is-none">下月 ›</Text>
                )}
              </View>
              <MonthGrid month={cal.month} checked={cal.days} today={cal.today} />
            </View>
            <View className="growth-links">
              <Text className="growth-link check-in__to-points" onClick={() => void Taro.navigateTo({ url: route.points() })}>
                积分明细 ›
              </Text>
              <Text className="growth-link check-in__to-mall" onClick={() => void Taro.navigateTo({ url: route.mall() })}>
                积分商城 ›
              </Text>
            </View>
          </>
        ) : null}
      </StateView>
    </View>
  )
}
