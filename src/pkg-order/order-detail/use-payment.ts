import { useCallback, useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { paymentAdapter } from '@/platform/payment'
import type { PaymentAdapter } from '@/platform/payment/types'
import { payAndConfirm } from './pay-flow'

export type PaymentPhase = 'idle' | 'paying' | 'confirming' | 'failed'

export interface UsePayment {
  phase: PaymentPhase
  /** The failure message to show next to 重新支付. */
  message: string
  pay: () => Promise<void>
  /** Shows a failure reported elsewhere (the H5 sandbox cashier's redirect back). */
  fail: (message: string) => void
}

/**
 * 去支付 for one order. `onSettled` reloads the order from the server when polling ends with
 * paid / ended / timeout; a cancelled payment leaves the order as it is (待付款).
 */
export function usePayment(orderId: number, onSettled: () => void | Promise<void>, adapter: PaymentAdapter = paymentAdapter): UsePayment {
  const [phase, setPhase] = useState<PaymentPhase>('idle')
  const [message, setMessage] = useState('')
  // Stop polling when the page goes away.
  const signal = useRef({ aborted: false })
  useEffect(() => {
    const s = { aborted: false }
    signal.current = s
    return () => {
      s.aborted = true
    }
  }, [])

  const pay = useCallback(async () => {
    setPhase('paying')
    setMessage('')
    const outcome = await payAndConfirm(orderId, { adapter, signal: signal.current, onConfirming: () => setPhase('confirming') })
    if (outcome.kind === 'aborted') return
    if (outcome.kind === 'failed') {
      setPhase('failed')
      setMessage(outcome.message)
      return
    }
    setPhase('idle')
    if (outcome.kind === 'cancelled') {
      void Taro.showToast({ title: '已取消支付', icon: 'none' })
      return
    }
    if (outcome.kind === 'paid') void Taro.showToast({ title: '支付成功', icon: 'success' })
    else if (outcome.kind === 'ended') void Taro.showToast({ title: outcome.message, icon: 'none' })
    else void Taro.showToast({ title: '支付结果确认中，请稍后刷新', icon: 'none' })
    await onSettled()
  }, [orderId, adapter, onSettled])

  const fail = useCallback((text: string) => {
    setPhase('failed')
    setMessage(text)
  }, [])

  return { phase, message, pay, fail }
}
