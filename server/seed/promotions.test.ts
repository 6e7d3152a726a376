import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { migrate } from '../db/migrate'
import { BACKENDS, dropTestDb, openTestDb, type TestDb } from '../test/helpers'
import { loadDemoCatalog, seedCatalog } from './load'
import type { SeedCatalog } from './types'

for (const kind of BACKENDS) {
  describe(`demo promotions seed [${kind}]`, () => {
    let t: TestDb
    let demo: SeedCatalog
    const now = new Date('2026-11-01T00:00:00Z')
    const count = async (table: string) => (await t.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).n

    beforeAll(async () => {
      t = await openTestDb(kind)
      await migrate(t.db)
      demo = await loadDemoCatalog()
    })
    afterAll(() => dropTestDb(t))

    it('a shop seeded before promotions existed gets them on its next start, once, even with two servers starting together', async () => {
      const { promotions: _p, ...withoutPromotions } = demo
      expect(await seedCatalog(t.db, withoutPromotions, now)).toBe(true)
      expect(await count('promotions')).toBe(0)
      const products = await count('products')
      const results = await Promise.all([seedCatalog(t.db, demo, now), seedCatalog(t.db, demo, now)])
      expect(results).toEqual([false, false])
      expect(await count('products')).toBe(products)
      expect(await count('promotions')).toBe(demo.promotions?.promotions.length)
      expect(await count('coupon_batches')).toBe(demo.promotions?.couponBatches.length)
      await seedCatalog(t.db, demo, new Date(now.getTime() + 86_400_000))
      expect(await count('promotions')).toBe(demo.promotions?.promotions.length)
    })

    it('every seeded promotion runs from the seeding time; the limited-time one ends within days (the countdown shows days and hours)', async () => {
      const rows = await t.db.query<{ kind: string; starts_at: Date; ends_at: Date; items: number }>(
        'SELECT kind, starts_at, ends_at, (SELECT count(*)::int FROM promotion_items i WHERE i.promotion_id = p.id) AS items FROM promotions p ORDER BY id',
      )
      expect(rows.rows.map((r) => r.kind).sort()).toEqual(['full_reduction', 'limited_time', 'member_price', 'n_for_n'])
      for (const r of rows.rows) {
        expect(new Date(r.starts_at).getTime()).toBeLessThanOrEqual(now.getTime())
        expect(new Date(r.ends_at).getTime()).toBeGreaterThan(now.getTime() + 2 * 86_400_000)
      }
      const limited = rows.rows.find((r) => r.kind === 'limited_time') as (typeof rows.rows)[number]
      expect(new Date(limited.ends_at).getTime() - now.getTime()).toBeLessThan(5 * 86_400_000)
      expect(limited.items).toBeGreaterThanOrEqual(2)
      const batches = await t.db.query<{ claim_starts_at: Date; claim_ends_at: Date; scope: { type: string; productIds?: number[]; categoryIds?: number[] } }>(
        'SELECT claim_starts_at, claim_ends_at, scope FROM coupon_batches ORDER BY id',
      )
      for (const b of batches.rows) {
        expect(new Date(b.claim_starts_at).getTime()).toBeLessThanOrEqual(now.getTime())
        expect(new Date(b.claim_ends_at).getTime()).toBeGreaterThan(now.getTime())
        // Scopes name rows that exist.
        if (b.scope.type === 'products') expect(b.scope.productIds?.length).toBeGreaterThan(0)
        if (b.scope.type === 'categories') expect(b.scope.categoryIds?.length).toBeGreaterThan(0)
      }
    })
  })
}
