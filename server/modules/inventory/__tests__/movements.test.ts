import { expect, it } from 'vitest'
import type { Db } from '../../../db'
import { ADMIN_TOKEN, call, describeEachDb, login, productId, skuId, stockOf } from '../../../test/helpers'
import { platformUser, postNotify } from '../../payments/__tests__/helpers'
import type { SandboxPay } from '../../../platforms'

let seq = 0
const key = () => `inv-${process.pid}-${Date.now()}-${++seq}`

/** What stock_movements says a SKU holds, and the reasons in order. */
async function movements(db: Db, sku: number): Promise<{ sum: number; reasons: string[] }> {
  const r = await db.query<{ delta: number; reason: string }>('SELECT delta, reason FROM stock_movements WHERE sku_id = $1 ORDER BY id', [sku])
  return { sum: r.rows.reduce((s, m) => s + m.delta, 0), reasons: r.rows.map((m) => m.reason) }
}

describeEachDb('inventory: stock movements explain stock on hand', (ctx) => {
  it('seeded SKUs open with their stock', async () => {
    const bad = await ctx.t.db.query('SELECT k.id FROM skus k LEFT JOIN stock_movements m ON m.sku_id = k.id AND m.store_id IS NULL GROUP BY k.id, k.stock HAVING k.stock <> COALESCE(sum(m.delta), 0)')
    expect(bad.rows).toEqual([])
  })

  it('order then cancel, order then close: out and back, each with its order', async () => {
    const token = await login(ctx.app)
    const sku = await skuId(ctx.t.db, 'mug', { 颜色: '墨绿' })
    const before = await stockOf(ctx.t.db, sku)
    const a = (await call(ctx.app, 'POST', '/api/orders', { token, body: { items: [{ skuId: sku, quantity: 2 }], idempotencyKey: key() } })).body
    const b = (await call(ctx.app, 'POST', '/api/orders', { token, body: { items: [{ skuId: sku, quantity: 1 }], idempotencyKey: key() } })).body
    expect(await stockOf(ctx.t.db, sku)).toBe(before - 3)
    expect((await call(ctx.app, 'POST', `/api/orders/${a.id}/cancel`, { token })).status).toBe(200)
    await ctx.t.db.query("UPDATE orders SET expires_at = now() - interval '1 minute' WHERE id = $1", [b.id])
    expect(await ctx.app.sweepExpiredOrders()).toBeGreaterThanOrEqual(1)
    expect(await stockOf(ctx.t.db, sku)).toBe(before)
    const m = await movements(ctx.t.db, sku)
    expect(m.sum).toBe(before)
    expect(m.reasons.slice(-4)).toEqual(['order', 'order', 'cancel', 'close'])
    const byOrder = await ctx.t.db.query<{ order_id: number; delta: number; reason: string }>('SELECT order_id, delta, reason FROM stock_movements WHERE order_id = ANY($1::int[]) ORDER BY id', [[a.id, b.id]])
    expect(byOrder.rows).toEqual([
      { order_id: a.id, delta: -2, reason: 'order' },
      { order_id: b.id, delta: -1, reason: 'order' },
      { order_id: a.id, delta: 2, reason: 'cancel' },
      { order_id: b.id, delta: 1, reason: 'close' },
    ])
  })

  it('paid order refunded with restock: the refund puts the units back as its own movement', async () => {
    const sandbox = ctx.app.payments.providers.sandbox as SandboxPay
    const sku = await skuId(ctx.t.db, 'mug', { 颜色: '米白' })
    const before = await stockOf(ctx.t.db, sku)
    const token = await platformUser(ctx.app, 'alipay')
    const o = (await call(ctx.app, 'POST', '/api/orders', { token, body: { items: [{ skuId: sku, quantity: 2 }], idempotencyKey: key() } })).body
    expect((await call(ctx.app, 'POST', `/api/orders/${o.id}/pay`, { token })).status).toBe(200)
    const out = (await ctx.t.db.one<{ out_trade_no: string }>('SELECT out_trade_no FROM payments WHERE order_id = $1', [o.id])).out_trade_no
    sandbox.settle(out)
    expect((await postNotify(ctx.app, 'alipay', sandbox.alipayNotify(out))).statusCode).toBeLessThan(300)
    const r = await call(ctx.app, 'POST', `/api/admin/orders/${o.id}/refunds`, { token: ADMIN_TOKEN, body: { reason: '不想要了' } })
    expect(r.status).toBe(201)
    expect(r.body.status).toBe('succeeded')
    expect(await stockOf(ctx.t.db, sku)).toBe(before)
    const m = await movements(ctx.t.db, sku)
    expect(m.sum).toBe(before)
    const refund = await ctx.t.db.one('SELECT delta, reason, order_id, refund_id FROM stock_movements WHERE refund_id = $1', [r.body.id])
    expect(refund).toEqual({ delta: 2, reason: 'refund', order_id: o.id, refund_id: r.body.id })
  })

  it('a rental takes its unit out and brings it back on cancel', async () => {
    const pid = await productId(ctx.t.db, 'hoodie')
    await ctx.t.db.query('INSERT INTO product_rentals (product_id, deposit, daily_rate, min_days, max_days) VALUES ($1, 3000, 500, 1, 5) ON CONFLICT DO NOTHING', [pid])
    const sku = await skuId(ctx.t.db, 'hoodie', { 尺码: 'L' })
    const before = await stockOf(ctx.t.db, sku)
    const token = await login(ctx.app)
    const res = await call(ctx.app, 'POST', '/api/rentals', { token, body: { skuId: sku, days: 2, idempotencyKey: key() } })
    expect(res.status).toBe(201)
    const id = res.body.credit.id as number
    expect(await stockOf(ctx.t.db, sku)).toBe(before - 1)
    expect((await call(ctx.app, 'POST', `/api/rentals/${id}/cancel`, { token })).body.state).toBe('cancelled')
    expect(await stockOf(ctx.t.db, sku)).toBe(before)
    const rows = await ctx.t.db.query('SELECT delta, reason FROM stock_movements WHERE credit_order_id = $1 ORDER BY id', [id])
    expect(rows.rows).toEqual([
      { delta: -1, reason: 'rental_out' },
      { delta: 1, reason: 'rental_back' },
    ])
    expect((await movements(ctx.t.db, sku)).sum).toBe(before)
  })

  it('concurrent reserves never oversell, and every unit taken has its movement', async () => {
    const sku = await skuId(ctx.t.db, 'tee', { 颜色: '白色', 尺码: 'M' })
    const inv = ctx.app.inventory
    const have = await stockOf(ctx.t.db, sku)
    expect(await ctx.t.db.tx((q) => inv.adjust(q, sku, 5 - have, 'count for the race'))).toBe(true)
    expect(await ctx.t.db.tx((q) => inv.adjust(q, sku, -6, 'too many'))).toBe(false)
    const results = await Promise.all(Array.from({ length: 20 }, () => ctx.t.db.tx((q) => inv.reserve(q, [{ skuId: sku, quantity: 1 }], { reason: 'order' }))))
    expect(results.filter((r) => r.ok)).toHaveLength(5)
    expect(results.filter((r) => !r.ok)).toHaveLength(15)
    expect(await stockOf(ctx.t.db, sku)).toBe(0)
    expect((await movements(ctx.t.db, sku)).sum).toBe(0)
    // Two lines of one SKU are one reservation: 2 + 2 of 3 fails as a whole when the caller rolls back.
    await ctx.t.db.tx((q) => inv.adjust(q, sku, 3, null))
    await expect(
      ctx.t.db.tx(async (q) => {
        const r = await inv.reserve(q, [{ skuId: sku, quantity: 2 }, { skuId: sku, quantity: 2 }], { reason: 'order' })
        if (!r.ok) throw new Error(`short: ${r.left} left`)
      }),
    ).rejects.toThrow('short: 3 left')
    expect(await stockOf(ctx.t.db, sku)).toBe(3)
    expect((await movements(ctx.t.db, sku)).sum).toBe(3)
  })

  it('after-commit work runs only once the transaction commits', async () => {
    const sku = await skuId(ctx.t.db, 'tee', { 颜色: '白色', 尺码: 'M' })
    const seen: string[] = []
    await expect(
      ctx.t.db.tx(async (q) => {
        q.afterCommit(() => void seen.push('rolled back'))
        await ctx.app.inventory.adjust(q, sku, 1, null)
        throw new Error('boom')
      }),
    ).rejects.toThrow('boom')
    await ctx.t.db.tx(async (q) => {
      q.afterCommit(() => void seen.push('committed'))
      expect(seen).toEqual([])
    })
    expect(seen).toEqual(['committed'])
  })
})
