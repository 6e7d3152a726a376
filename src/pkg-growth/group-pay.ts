import { useCallback, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { paymentAdapter } from '@/platform/payment'
import { PAGES, route, withQuery } from '@/routes'
import { AT_GROUP_PAY, prepareMessageAsk } from '@/components/payment/ask-messages'
import { startPayment } from '@/components/payment/pay-flow'

/** The group page after the cashier: `paying` is the order whose payment the page waits for. */
export const groupAfterPay = (groupId: number, orderId: number) => withQuery(PAGES.group, { id: groupId, paying: orderId })

/**
 * Pays a group order with the shop's pay flow (POST /pay, the platform's cashier, the message
 * dialog, asking about the group's own messages) and lands on the group's page, not the order's result page: that page waits for the
 * server's verdict (`paying`) and shows the seat. A cancelled or failed payment lands there
 * too, where the unpaid seat offers 去支付 again; the order is kept either way.
 */
export function useGroupPay() {
  const [paying, setPaying] = useState(false)
  const busy = useRef(false)

  const pay = useCallback(async (orderId: number, groupId: number) => {
    if (busy.current) return
    busy.current = true
    setPaying(true)
    const outcome = await startPayment(orderId, paymentAdapter, prepareMessageAsk({}, AT_GROUP_PAY))
    busy.current = false
    setPaying(false)
    if (outcome.kind === 'sandbox') void Taro.redirectTo({ url: route.sandboxCashier(orderId, outcome.cashier) })
    else if (outcome.kind === 'confirming') void Taro.redirectTo({ url: groupAfterPay(groupId, orderId) })
    else if (outcome.kind !== 'left') {
      void Taro.showToast({ title: outcome.kind === 'failed' ? outcome.message : '已取消支付，订单已保留', icon: 'none' })
      void Taro.redirectTo({ url: route.group(groupId) })
    }
  }, [])

  return { paying, pay }
}
