import { useCallback, useEffect, useState } from 'react'
import Taro, { useDidHide, useDidShow } from '@tarojs/taro'
import type { Order } from '@/domain/contract'
import type { PollOptions } from '@/lib/poll-until'
import { paymentAdapter } from '@/platform/payment'
import type { PaymentAdapter } from '@/platform/payment/types'
import { route } from '@/routes'
import { fetchOrder } from '@/services/orders'
import { currentToken } from '@/store/session'
import { confirmPayment, startPayment } from '@/components/payment/pay-flow'
import { phaseForOrder, type ResultPhase } from './result-view'

export interface PayResultOptions {
  adapter?: PaymentAdapter
  /** Polling timing (tests). */
  confirm?: Omit<PollOptions, 'signal'>
}

/**
 * The result page's state: the order, the phase, and paying again. While 'confirming' the
 * page polls the server, only while it is showing: hidden (another page, the app in the
 * background) stops polling, shown again resumes it if the answer is still open.
 */
export function usePayResult(orderId: number, initial: { phase: ResultPhase; message: string }, options: PayResultOptions = {}) {
  const { adapter = paymentAdapter, confirm } = options
  const [stored, setPhase] = useState<ResultPhase>(initial.phase)
  const [message, setMessage] = useState(initial.message)
  const [order, setOrder] = useState<Order | null>(null)
  const [visible, setVisible] = useState(true)
  const [now, setNow] = useState(() => Date.now())
  const valid = Number.isInteger(orderId) && orderId > 0

  const load = useCallback(async () => {
    if (!valid) return
    try {
      setOrder(await fetchOrder(orderId))
    } catch {
      // The result still stands without the order; 查看订单 shows what went wrong.
    }
  }, [orderId, valid])

  // The order as the server has it overrules the page's own idea (paid elsewhere, closed meanwhile).
  const phase = order ? phaseForOrder(stored, order.status) : stored
  const shownMessage = phase === stored ? message : ''

  useDidShow(() => {
    if (!currentToken()) {
      void Taro.redirectTo({ url: route.login(route.orderDetail(orderId)) })
      return
    }
    setVisible(true)
    void load()
  })
  useDidHide(() => setVisible(false))

  // Poll while waiting for the server and showing; the cleanup stops it (hidden, unmounted, phase moved on).
  const { intervalMs, timeoutMs, sleep, now: clock } = confirm ?? {}
  useEffect(() => {
    if (phase !== 'confirming' || !visible || !valid) return
    const signal = { aborted: false }
    void confirmPayment(orderId, { signal, intervalMs, timeoutMs, sleep, now: clock }).then((o) => {
      // A stopped poll only counts if the server already said paid.
      if (o.kind === 'aborted' || (signal.aborted && o.kind !== 'paid')) return
      setMessage(o.kind === 'ended' ? o.message : '')
      setPhase(o.kind)
      if (o.kind !== 'timeout') void load()
    })
    return () => {
      signal.aborted = true
    }
  }, [phase, visible, valid, orderId, load, intervalMs, timeoutMs, sleep, clock])

  // The time left to pay ticks while the shopper can still pay again; when it runs out, ask once more.
  const expiresAt = order?.status === 'created' && (phase === 'cancelled' || phase === 'failed') ? order.expiresAt : null
  useEffect(() => {
    if (!expiresAt) return
    const timer = setInterval(() => {
      const t = Date.now()
      setNow(t)
      if (Date.parse(expiresAt) <= t) {
        clearInterval(timer)
        setTimeout(() => void load(), 1500)
      }
    }, 1000)
    return () => clearInterval(timer)
  }, [expiresAt, load])

  const pay = useCallback(async () => {
    if (phase === 'paying') return
    setPhase('paying')
    setMessage('')
    const o = await startPayment(orderId, adapter)
    // 'left': the H5 cashier page is opening and will send the shopper back here.
    if (o.kind === 'left') return
    // The IDE couldn't pay the sandbox's trade: the in-app sandbox cashier, which comes back here.
    if (o.kind === 'sandbox') {
      void Taro.redirectTo({ url: route.sandboxCashier(orderId, o.cashier) })
      return
    }
    setMessage(o.kind === 'failed' ? o.message : '')
    setPhase(o.kind)
  }, [phase, orderId, adapter])

  const recheck = useCallback(() => setPhase('confirming'), [])

  return { phase, message: shownMessage, order, now, pay, recheck }
}
