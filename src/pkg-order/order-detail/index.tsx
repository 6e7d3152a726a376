import { useEffect, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh, useRouter, useShareAppMessage } from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import LineItem from '@/components/line-item'
import PriceBreakdown from '@/components/price-breakdown'
import StateView from '@/components/state-view'
import type { Order } from '@/domain/contract'
import { formatFen } from '@/domain/money'
import { canDo, ORDER_STATUS_LABEL } from '@/domain/order-state'
import { carrierName } from '@/domain/shipping'
import { route, TAB_PAGES } from '@/routes'
import { giftShareMessage } from '@/components/gift/share-message'
import { GROUP_STATUS_TEXT } from '@/components/group/text'
import { pollUntil } from '@/lib/poll-until'
import ServiceEntry from '@/platform/service'
import { shareAdapter } from '@/platform/share'
import { useRecordLoad } from '@/services/use-record-load'
import { fetchOrder } from '@/services/orders'
import { currentToken, useSession } from '@/store/session'
import OrderActions from '../orders/order-actions'
import ReviewButton from '../orders/review-button'
import { useStartPayment } from '../payment/use-start-payment'
import AfterSaleSection from './after-sale-section'
import GiftSection from './gift-section'
import { cashierReturn } from './cashier-return'
import PayLaterInfo from './pay-later-info'
import RefundList from './refund-list'
import { formatTime, timeLeftToPay, timelineSteps } from './timeline'
import TrackingTrace from './tracking-trace'
import PickupSection from './pickup-section'
import { useOrderExtras } from './use-order-extras'
import './index.scss'

const STATUS_HINT: Partial<Record<Order['status'], string>> = {
  paid: '商家正在备货，请耐心等待',
  shipped: '商品已发出，请留意物流',
  completed: '交易完成，感谢您的支持',
  cancelled: '订单已取消',
  closed: '超时未付款，订单已关闭',
  refunding: '退款处理中',
  refunded: '退款已原路退回',
}

/** A pay-after-use order has paid nothing until the credit charge is made. */
function totalLabel(order: Order): string {
  if (order.credit && order.credit.state !== 'charged') return '收货后付'
  return order.status === 'created' ? '需付款' : '实付款'
}

export default function OrderDetailPage() {
  const { params } = useRouter()
  const id = Number(params.id)
  const [order, setOrder] = useState<Order | null>(null)
  const [now, setNow] = useState(() => Date.now())
  const { afterSales, tracking, review, loadExtras } = useOrderExtras(id)

  const { status, error, load } = useRecordLoad(id, '订单不存在', fetchOrder, (o) => {
    setOrder(o)
    void loadExtras(o)
    if (o.gift) shareAdapter.enableMenu()
  })

  // A gift order shares its gift card (送给好友, or the host's menu), any other order the shop's default.
  const giver = useSession((s) => s.user?.nickname)
  const giftShare = order?.gift ? giftShareMessage(route.gift(order.gift.code), giver, order.items[0]?.image) : null
  // (An order page means nothing to a friend: a plain order shares the shop's home.)
  useShareAppMessage(() => giftShare ?? { title: 'Duet 商城', path: TAB_PAGES.home })

  useDidShow(() => {
    if (!currentToken()) {
      void Taro.redirectTo({ url: route.login(route.orderDetail(id)) })
      return
    }
    void load()
  })
  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh())
  })

  // 去支付 where the state machine still lets the order be paid (待付款): the cashier, then the
  // pay result page, which waits for the server.
  const payment = useStartPayment()
  const payable = order ? canDo(order.status, 'pay', 'system') : false
  // The H5 sandbox cashier comes back here with ?pay=paid|failed|cancelled: the result page
  // takes it from there (and 'paid' is only a claim: that page asks the server).
  const back = cashierReturn(id, params.pay)
  useEffect(() => {
    if (back) void Taro.redirectTo({ url: back })
  }, [back])

  // Back from the H5 先享后付 confirm page: the platform's callback may be a moment behind, so ask a few times.
  const creditPending = order?.status === 'created' && order.credit?.state === 'created'
  useEffect(() => {
    if (!creditPending) return
    const signal = { aborted: false }
    void pollUntil(() => fetchOrder(id), (o) => o.status !== 'created' || o.credit?.state !== 'created', { signal, timeoutMs: 10_000 }).then((r) => {
      if (r.kind === 'done') setOrder(r.value)
    })
    return () => {
      signal.aborted = true
    }
  }, [creditPending, id])

  const expiresAt = order?.status === 'created' ? order.expiresAt : null
  useEffect(() => {
    if (!expiresAt) return
    const timer = setInterval(() => {
      const t = Date.now()
      setNow(t)
      // Time is up: the server closes the order; read it again (once) to show the closed state.
      if (timeLeftToPay(expiresAt, t) === null) {
        clearInterval(timer)
        setTimeout(() => void load(), 1500)
      }
    }, 1000)
    return () => clearInterval(timer)
  }, [expiresAt, load])
  const left = timeLeftToPay(expiresAt, now)

  const copyNo = () => {
    if (order) void Taro.setClipboardData({ data: order.orderNo })
  }

  return (
    <View className="order-detail">
      <StateView status={status} error={error} onRetry={() => void load()}>
        {order ? (
          <>
            <View className="order-detail__header">
              <Text className="order-detail__status">{ORDER_STATUS_LABEL[order.status]}</Text>
              {order.status === 'created' ? (
                <Text className="order-detail__hint">{left ? `请在 ${left} 内完成付款，超时订单将自动关闭` : '付款时间已到，订单即将关闭'}</Text>
              ) : (
                <Text className="order-detail__hint">{STATUS_HINT[order.status] ?? ''}</Text>
              )}
            </View>

            {order.group ? (
              <View className="order-detail__card order-detail__row order-group" onClick={() => void Taro.navigateTo({ url: route.group(order.group!.id) })}>
                <Text>{`拼团订单 · ${GROUP_STATUS_TEXT[order.group.status]}`}</Text>
                <Text className="order-group__link">查看拼团 ›</Text>
              </View>
            ) : null}

            {order.plan ? (
              <View className="order-detail__card order-detail__row order-plan" onClick={() => void Taro.navigateTo({ url: route.plan(order.plan!.id) })}>
                <Text>周期购</Text>
                <Text className="order-plan__link">查看配送计划 ›</Text>
              </View>
            ) : null}

            <View className="order-detail__card order-timeline">
              {timelineSteps(order).map((step) => (
                <View key={step.status} className={`order-timeline__step is-${step.state}`}>
                  <View className="order-timeline__dot" />
                  <Text className="order-timeline__label">{step.label}</Text>
                  {step.at ? <Text className="order-timeline__time">{formatTime(step.at)}</Text> : null}
                </View>
              ))}
              {order.timeline.some((e) => e.note) ? (
                <View className="order-timeline__events">
                  {order.timeline
                    .filter((e) => e.note)
                    .map((e) => (
                      <View key={`${e.status}-${e.at}`} className="order-timeline__event">
                        <Text>{e.note}</Text>
                        <Text className="order-timeline__time">{formatTime(e.at)}</Text>
                      </View>
                    ))}
                </View>
              ) : null}
            </View>

            {order.pickup ? <PickupSection pickup={order.pickup} orderId={order.id} /> : null}

            {order.pickup ? null : tracking && tracking.parcels.length ? (
              <TrackingTrace tracking={tracking} />
            ) : order.tracking ? (
              <View className="order-detail__card">
                <Text className="order-detail__section">物流信息</Text>
                <Text className="order-detail__line">{`${carrierName(order.tracking.carrier)} ${order.tracking.number}`}</Text>
              </View>
            ) : null}

            {order.gift && giftShare ? (
              <GiftSection gift={order.gift} share={giftShare} />
            ) : null}

            {order.address ? (
              <View className="order-detail__card">
                <View className="order-detail__who">
                  <Text className="order-detail__name">{order.address.name}</Text>
                  <Text>{order.address.phone}</Text>
                </View>
                <Text className="order-detail__line">{`${order.address.region.join(' ')} ${order.address.detail}`}</Text>
              </View>
            ) : null}

            <View className="order-detail__card">
              {order.items.map((item) => (
                <LineItem
                  key={item.skuId}
                  className="order-detail__item"
                  image={item.image}
                  title={item.title}
                  specs={item.specs}
                  unitPrice={item.unitPrice}
                  quantity={item.quantity}
                  notes={item.discount > 0 ? <Text className="order-detail__item-discount">{`优惠 -${formatFen(item.discount)}`}</Text> : null}
                  onClick={() => void Taro.navigateTo({ url: route.product(item.productId) })}
                />
              ))}
              <PriceBreakdown prices={order} discounts={order.discounts ?? []} totalLabel={totalLabel(order)} />
            </View>

            {order.credit ? <PayLaterInfo credit={order.credit} /> : null}

            <RefundList order={order} />

            {afterSales ? <AfterSaleSection orderId={order.id} info={afterSales} /> : null}

            <View className="order-detail__card">
              <View className="order-detail__row" onClick={copyNo}>
                <Text>订单编号</Text>
                <Text className="order-detail__no">{`${order.orderNo} 复制`}</Text>
              </View>
              <View className="order-detail__row">
                <Text>下单时间</Text>
                <Text>{formatTime(order.createdAt)}</Text>
              </View>
              {order.note ? (
                <View className="order-detail__row">
                  <Text>备注</Text>
                  <Text>{order.note}</Text>
                </View>
              ) : null}
            </View>

            <View className="order-detail__card order-detail__service">
              <ServiceEntry
                card={{ title: `订单 ${order.orderNo}`, path: route.orderDetail(order.id).replace(/^\//, ''), image: order.items[0]?.image }}
                sessionFrom={`order:${order.orderNo}`}
              />
            </View>

            <View className="order-detail__actions">
              <OrderActions
                order={order}
                onChanged={(o) => {
                  setOrder(o)
                  void loadExtras(o)
                }}
              />
              {review ? <ReviewButton orderId={order.id} label={review.label} append={review.append} /> : null}
              {payable ? (
                <Button className="order-detail__pay" disabled={payment.starting || undefined} onClick={() => void payment.start(id, { pickup: !!order.pickup })}>
                  {payment.starting ? '正在拉起支付…' : '去支付'}
                </Button>
              ) : null}
            </View>
          </>
        ) : null}
      </StateView>
    </View>
  )
}
