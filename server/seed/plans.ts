import type { Db } from '../db'

/** The demo shop's periodic purchase (周期购): drip coffee every week, two weeks or month; 4 / 8 / 12 deliveries at 0 / 5 / 10 % off; 24 h cut-off. */
export const DEMO_PLAN_OFFER = {
  productKey: 'coffee-drip',
  intervals: ['week', '2weeks', 'month'],
  options: [
    { deliveries: 4, percentOff: 0 },
    { deliveries: 8, percentOff: 5 },
    { deliveries: 12, percentOff: 10 },
  ],
  cutoffHours: 24,
}

/** Seeds the plan offer once per database under its own claim ('seeded_plans'); a shop without the product gets none. */
export async function seedPlans(db: Db, now: Date): Promise<boolean> {
  return db.tx(async (q) => {
    const claimed = await q.query(`INSERT INTO meta (key, value) VALUES ('seeded_plans', $1) ON CONFLICT (key) DO NOTHING RETURNING key`, [now.toISOString()])
    if (claimed.rowCount === 0) return false
    const o = DEMO_PLAN_OFFER
    const p = await q.maybeOne<{ id: number }>('SELECT id FROM products WHERE key = $1', [o.productKey])
    if (!p) return true
    await q.query('INSERT INTO plan_offers (product_id, enabled, intervals, options, cutoff_hours, updated_at) VALUES ($1, true, $2, $3, $4, $5) ON CONFLICT (product_id) DO NOTHING', [
      p.id,
      o.intervals,
      JSON.stringify(o.options),
      o.cutoffHours,
      now,
    ])
    return true
  })
}
