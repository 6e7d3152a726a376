import { useRef, useState } from 'react'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import LineItem from '@/components/line-item'
import StateView from '@/components/state-view'
import { confirmPayment } from '@/components/payment/pay-flow'
import { formatFen } from '@/domain/money'
import { PLAN_INTERVAL_LABEL, type PlanDelivery, type PlanView } from '@/domain/plans'
import { route } from '@/routes'
import { takePickedAddress } from '@/services/addresses'
import { ApiError, errorMessage } from '@/services/http'
import { cancelPlan, changePlanAddress, fetchPlan, postponeDelivery, skipDelivery } from '@/services/plans'
import { useRecordLoad } from '@/services/use-record-load'
import { currentToken } from '@/store/session'
import { dayLabel, PLAN_STATUS_TEXT, refundText } from '../plan-text'
import PlanSchedule from './schedule'
import '../member.scss'
import './index.scss'

const toast = (title: string) => void Taro.showToast({ title, icon: 'none' })

/** Why a skip or postpone was refused, in the shopper's words (the server's message otherwise). */
function skipRefusal(err: unknown): string {
  if (err instanceof ApiError && err.code === 'PAST_CUTOFF') return '已过截止时间，这期无法跳过或顺延'
  if (err instanceof ApiError && err.code === 'DELIVERY_NOT_SCHEDULED') return '这期已不在待配送状态'
  return errorMessage(err)
}

/**
 * A plan (周期购): the schedule as a timeline with 跳过这期 per delivery before its cut-off,
 * 修改后续地址 (the address list in select mode hands the pick back) and 取消剩余期数 with
 * the refund the server answers. After the cashier (`paying`), it first waits for the payment.
 */
export default function PlanPage() {
  const { params } = useRouter()
  const id = Number(params.id)
  const paying = Number(params.paying) || null
  const [plan, setPlan] = useState<PlanView | null>(null)
  const { status, error, load } = useRecordLoad(id, '周期购计划不存在', fetchPlan, setPlan)
  const [skipping, setSkipping] = useState<number | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const waited = useRef(false)

  const changeAddress = async (addressId: number) => {
    setBusy(true)
    try {
      setPlan(await changePlanAddress(id, addressId))
      toast('后续配送将送到新地址')
    } catch (err) {
      toast(errorMessage(err))
    } finally {
      setBusy(false)
    }
  }

  useDidShow(() => {
    if (!currentToken()) {
      void Taro.redirectTo({ url: route.login(route.plan(id)) })
      return
    }
    const picked = takePickedAddress()
    if (picked !== null && plan) {
      void changeAddress(picked)
      return
    }
    if (paying && !waited.current) {
      waited.current = true
      void load().then(() => confirmPayment(paying)).then((v) => {
        if (v.kind === 'ended') toast(v.message)
        return load()
      })
      return
    }
    void load()
  })

  const skip = async (d: PlanDelivery) => {
    if (skipping !== null) return
    const { confirm } = await Taro.showModal({ title: '跳过这期', content: `第 ${d.n} 期将不配送，计划末尾补一期。确定跳过吗？`, confirmText: '跳过' })
    if (!confirm) return
    setSkipping(d.n)
    setNotice(null)
    try {
      setPlan(await skipDelivery(id, d.n))
      toast('已跳过这期')
    } catch (err) {
      setNotice(skipRefusal(err))
      toast(skipRefusal(err))
      void load()
    } finally {
      setSkipping(null)
    }
  }

  const postpone = async (d: PlanDelivery, date: string) => {
    if (skipping !== null) return
    setSkipping(d.n)
    setNotice(null)
    try {
      setPlan(await postponeDelivery(id, d.n, date))
      toast(`第 ${d.n} 期已顺延到 ${dayLabel(date)}`)
    } catch (err) {
      setNotice(skipRefusal(err))
      toast(skipRefusal(err))
      void load()
    } finally {
      setSkipping(null)
    }
  }

  const cancel = async () => {
    if (busy) return
    const { confirm } = await Taro.showModal({ title: '取消剩余期数', content: '未配送的期数将按比例退款，确定取消吗？', confirmText: '确定取消' })
    if (!confirm) return
    setBusy(true)
    try {
      const answer = await cancelPlan(id)
      setPlan(answer.plan)
      setNotice(refundText(answer.refund))
    } catch (err) {
      toast(errorMessage(err))
      void load()
    } finally {
      setBusy(false)
    }
  }

  const active = plan?.status === 'active'
  const a = plan?.address
  return (
    <View className="member-page plan-page">
      <StateView status={status} error={error} onRetry={() => void load()}>
        {plan && a ? (
          <>
            <View className="member-card">
              <Text className="member-card__title plan-page__status">{`${PLAN_STATUS_TEXT[plan.status]} · ${PLAN_INTERVAL_LABEL[plan.interval]}配送 ${plan.deliveryCount} 期`}</Text>
              <LineItem image={plan.image} title={plan.title} specs={plan.specs} unitPrice={plan.total} quantity={plan.quantity} />
              <View className="member-row">
                <Text>实付</Text>
                <Text>{formatFen(plan.total)}</Text>
              </View>
              {plan.refunded > 0 ? (
                <View className="member-row plan-page__refunded">
                  <Text>已退款</Text>
                  <Text>{formatFen(plan.refunded)}</Text>
                </View>
              ) : null}
            </View>
            {notice ? <Text className="member-error plan-page__notice">{notice}</Text> : null}
            <View className="member-card">
              <Text className="member-card__title">配送计划</Text>
              <PlanSchedule deliveries={plan.deliveries} busy={skipping} onSkip={active ? (d) => void skip(d) : undefined} onPostpone={active ? (d, date) => void postpone(d, date) : undefined} />
            </View>
            <View className="member-card plan-page__address">
              <Text className="member-card__title">{`${a.name} ${a.phone}`}</Text>
              <Text className="member-hint">{`${a.region.join(' ')} ${a.detail}`}</Text>
              {active ? (
                <Button className="member-button member-button--plain plan-page__change-address" disabled={busy || undefined} onClick={() => void Taro.navigateTo({ url: route.addresses(true) })}>
                  修改后续地址
                </Button>
              ) : null}
            </View>
            {plan.status === 'pending' ? (
              <Button className="member-button plan-page__pay" onClick={() => void Taro.navigateTo({ url: route.orderDetail(plan.orderId) })}>
                去支付
              </Button>
            ) : null}
            <Button className="member-button member-button--plain plan-page__order" onClick={() => void Taro.navigateTo({ url: route.orderDetail(plan.orderId) })}>
              查看订单
            </Button>
            {active ? (
              <Button className={`member-button member-button--plain plan-page__cancel${busy ? ' is-disabled' : ''}`} disabled={busy || undefined} onClick={() => void cancel()}>
                取消剩余期数
              </Button>
            ) : null}
          </>
        ) : null}
      </StateView>
    </View>
  )
}
