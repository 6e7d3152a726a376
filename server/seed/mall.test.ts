import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { migrate } from '../db/migrate'
import { BACKENDS, dropTestDb, openTestDb, type TestDb } from '../test/helpers'
import { loadDemoCatalog, seedCatalog } from './load'

for (const kind of BACKENDS) {
  describe(`demo points mall seed [${kind}]`, () => {
    let t: TestDb
    const now = new Date('2026-12-01T00:00:00Z')

    beforeAll(async () => {
      t = await openTestDb(kind)
      await migrate(t.db)
    })
    afterAll(() => dropTestDb(t))

    it('a coupon, a points-only gift and a points + money product, once under their own claim, even with two servers starting together', async () => {
      const demo = await loadDemoCatalog()
      const { mall: _m, ...withoutMall } = demo
      expect(await seedCatalog(t.db, withoutMall, now)).toBe(true)
      await Promise.all([seedCatalog(t.db, demo, now), seedCatalog(t.db, demo, now)])
      const items = await t.db.query<{ kind: string; points: number; price: number; coupon_batch_id: number | null; sku_id: number | null }>('SELECT kind, points, price, coupon_batch_id, sku_id FROM mall_items ORDER BY id')
      expect(items.rows.map((i) => i.kind)).toEqual(['coupon', 'gift', 'product'])
      expect(items.rows[0].coupon_batch_id).not.toBeNull()
      expect(items.rows[1]).toMatchObject({ price: 0, coupon_batch_id: null, sku_id: expect.any(Number) })
      expect(items.rows[2].price).toBeGreaterThan(0)
      await seedCatalog(t.db, demo, new Date(now.getTime() + 86_400_000))
      expect((await t.db.one<{ n: number }>('SELECT count(*)::int AS n FROM mall_items')).n).toBe(3)
    })
  })
}
