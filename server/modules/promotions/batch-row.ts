import type { Scope } from '../../../src/domain/promotions/types'
import { iso } from '../../lib/rows'

/** A coupon_batches row as the database hands it back. */
export interface CouponBatchRow {
  id: number
  title: string
  type: 'amount' | 'percent'
  value: number
  cap: number | null
  threshold: number
  scope: Scope
  claim_starts_at: Date
  claim_ends_at: Date
  valid_from: Date | null
  valid_to: Date | null
  valid_days: number | null
  total: number
  issued: number
  per_user_limit: number
  with_other_coupons: boolean
  combines_with: string[]
  ended_at: Date | null
}

type TermsRow = Pick<CouponBatchRow, 'title' | 'type' | 'value' | 'cap' | 'threshold' | 'valid_from' | 'valid_to' | 'valid_days' | 'total' | 'issued' | 'per_user_limit'>


/** What the admin's batch view and the shopper's coupon centre both say about a batch, said once so they can't drift apart. */
export function batchTerms(b: TermsRow) {
  return {
    title: b.title,
    type: b.type,
    value: b.value,
    cap: b.cap,
    threshold: b.threshold,
    validity: b.valid_days !== null ? { days: b.valid_days } : { from: iso(b.valid_from as Date), to: iso(b.valid_to as Date) },
    total: b.total,
    remaining: b.total - b.issued,
    perUserLimit: b.per_user_limit,
  }
}
