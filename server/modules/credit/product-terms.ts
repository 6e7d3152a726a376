import type { RentalTerms } from '../../../src/domain/credit/types'
import type { Queryable } from '../../db'

/**
 * A rental product's terms (product_rentals, owned here): the catalog editor reads and sets
 * them through these, in its own transaction, so credit stays the table's only writer.
 */
export async function rentalTermsOf(q: Queryable, productId: number): Promise<RentalTerms | null> {
  const r = await q.maybeOne<{ deposit: number; daily_rate: number; min_days: number; max_days: number }>(
    'SELECT deposit, daily_rate, min_days, max_days FROM product_rentals WHERE product_id = $1',
    [productId],
  )
  return r && { deposit: r.deposit, dailyRate: r.daily_rate, minDays: r.min_days, maxDays: r.max_days }
}

/** Sets (or with null, removes) a product's rental terms; the caller checked them (checkRentalTerms). */
export async function setRentalTerms(q: Queryable, productId: number, terms: RentalTerms | null): Promise<void> {
  if (!terms) {
    await q.query('DELETE FROM product_rentals WHERE product_id = $1', [productId])
    return
  }
  await q.query(
    `INSERT INTO product_rentals (product_id, deposit, daily_rate, min_days, max_days) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (product_id) DO UPDATE SET deposit = EXCLUDED.deposit, daily_rate = EXCLUDED.daily_rate, min_days = EXCLUDED.min_days, max_days = EXCLUDED.max_days`,
    [productId, terms.deposit, terms.dailyRate, terms.minDays, terms.maxDays],
  )
}
