import { useCallback, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import type { MallItemView, RedeemResult } from '@/domain/points'
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
      key = `mall-${itemId}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`
      keys.current.set(itemId, key)
    }
    return key
  }

  const landed = (item: MallItemView, r: RedeemResult) => {
    if (r.status === 'awaiting_payment' && r.orderId !== null) {
      // Points + money: the points are held on an unpaid order, paid on the order page's 去支付.
      toast('请支付兑换订单的现金部分')
      void Taro.navigateTo({ url: route.orderDetail(r.orderId) })
    } else if (r.orderId !== null) {
      toast('兑换成功，等待发货')
      void Taro.navigateTo({ url: route.orderDetail(r.orderId) })
    } else {
      void Taro.showModal({ title: '兑换成功', content: `「${item.title}」已放入我的优惠券`, confirmText: '去查看', cancelText: '知道了' }).then(
        ({ confirm }) => confirm && void Taro.navigateTo({ url: PAGES.myCoupons }),
      )
    }
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
