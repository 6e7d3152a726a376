import { useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Picker, Text, View } from '@tarojs/components'
import StateView from '@/components/state-view'
import type { MyLevel } from '@/domain/levels'
import { route } from '@/routes'
import { errorMessage } from '@/services/http'
import { fetchMyLevel, setBirthday } from '@/services/levels'
import { currentToken } from '@/store/session'
import { benefitLines, progressPercent } from './benefits'
import '../member.scss'
import './index.scss'

/** 'MM-DD' from the date picker's YYYY-MM-DD (the year is not kept). */
const monthDay = (value: string) => value.slice(5, 10)
const birthdayText = (mmdd: string) => `${Number(mmdd.slice(0, 2))}月${Number(mmdd.slice(3, 5))}日`

/**
 * 会员等级: the level, growth and the progress to the next, what the next level brings, the
 * whole ladder, and the birthday (set once, for the birthday coupon).
 */
export default function LevelPage() {
  const [me, setMe] = useState<MyLevel | null>(null)
  const [status, setStatus] = useState<'loading' | 'error' | 'ready'>('loading')
  const [error, setError] = useState<unknown>(null)
  const [saving, setSaving] = useState(false)

  const load = async () => {
    try {
      setMe(await fetchMyLevel())
      setStatus('ready')
    } catch (err) {
      setError(err)
      setStatus('error')
    }
  }

  useDidShow(() => {
    if (!currentToken()) void Taro.redirectTo({ url: route.login(route.level()) })
    else void load()
  })

  const saveBirthday = async (value: string) => {
    if (saving || !value) return
    const mmdd = monthDay(value)
    const { confirm } = await Taro.showModal({ title: '设置生日', content: `生日设为 ${birthdayText(mmdd)}，设置后不能修改。确定吗？`, confirmText: '确定' })
    if (!confirm) return
    setSaving(true)
    try {
      setMe(await setBirthday(mmdd))
      void Taro.showToast({ title: '生日已设置', icon: 'success' })
    } catch (err) {
      void Taro.showToast({ title: errorMessage(err), icon: 'none' })
    } finally {
      setSaving(false)
    }
  }

  const next = me?.next ?? null
  return (
    <View className="member-page level-page">
      <StateView status={status} error={error} onRetry={() => void load()}>
        {me ? (
          <>
            <View className="member-card level-hero">
              <Text className="level-hero__name">{me.level.name}</Text>
              <Text className="level-hero__growth">{`成长值 ${me.growth}`}</Text>
              <View className="level-progress">
                <View className="level-progress__bar" style={{ width: `${progressPercent(me.growth, me.level.threshold, next?.threshold ?? null)}%` }} />
              </View>
              <Text className="member-hint level-hero__next">{next ? `再获得 ${next.gap} 成长值升级为${next.name}` : '已是最高等级'}</Text>
            </View>
            {next ? (
              <View className="member-card level-next">
                <Text className="member-card__title">{`${next.name}可享`}</Text>
                {benefitLines(next.benefits, next.rank).map((line) => (
                  <Text key={line} className="level-next__benefit">{`· ${line}`}</Text>
                ))}
              </View>
            ) : null}
            <View className="member-card level-ladder">
              <Text className="member-card__title">等级说明</Text>
              {me.levels.map((l) => (
                <View key={l.rank} className={`level-ladder__row${l.rank === me.level.rank ? ' is-current' : ''}`}>
                  <Text className="level-ladder__name">{l.name}</Text>
                  <Text className="level-ladder__threshold">{l.threshold > 0 ? `成长值 ${l.threshold}` : '注册即享'}</Text>
                  <Text className="level-ladder__benefits">{benefitLines(l.benefits, l.rank).join(' · ') || '基础权益'}</Text>
                </View>
              ))}
              <Text className="member-hint">每实付 1 元得 1 成长值，退款时相应扣减</Text>
            </View>
            <View className="member-card">
              {me.birthday ? (
                <View className="member-row level-birthday">
                  <Text>生日</Text>
                  <Text>{birthdayText(me.birthday)}</Text>
                </View>
              ) : (
                <Picker className="level-birthday__picker" mode="date" value="2000-01-01" onChange={(e) => void saveBirthday(String(e.detail.value))}>
                  <View className="member-row level-birthday level-birthday--set">
                    <Text>生日</Text>
                    <Text className="member-hint">{saving ? '保存中…' : '设置生日，领生日礼券 ›'}</Text>
                  </View>
                </Picker>
              )}
            </View>
          </>
        ) : null}
      </StateView>
    </View>
  )
}
