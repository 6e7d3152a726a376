import { useCallback, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { paymentAdapter } from '@/platform/payment'
import type { PaymentAdapter } from '@/platform/payment/types'
import { route } from '@/routes'
import { AT_PAY, AT_PICKUP_PAY, prepareMessageAsk, type MessageAskDeps } from '@/components/payment/ask-messages'
import { startPayment, type StartOutcome } from '@/components/payment/pay-flow'

/**
 * One tap that pays an order (提交订单 right after the order exists, 去支付 on the order):
 * the platform's cashier, then the result page, which waits for the server or says why not.
 * The H5 cashier is a page of its own: it comes back to the shop by itself.
 */
export function useStartPayment(adapter: PaymentAdapter = paymentAdapter, messageDeps?: MessageAskDeps) {
  const [starting, setStarting] = useState(false)
  const busy = useRef(false)

  const start = useCallback(
    async (orderId: number, opts: { pickup?: boolean } = {}): Promise<StartOutcome | null> => {
      // A second tap while the cashier is opening is the same payment.
      if (busy.current) return null
      busy.current = true
      setStarting(true)
      // The templates are fetched from this tap, alongside POST /pay; the dialog opens in the payment callback.
      // A pickup order asks about its own messages (ready to collect, the reminder), not shipping.
      const outcome = await startPayment(orderId, adapter, prepareMessageAsk(messageDeps, opts.pickup ? AT_PICKUP_PAY : AT_PAY))
      if (outcome.kind === 'sandbox') void Taro.redirectTo({ url: route.sandboxCashier(orderId, outcome.cashier) })
      else if (outcome.kind !== 'left') {
        const message = outcome.kind === 'failed' ? outcome.message : undefined
        void Taro.redirectTo({ url: route.payResult(orderId, outcome.kind, message) })
      }
      busy.current = false
      setStarting(false)
      return outcome
    },
    [adapter, messageDeps],
  )

  return { starting, start }
}
