import { useCallback, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { prepareMessageAsk } from '@/components/payment/ask-messages'
import { startPayment } from '@/components/payment/pay-flow'
import type { MallItemView, RedeemResult } from '@/domain/points'
import { newIdempotencyKey } from '@/lib/idempotency-key'
import { paymentAdapter } from '@/platform/payment'
import { PAGES, route } from '@/routes'
import { takePickedAddress } from '@/services/addresses'
import { ApiError } from '@/services/http'
import { redeemMallItem } from '@/services/points'
import { currentToken } from '@/store/session'
import { mallPrice, redeemErrorMessage } from '../labels'

function toast(title: string) {
  void Taro.showToast({ title, icon: 'none' })
}

/** A product or a gift ships: it needs an address; a coupon lands in 我的优惠券. */
export const needsAddress = (i: MallItemView) => i.kind !== 'coupon'

/**
 * Points + money: the points are held on an unpaid order; its money part is paid with the
 * shop's pay flow (POST /api/orders/:id/pay, the platform's cashier), landing on the result
 * page like checkout. Backing out of the cashier leaves the order, paid later from its page.
 */
async function payMoneyPart(orderId: number) {
  const outcome = await startPayment(orderId, paymentAdapter, prepareMessageAsk())
  if (outcome.kind === 'sandbox') void Taro.navigateTo({ url: route.sandboxCashier(orderId, outcome.cashier) })
  else if (outcome.kind !== 'left') void Taro.navigateTo({ url: route.payResult(orderId, outcome.kind, outcome.kind === 'failed' ? outcome.message : undefined) })
}

function landed(item: MallItemView, r: RedeemResult) {
  if (r.status === 'awaiting_payment' && r.orderId !== null) {
    void payMoneyPart(r.orderId)
  } else if (r.orderId !== null) {
    toast('兑换成功，等待发货')
    void Taro.navigateTo({ url: route.orderDetail(r.orderId) })
  } else {
    void Taro.showModal({ title: '兑换成功', content: `「${item.title}」已放入我的优惠券`, confirmText: '去查看', cancelText: '知道了' }).then(
      ({ confirm }) => confirm && void Taro.navigateTo({ url: PAGES.myCoupons }),
    )
  }
}

/**
 * 兑换: log in first; a product or gift picks an address on our address list (select mode,
 * handed back through storage and read when this page shows again); then a confirm modal,
 * then POST /api/points/redeem. One idempotency key per item until the server answers, so a
 * retry after a lost answer never redeems twice. A refusal (积分不足, 已兑完) is shown and
 * nothing is spent.
 */
export function useRedeem(reload: () => Promise<void>) {
  const [busy, setBusy] = useState(false)
  const [redeemError, setRedeemError] = useState<string | null>(null)
  const busyRef = useRef(false)
  const waiting = useRef<MallItemView | null>(null)
  const keys = useRef(new Map<number, string>())

  const keyFor = (itemId: number) => {
    let key = keys.current.get(itemId)
    if (!key) {
      key = newIdempotencyKey()
      keys.current.set(itemId, key)
    }
    return key
  }

  const redeem = useCallback(
    async (item: MallItemView, addressId?: number) => {
      const { confirm } = await Taro.showModal({ title: '确认兑换', content: `使用 ${mallPrice(item.points, item.price)} 兑换「${item.title}」？`, confirmText: '兑换' })
      if (!confirm || busyRef.current) return
      busyRef.current = true
      setBusy(true)
      setRedeemError(null)
      try {
        const r = await redeemMallItem({ itemId: item.id, ...(addressId ? { addressId } : {}), idempotencyKey: keyFor(item.id) })
        keys.current.delete(item.id)
        landed(item, r)
        void reload()
      } catch (err) {
        // A refusal is final for this key; a lost answer keeps it so the retry finds the first try.
        if (err instanceof ApiError && !err.retryable) keys.current.delete(item.id)
        const message = redeemErrorMessage(err)
        setRedeemError(message)
        toast(message)
        if (err instanceof ApiError && err.status === 409) void reload()
      } finally {
        busyRef.current = false
        setBusy(false)
      }
    },
    [reload],
  )

  const start = (item: MallItemView) => {
    if (!currentToken()) {
      void Taro.navigateTo({ url: route.login(route.mall()) })
      return
    }
    if (!needsAddress(item)) {
      void redeem(item)
      return
    }
    waiting.current = item
    void Taro.navigateTo({ url: route.addresses(true) })
  }

  /** On show: an address picked since 兑换 was tapped goes on with that item. */
  const resume = () => {
    const picked = takePickedAddress()
    const item = waiting.current
    if (!item || picked === null) return
    waiting.current = null
    void redeem(item, picked)
  }

  return { busy, redeemError, start, resume }
}
