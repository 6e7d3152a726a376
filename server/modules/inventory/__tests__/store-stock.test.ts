import { expect, it } from 'vitest'
import type { Db } from '../../../db'
import { describeEachDb, skuId, stockOf } from '../../../test/helpers'
import { inventoryService } from '../service'

/** A store keeping its own stock, created the way the stores module does (the table is theirs; this is a fixture). */
async function ownStockStore(db: Db): Promise<number> {
  const r = await db.one<{ id: number }>(
    `INSERT INTO stores (name, city, address, latitude, longitude, hours, stock_mode, created_at, updated_at)
     VALUES ('测试门店', '上海', '测试路 1 号', 31.23, 121.47, '{"weekdays":[1,2,3,4,5,6,7],"open":"09:00","close":"21:00"}', 'own', now(), now()) RETURNING id`,
  )
  return r.id
}

describeEachDb('inventory: a store keeps its own stock', (ctx) => {
  const inventory = inventoryService({ now: () => new Date() })

  it('counts at a store move store_stock only, each movement naming the store', async () => {
    const store = await ownStockStore(ctx.t.db)
    const sku = await skuId(ctx.t.db, 'mug', { 颜色: '墨绿' })
    const warehouse = await stockOf(ctx.t.db, sku)
    expect(await ctx.t.db.tx((q) => inventory.adjust(q, sku, 3, '到货', store))).toBe(true)
    expect(await ctx.t.db.tx((q) => inventory.adjust(q, sku, -4, '盘点', store))).toBe(false)
    expect(await inventory.stockOf(ctx.t.db, sku, store)).toBe(3)
    expect(await stockOf(ctx.t.db, sku)).toBe(warehouse)
    const m = await ctx.t.db.query<{ delta: number; store_id: number }>('SELECT delta, store_id FROM stock_movements WHERE store_id = $1', [store])
    expect(m.rows).toEqual([{ delta: 3, store_id: store }])
  })

  it('ten racing reservations of one unit at a store holding 3: three succeed, none oversold', async () => {
    const store = await ownStockStore(ctx.t.db)
    const sku = await skuId(ctx.t.db, 'mug', { 颜色: '米白' })
    await ctx.t.db.tx((q) => inventory.adjust(q, sku, 3, null, store))
    const results = await Promise.all(
      Array.from({ length: 10 }, () => ctx.t.db.tx((q) => inventory.reserve(q, [{ skuId: sku, quantity: 1 }], { reason: 'adjust', storeId: store }))),
    )
    expect(results.filter((r) => r.ok)).toHaveLength(3)
    expect(results.find((r) => !r.ok)).toEqual({ ok: false, skuId: sku, left: 0 })
    expect(await inventory.stockOf(ctx.t.db, sku, store)).toBe(0)
  })
})
