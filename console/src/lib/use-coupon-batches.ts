import { useEffect, useState } from 'react'
import { listCouponBatches, type CouponBatch } from '../api/marketing'

/** The coupon batches a mall item or a level's birthday gift can hand out: the newest 50 (GET /api/admin/coupon-batches), ended ones left out. */
export function useCouponBatches(enabled: boolean): CouponBatch[] {
  const [batches, setBatches] = useState<CouponBatch[]>([])
  useEffect(() => {
    if (!enabled) return
    let live = true
    listCouponBatches({ page: 1, pageSize: 50 }).then(
      (r) => live && setBatches(r.items.filter((b) => !b.endedAt)),
      () => undefined,
    )
    return () => {
      live = false
    }
  }, [enabled])
  return batches
}
