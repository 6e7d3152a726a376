import { useCallback, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import type { MembershipView } from '@/domain/contract'
import { formatFen } from '@/domain/money'
import { PAGES, route } from '@/routes'
import { cancelMembership, fetchMembership, joinMembership, setAutoRenew } from '@/services/credit'
import { pollUntil, type PollOptions } from '@/lib/poll-until'
import { openCreditConfirm } from '@/platform/credit/open-confirm'
import { errorMessage } from '@/services/http'

function toast(title: string) {
  void Taro.showToast({ title, icon: 'none' })
}

/** The member's view as the server has it; joining waits for the platform's confirm through the server. */
export function useMembership(poll: PollOptions = {}) {
  const [view, setView] = useState<MembershipView | null>(null)
  const [status, setStatus] = useState<'loading' | 'error' | 'ready'>('loading')
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState<'join' | 'renew' | 'cancel' | null>(null)
  const busyRef = useRef(false)
  const pollRef = useRef(poll)

  const load = useCallback(async () => {
    try {
      setView(await fetchMembership())
      setStatus('ready')
    } catch (err) {
      setError(err)
      setStatus('error')
    }
  }, [])

  const run = useCallback(async (what: 'join' | 'renew' | 'cancel', task: () => Promise<void>) => {
    if (busyRef.current) return
    busyRef.current = true
    setBusy(what)
    try {
      await task()
    } catch (err) {
      toast(errorMessage(err))
    } finally {
      busyRef.current = false
      setBusy(null)
    }
  }, [])

  const waitWhileSigning = useCallback(async (extra: PollOptions = {}) => {
    const polled = await pollUntil(fetchMembership, (v) => v.state !== 'signing', { ...pollRef.current, ...extra })
    if (polled.kind !== 'aborted' && polled.value) setView(polled.value)
    return polled.kind === 'done'
  }, [])

  const join = useCallback(
    () =>
      run('join', async () => {
        // The view stays as it was until the server has the platform's answer: backing out changes nothing on screen.
        const start = await joinMembership()
        const outcome = await openCreditConfirm(start.confirm, PAGES.membership)
        if (outcome.kind === 'left') return
        // Sandbox server, mini-program in its IDE: the in-app sandbox confirm decides, then opens this page again.
        if (outcome.kind === 'sandbox') return void Taro.redirectTo({ url: route.sandboxConfirm(outcome.ticket, PAGES.membership) })
        if (outcome.kind === 'cancelled') return toast('你已取消开通')
        if (outcome.kind === 'failed') return toast(outcome.message)
        if (!(await waitWhileSigning())) toast('还没收到开通结果，请稍后再看')
      }),
    [run, waitWhileSigning],
  )

  const toggleRenew = useCallback(
    (autoRenew: boolean) =>
      run('renew', async () => {
        setView(await setAutoRenew(autoRenew))
        toast(autoRenew ? '已开启自动续期' : '已关闭自动续期，本期结束后不再续期')
      }),
    [run],
  )

  const cancel = useCallback(
    () =>
      run('cancel', async () => {
        if (!view) return
        const content = view.willPay > 0 ? `取消后立即结算本期：本期已省 ${formatFen(view.savings)}，需支付 ${formatFen(view.willPay)}。` : '取消后立即结算本期：本期未使用会员价，无需支付。'
        const { confirm } = await Taro.showModal({ title: '取消会员', content, confirmText: '确认取消', cancelText: '再想想' })
        if (!confirm) return
        setView(await cancelMembership())
      }),
    [run, view],
  )

  return { view, status, error, busy, load, join, toggleRenew, cancel, waitWhileSigning }
}
