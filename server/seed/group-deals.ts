import type { Db } from '../db'
import type { SeedGroupDeal } from './types'

const DAY = 24 * 3_600_000

/** The demo shop's group deals: a 2-person deal on the mug and a 3-person one on the drip coffee, both running for 30 days. */
export const DEMO_GROUP_DEALS: SeedGroupDeal[] = [
  { productKey: 'mug-ceramic', name: '2人拼·陶瓷马克杯', size: 2, hours: 24, percent: 75, stock: 200, perUserLimit: 2, days: 30 },
  { productKey: 'coffee-drip', name: '3人拼·挂耳咖啡', size: 3, hours: 24, percent: 70, stock: 300, perUserLimit: 3, days: 30 },
]

/**
 * Seeds the group deals once per database, claimed by their own meta row ('seeded_group_deals'):
 * two servers starting together seed once. Products the shop doesn't have are skipped. Group
 * prices are rounded down to a jiao (10 fen), never below one.
 */
export async function seedGroupDeals(db: Db, deals: SeedGroupDeal[], now: Date): Promise<boolean> {
  return db.tx(async (q) => {
    const claimed = await q.query(`INSERT INTO meta (key, value) VALUES ('seeded_group_deals', $1) ON CONFLICT (key) DO NOTHING RETURNING key`, [now.toISOString()])
    if (claimed.rowCount === 0) return false
    for (const d of deals) {
      const p = await q.maybeOne<{ id: number }>('SELECT id FROM products WHERE key = $1', [d.productKey])
      if (!p) continue
      const skus = await q.query<{ id: number; price: number }>('SELECT id, price FROM skus WHERE product_id = $1 AND NOT archived ORDER BY id', [p.id])
      if (skus.rows.length === 0) continue
      const r = await q.one<{ id: number }>(
        'INSERT INTO group_deals (name, product_id, size, hours, per_user_limit, robot_fill, starts_at, ends_at, created_at) VALUES ($1, $2, $3, $4, $5, false, $6, $7, $6) RETURNING id',
        [d.name, p.id, d.size, d.hours, d.perUserLimit, now, new Date(now.getTime() + d.days * DAY)],
      )
      for (const s of skus.rows)
        await q.query('INSERT INTO group_deal_skus (deal_id, sku_id, price, stock) VALUES ($1, $2, $3, $4)', [r.id, s.id, Math.max(10, Math.floor((s.price * d.percent) / 100 / 10) * 10), d.stock])
    }
    return true
  })
}
