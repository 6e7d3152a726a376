import { useEffect, useMemo } from 'react'
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { giftShareMessage } from '@/components/gift/share-message'
import PriceTag from '@/components/price-tag'
import { PAGES, route, TAB_PAGES, withQuery } from '@/routes'
import { useSession } from '@/store/session'
import GiftSection from '../order-detail/gift-section'
import { initialPhase, resultView, type ResultAction } from './result-view'
import { usePayResult } from './use-pay-result'
import './index.scss'

const ICON: Record<string, string> = { wait: '…', ok: '✓', warn: '!', error: '×' }

export default function PayResultPage() {
  const { params } = useRouter()
  const id = Number(params.id)
  const initial = useMemo(() => initialPhase(params), [params])
  const { phase, message, order, now, pay, recheck } = usePayResult(id, initial)
  const view = resultView(phase, { message, order, now })
  // A paid gift: 送给好友 right here (the card, or the host's menu) — the shop's home otherwise.
  const giver = useSession((st) => st.user?.nickname)
  const gift = phase === 'paid' && order?.gift ? order.gift : null
  const giftShare = gift && order ? giftShareMessage(route.gift(gift.code), giver, order.items[0]?.image) : null
  useShareAppMessage(() => giftShare ?? { title: 'Duet 商城', path: TAB_PAGES.home })

  // A group order back from the H5 cashier (which returns to the order): its place is the group's
  // page, as pkg-growth's useGroupPay lands it in the mini-programs; with `paying` that page waits
  // for the verdict itself.
  const groupId = order?.group?.id
  useEffect(() => {
    if (groupId === undefined) return
    void Taro.redirectTo({ url: phase === 'confirming' || phase === 'paid' ? withQuery(PAGES.group, { id: groupId, paying: id }) : route.group(groupId) })
  }, [groupId, phase, id])
  // A plan's order likewise belongs on the plan's page (pkg-member's usePlanPay lands it there in the mini-programs).
  const planId = order?.plan?.id
  useEffect(() => {
    if (planId === undefined) return
    void Taro.redirectTo({ url: phase === 'confirming' || phase === 'paid' ? route.plan(planId, id) : route.plan(planId) })
  }, [planId, phase, id])

  const act = (key: ResultAction) => {
    if (key === 'pay') void pay()
    else if (key === 'recheck') recheck()
    else if (key === 'order') void Taro.redirectTo({ url: route.orderDetail(id) })
    else void Taro.switchTab({ url: TAB_PAGES.home })
  }

  return (
    <View className={`pay-result is-${view.tone} is-${phase}`}>
      <View className="pay-result__icon">{ICON[view.tone]}</View>
      <Text className="pay-result__title">{view.title}</Text>
      {order ? (
        <View className="pay-result__amount">
          <Text className="pay-result__amount-label">{phase === 'paid' ? '实付金额' : '订单金额'}</Text>
          <PriceTag fen={order.total} size="lg" />
        </View>
      ) : null}
      {view.lines.map((line) => (
        <Text key={line} className="pay-result__line">
          {line}
        </Text>
      ))}
      {gift && giftShare ? <GiftSection gift={gift} share={giftShare} /> : null}
      <View className="pay-result__actions">
        {view.actions.map((a) => (
          <Button key={a.key} className={`pay-result__action pay-result__action--${a.key}${a.primary ? ' is-primary' : ''}`} onClick={() => act(a.key)}>
            {a.label}
          </Button>
        ))}
      </View>
      {order ? <Text className="pay-result__order-no">{`订单编号 ${order.orderNo}`}</Text> : null}
    </View>
  )
}
