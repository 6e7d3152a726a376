import { useCallback, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import type { Rental } from '@/domain/contract'
import { route } from '@/routes'
import { pollUntil, type PollOptions } from '@/lib/poll-until'
import { openCreditConfirm } from '@/platform/credit/open-confirm'
import { fetchRental, reconfirmRental, rentalAction } from '@/services/credit'
import { errorMessage } from '@/services/http'
import { useRecordLoad } from '@/services/use-record-load'
import type { RentalButton } from './rental-actions'

function toast(title: string) {
  void Taro.showToast({ title, icon: 'none' })
}

/** The rental as the server has it, and the shopper's buttons; every answer replaces the page's copy. */
export function useRental(id: number, poll: PollOptions = {}) {
  const [rental, setRental] = useState<Rental | null>(null)
  const [busy, setBusy] = useState<RentalButton | null>(null)
  const busyRef = useRef(false)
  // Polling timing is fixed for the page's life; a ref keeps waitFor stable (the page's effect depends on it).
  const pollRef = useRef(poll)

  const { status, error, load } = useRecordLoad(id, '租赁单不存在', fetchRental, setRental)

  /** Until the server's record has moved on (credit decided, the charge confirmed). */
  const waitFor = useCallback(
    async (leaves: (r: Rental) => boolean, extra: PollOptions = {}) => {
      const polled = await pollUntil(() => fetchRental(id), leaves, { ...pollRef.current, ...extra })
      if (polled.kind !== 'aborted' && polled.value) setRental(polled.value)
      return polled.kind === 'done'
    },
    [id],
  )

  const act = useCallback(
    async (button: RentalButton) => {
      if (busyRef.current) return
      if (button === 'cancel') {
        const { confirm } = await Taro.showModal({ title: '取消租用', content: '取消后押金授权将全部释放，不收取任何费用。', confirmText: '取消租用', cancelText: '再想想' })
        if (!confirm) return
      }
      busyRef.current = true
      setBusy(button)
      try {
        if (button === 'confirm') {
          const start = await reconfirmRental(id)
          setRental(start.credit)
          const outcome = await openCreditConfirm(start.confirm, route.rental(id))
          // Sandbox server, mini-program in its IDE: the in-app sandbox confirm decides, then opens this rental again.
          if (outcome.kind === 'sandbox') void Taro.redirectTo({ url: route.sandboxConfirm(outcome.ticket, route.rental(id)) })
          else if (outcome.kind === 'confirming') {
            if (!(await waitFor((r) => r.state !== 'created'))) toast('还没收到确认结果，请稍后下拉刷新')
          } else if (outcome.kind === 'cancelled') toast('你已取消确认')
          else if (outcome.kind === 'failed') toast(outcome.message)
        } else {
          const next = await rentalAction(id, button)
          setRental(next)
          // Returning settles through the platform: wait for its confirm of the charge.
          if (button === 'return' && next.state === 'settling') await waitFor((r) => r.state !== 'settling')
        }
      } catch (err) {
        toast(errorMessage(err))
        void load()
      } finally {
        busyRef.current = false
        setBusy(null)
      }
    },
    [id, load, waitFor],
  )

  return { rental, status, error, busy, load, act, waitFor }
}
