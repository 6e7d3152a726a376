import { useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import LineItem from '@/components/line-item'
import StateView from '@/components/state-view'
import { PLAN_INTERVAL_LABEL, type PlanView } from '@/domain/plans'
import { route } from '@/routes'
import { fetchMyPlans } from '@/services/plans'
import { currentToken } from '@/store/session'
import { dayLabel, PLAN_STATUS_TEXT } from '../plan-text'
import '../member.scss'

/** The next delivery still to come, for the list's one-line summary. */
const nextDate = (p: PlanView) => p.deliveries.find((d) => d.status === 'scheduled')?.date ?? null

/** 我的周期购: each plan with its state and next delivery, opening its schedule. */
export default function PlansPage() {
  const [plans, setPlans] = useState<PlanView[]>([])
  const [status, setStatus] = useState<'loading' | 'error' | 'ready' | 'empty'>('loading')
  const [error, setError] = useState<unknown>(null)

  const load = async () => {
    try {
      const items = await fetchMyPlans()
      setPlans(items)
      setStatus(items.length ? 'ready' : 'empty')
    } catch (err) {
      setError(err)
      setStatus('error')
    }
  }

  useDidShow(() => {
    if (!currentToken()) void Taro.redirectTo({ url: route.login(route.plans()) })
    else void load()
  })

  return (
    <View className="member-page plans-page">
      <StateView status={status} error={error} onRetry={() => void load()} emptyText="还没有周期购计划">
        {plans.map((p) => {
          const next = nextDate(p)
          const delivered = p.deliveries.filter((d) => d.status === 'shipped').length
          return (
            <View key={p.id} className="member-card plans-page__plan" onClick={() => void Taro.navigateTo({ url: route.plan(p.id) })}>
              <Text className="member-card__title">{`${PLAN_STATUS_TEXT[p.status]} · ${PLAN_INTERVAL_LABEL[p.interval]} · 已配送 ${delivered}/${p.deliveryCount} 期`}</Text>
              <LineItem image={p.image} title={p.title} specs={p.specs} unitPrice={p.total} quantity={p.quantity} />
              {next ? <Text className="member-hint plans-page__next">{`下次配送 ${dayLabel(next)}`}</Text> : null}
            </View>
          )
        })}
      </StateView>
    </View>
  )
}
