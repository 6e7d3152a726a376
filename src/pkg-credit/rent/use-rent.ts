import Taro from '@tarojs/taro'
import { useCallback, useRef, useState } from 'react'
import type { ProductDetail, Rental } from '@/domain/contract'
import { validateRentDays } from '@/domain/credit'
import { route } from '@/routes'
import { pollUntil, type PollOptions } from '@/lib/poll-until'
import { openCreditConfirm } from '@/platform/credit/open-confirm'
import { createRental, fetchRental } from '@/services/credit'
import { errorMessage, ApiError } from '@/services/http'

export type RentPhase = 'choosing' | 'submitting' | 'confirming' | 'done'

/** A key the server uses to recognise a repeated rent of the same visit (<= 64 chars). */
export function newRentKey(now = Date.now(), random = Math.random): string {
  return `rent-${now.toString(36)}-${Math.floor(random() * 0x100000000).toString(36)}`.slice(0, 64)
}

/**
 * 免押租用: POST /api/rentals, the platform's confirm, then the server's rental until credit has
 * decided (it leaves 'created'). A cancelled confirm keeps the key, so the next tap reopens the
 * same rental instead of renting twice.
 */
export function useRent(product: ProductDetail | null, poll: PollOptions = {}) {
  const [phase, setPhase] = useState<RentPhase>('choosing')
  const [rental, setRental] = useState<Rental | null>(null)
  const [error, setError] = useState<string | null>(null)
  const key = useRef(newRentKey())
  const busy = useRef(false)

  const rent = useCallback(
    async (skuId: number, days: number, addressId?: number) => {
      const terms = product?.rental
      if (!terms || busy.current) return
      const problem = validateRentDays(terms, days)
      if (problem) {
        setError(problem)
        return
      }
      busy.current = true
      setError(null)
      setPhase('submitting')
      try {
        const start = await createRental({ skuId, days, addressId, idempotencyKey: key.current })
        setRental(start.credit)
        const outcome = await openCreditConfirm(start.confirm, route.rental(start.credit.id))
        if (outcome.kind === 'left') return
        // Sandbox server, mini-program in its IDE: the in-app sandbox confirm decides, then opens the rental.
        if (outcome.kind === 'sandbox') {
          void Taro.redirectTo({ url: route.sandboxConfirm(outcome.ticket, route.rental(start.credit.id)) })
          return
        }
        if (outcome.kind !== 'confirming') {
          setError(outcome.kind === 'cancelled' ? '你已取消免押确认，租赁单已保留，可随时继续' : outcome.message)
          setPhase('choosing')
          return
        }
        setPhase('confirming')
        const polled = await pollUntil(() => fetchRental(start.credit.id), (r) => r.state !== 'created', poll)
        if (polled.kind !== 'aborted' && polled.value) setRental(polled.value)
        if (polled.kind === 'done') setPhase('done')
        else {
          setError('还没收到信用确认结果，可在「我的租赁」中查看')
          setPhase('choosing')
        }
      } catch (err) {
        // A refused rent (4xx) was not created: the next try is a new rental with a new key.
        if (err instanceof ApiError && !err.retryable) key.current = newRentKey()
        setError(errorMessage(err))
        setPhase('choosing')
      } finally {
        busy.current = false
      }
    },
    [product, poll],
  )

  return { phase, rental, error, rent }
}
