import { useCallback, useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { route } from '@/routes'
import { errorMessage } from '@/services/http'
import { decideSandboxCashier, getSandboxCashier, type SandboxCashierDecision, type SandboxCashierTicket, type SandboxCashierView } from '@/services/payments'

/** Where each decision lands: the result page, which asks the server (paid only with its verified notify). */
export function resultRoute(orderId: number, result: 'paid' | 'failed' | 'cancelled'): string {
  if (result === 'paid') return route.payResult(orderId, 'confirming')
  if (result === 'failed') return route.payResult(orderId, 'failed', '沙箱模拟支付失败')
  return route.payResult(orderId, 'cancelled')
}

/**
 * The in-app sandbox cashier (sandbox servers only): the attempt's view, and paying, failing or
 * leaving. Every call carries the session and the attempt's ticket; the server settles "pay"
 * with the platform's own signed notify, as a real payment would.
 */
export function useSandboxCashier(orderId: number, cashier: SandboxCashierTicket | null) {
  const [view, setView] = useState<SandboxCashierView | null>(null)
  const [failure, setError] = useState('')
  const error = cashier ? failure : '收银台参数有误，请回到订单重新支付'
  const [busy, setBusy] = useState<SandboxCashierDecision | null>(null)
  const deciding = useRef(false)

  useEffect(() => {
    if (!cashier) return
    let live = true
    getSandboxCashier(cashier).then(
      (v) => live && setView(v),
      (err: unknown) => live && setError(errorMessage(err)),
    )
    return () => {
      live = false
    }
  }, [cashier])

  const decide = useCallback(
    async (decision: SandboxCashierDecision) => {
      if (!cashier || deciding.current) return
      deciding.current = true
      setBusy(decision)
      setError('')
      try {
        const r = await decideSandboxCashier(cashier, decision)
        void Taro.redirectTo({ url: resultRoute(orderId, r.result) })
      } catch (err) {
        setError(errorMessage(err))
      }
      deciding.current = false
      setBusy(null)
    },
    [cashier, orderId],
  )

  const backToOrder = useCallback(() => void Taro.redirectTo({ url: route.orderDetail(orderId) }), [orderId])

  return { view, error, busy, decide, backToOrder }
}
