import { useCallback, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { paymentAdapter } from '@/platform/payment'
import { route } from '@/routes'
import { prepareMessageAsk } from '@/components/payment/ask-messages'
import { startPayment } from '@/components/payment/pay-flow'

/**
 * Pays a plan's order with the shop's pay flow (POST /pay, the platform's cashier, the message
 * dialog) and lands on the plan's page, which waits for the server's verdict (`paying`). A
 * cancelled or failed payment lands there too (the plan is 待支付, payable from its order).
 */
export function usePlanPay() {
  const [paying, setPaying] = useState(false)
  const busy = useRef(false)

  const pay = useCallback(async (orderId: number, planId: number) => {
    if (busy.current) return
    busy.current = true
    setPaying(true)
    const outcome = await startPayment(orderId, paymentAdapter, prepareMessageAsk())
    busy.current = false
    setPaying(false)
    if (outcome.kind === 'sandbox') void Taro.redirectTo({ url: route.sandboxCashier(orderId, outcome.cashier) })
    else if (outcome.kind === 'confirming') void Taro.redirectTo({ url: route.plan(planId, orderId) })
    else if (outcome.kind !== 'left') {
      void Taro.showToast({ title: outcome.kind === 'failed' ? outcome.message : '已取消支付，订单已保留', icon: 'none' })
      void Taro.redirectTo({ url: route.plan(planId) })
    }
  }, [])

  return { paying, pay }
}
