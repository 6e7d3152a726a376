import { useCallback, useEffect, useState } from 'react'
import Taro, { useDidHide, useDidShow, usePullDownRefresh, useRouter, useShareAppMessage } from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import DealSkuSheet from '@/components/group/deal-sku-sheet'
import { groupShareMessage } from '@/components/group/text'
import StateView from '@/components/state-view'
import type { GroupView } from '@/domain/groups'
import ShareButton, { shareAdapter } from '@/platform/share'
import { confirmPayment } from '@/components/payment/pay-flow'
import { route } from '@/routes'
import { fetchGroup, fetchGroupShare } from '@/services/groups'
import { ApiError } from '@/services/http'
import { currentToken } from '@/store/session'
import { useGroupPay } from '../group-pay'
import { GroupCard } from './group-card'
import { useJoinSheet } from './use-join-sheet'
import './index.scss'

const positive = (v: string | undefined) => (Number.isSafeInteger(Number(v)) && Number(v) > 0 ? Number(v) : null)

/**
 * A group's page: what its share card opens (readable before logging in), and where paying a
 * group order lands. Shows the seats, the time left and the state, and the viewer's way on:
 * 邀请好友参团 (their group, forming), 我也要参团 (a free seat), or their order.
 */
export default function GroupPage() {
  const { params } = useRouter()
  const id = positive(params.id) ?? 0
  // The order just handed to the cashier: the page asks the server for its verdict (like the pay result page).
  const payingOrder = positive(params.paying)
  const [group, setGroup] = useState<GroupView | null>(null)
  const [status, setStatus] = useState<'loading' | 'error' | 'ready'>('loading')
  const [error, setError] = useState<unknown>(null)
  const [visible, setVisible] = useState(true)
  // The poll of the payment ran (paid, ended or out of time): the seat as the server has it stands.
  const [polled, setPolled] = useState(false)
  const join = useJoinSheet(group)
  const groupPay = useGroupPay()

  const load = useCallback(async () => {
    if (!id) {
      setError(new ApiError(404, 'GROUP_NOT_FOUND', '拼团不存在'))
      setStatus('error')
      return
    }
    try {
      setGroup(await fetchGroup(id))
      setStatus('ready')
    } catch (err) {
      setError(err)
      setStatus('error')
    }
  }, [id])

  useDidShow(() => {
    setVisible(true)
    shareAdapter.enableMenu()
    void load()
  })
  useDidHide(() => setVisible(false))
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()))

  // Back from the cashier with the seat still unpaid: poll the payment (the server asks the provider) until it decides.
  const waiting = payingOrder !== null && group?.mine?.orderId === payingOrder && group.mine.status === 'unpaid'
  const confirming = waiting && !polled
  useEffect(() => {
    if (!waiting || !visible || payingOrder === null) return
    const signal = { aborted: false }
    void confirmPayment(payingOrder, { signal }).then((o) => {
      if (o.kind === 'aborted') return
      setPolled(true)
      void load()
    })
    return () => {
      signal.aborted = true
    }
  }, [waiting, visible, payingOrder, load])

  // WeChat: the viewer's own forming group goes out as an updatable message ("N/M") when the server has an activity id.
  const sharing = group?.action === 'share'
  const memberCount = group?.members.length ?? 0
  useEffect(() => {
    if (!sharing || !currentToken()) return
    fetchGroupShare(id)
      .then((s) => {
        if (s.activityId) shareAdapter.prepareGroupShare({ activityId: s.activityId, memberCount, roomLimit: group?.size ?? 0 })
      })
      .catch(() => undefined)
  }, [sharing, id, memberCount, group?.size])

  const share = group ? groupShareMessage(group, route.group(id)) : { title: '一起来拼团', path: route.group(id) }
  useShareAppMessage(() => share)

  const mine = group?.mine ?? null
  return (
    <View className="group-page">
      <StateView status={status} error={error} onRetry={() => void load()}>
        {group ? (
          <>
            <GroupCard group={group} onEnd={() => void load()} />
            {confirming ? <Text className="group-page__confirming">支付确认中…</Text> : null}
            <View className="group-page__actions">
              {group.action === 'share' ? <ShareButton className="group-page__share" label="邀请好友参团" message={share} /> : null}
              {group.action === 'join' ? (
                <Button className="group-page__join" onClick={() => void join.start()}>
                  我也要参团
                </Button>
              ) : null}
              {mine && mine.status === 'unpaid' && group.status === 'forming' && !confirming ? (
                <Button className={`group-page__pay${groupPay.paying ? ' is-disabled' : ''}`} onClick={() => void groupPay.pay(mine.orderId, group.id)}>
                  {groupPay.paying ? '支付中…' : '去支付'}
                </Button>
              ) : null}
              {mine ? (
                <View className="group-page__order" onClick={() => void Taro.navigateTo({ url: route.orderDetail(mine.orderId) })}>
                  去看看订单
                </View>
              ) : (
                <View className="group-page__more" onClick={() => void Taro.navigateTo({ url: route.product(group.productId) })}>
                  看看商品
                </View>
              )}
            </View>
          </>
        ) : null}
      </StateView>
      {join.sheet ? <DealSkuSheet open={join.open} product={join.sheet.product} deal={join.sheet.deal} onClose={join.close} onChoose={join.choose} /> : null}
    </View>
  )
}
