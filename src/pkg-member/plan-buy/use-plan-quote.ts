import { useEffect, useState } from 'react'
import type { PlanInterval, PlanQuote } from '@/domain/plans'
import { errorMessage } from '@/services/http'
import { previewPlan } from '@/services/plans'

export interface PlanChoice {
  skuId: number
  deliveries: number
  interval: PlanInterval
  firstDate: string
}

/** The schedule and price of the current choice (POST /api/plans/preview), re-asked whenever it changes; the last answer wins. */
export function usePlanQuote(choice: PlanChoice | null) {
  const [quote, setQuote] = useState<PlanQuote | null>(null)
  const [error, setError] = useState<string | null>(null)
  const key = choice ? `${choice.skuId}|${choice.deliveries}|${choice.interval}|${choice.firstDate}` : ''

  useEffect(() => {
    if (!choice) return
    let live = true
    previewPlan(choice).then(
      (q) => {
        if (!live) return
        setQuote(q)
        setError(null)
      },
      (err: unknown) => {
        if (!live) return
        setQuote(null)
        setError(errorMessage(err))
      },
    )
    return () => {
      live = false
    }
    // The key is the choice: a new object with the same fields asks nothing new.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key])

  return { quote, error }
}
