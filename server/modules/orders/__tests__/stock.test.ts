import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { BACKENDS, call, describeEachDb, dropTestDb, login, openTestDb, skuId, stockOf, testApp } from '../../../test/helpers'

describeEachDb('stock under concurrent checkout', (ctx) => {
  it('200 concurrent buy-now requests for stock 50: 50 orders, stock 0, 150 SOLD_OUT', async () => {
    const sku = await skuId(ctx.t.db, 'hoodie', { 尺码: 'XL' })
    await ctx.t.db.query('UPDATE skus SET stock = 50 WHERE id = $1', [sku])
    const tokens = await Promise.all(Array.from({ length: 200 }, (_, i) => login(ctx.app, `buyer-${i}`)))
    const results = await Promise.all(
      tokens.map((token, i) => call(ctx.app, 'POST', '/api/orders', { token, body: { items: [{ skuId: sku, quantity: 1 }], idempotencyKey: `flash-${i}-xxxx` } })),
    )
    const created = results.filter((r) => r.status === 201)
    const soldOut = results.filter((r) => r.status === 409)
    expect(created).toHaveLength(50)
    expect(soldOut).toHaveLength(150)
    for (const r of soldOut) {
      expect(r.body.code).toBe('SOLD_OUT')
      expect(r.body.message).toContain('加绒连帽卫衣')
    }
    expect(await stockOf(ctx.t.db, sku)).toBe(0)
    const orders = await ctx.t.db.one<{ n: number; q: number }>(
      'SELECT count(DISTINCT o.id)::int AS n, COALESCE(sum(i.quantity), 0)::int AS q FROM orders o JOIN order_items i ON i.order_id = o.id WHERE i.sku_id = $1',
      [sku],
    )
    expect(orders).toEqual({ n: 50, q: 50 })
  })
})

describeEachDb('unpaid orders close after ORDER_TTL', (ctx) => {
  it('the sweeper closes expired orders and puts their stock back, once', async () => {
    const token = await login(ctx.app)
    const sku = await skuId(ctx.t.db, 'mug', { 颜色: '墨绿' })
    const before = await stockOf(ctx.t.db, sku)
    const o = (await call(ctx.app, 'POST', '/api/orders', { token, body: { items: [{ skuId: sku, quantity: 2 }], idempotencyKey: 'ttl-order-1' } })).body
    const paidLater = (await call(ctx.app, 'POST', '/api/orders', { token, body: { items: [{ skuId: sku, quantity: 1 }], idempotencyKey: 'ttl-order-2' } })).body
    await ctx.app.orders.apply(paidLater.id, 'pay', 'system')
    expect(await stockOf(ctx.t.db, sku)).toBe(before - 3)
    expect(await ctx.app.sweepExpiredOrders()).toBe(0)
    clock.t += 60_001
    expect(await ctx.app.sweepExpiredOrders()).toBe(1)
    expect(await ctx.app.sweepExpiredOrders()).toBe(0)
    const closed = await call(ctx.app, 'GET', `/api/orders/${o.id}`, { token })
    expect(closed.body).toMatchObject({ status: 'closed', expiresAt: null })
    expect(closed.body.timeline.map((e: { status: string }) => e.status)).toEqual(['created', 'closed'])
    expect(await stockOf(ctx.t.db, sku)).toBe(before - 1)
    expect((await call(ctx.app, 'GET', `/api/orders/${paidLater.id}`, { token })).body.status).toBe('paid')
    // A closed order can't be cancelled (and so can't release its stock twice).
    expect((await call(ctx.app, 'POST', `/api/orders/${o.id}/cancel`, { token })).status).toBe(409)
    expect(await stockOf(ctx.t.db, sku)).toBe(before - 1)
  })

  it('an expired order read before the sweeper ran is already closed', async () => {
    const token = await login(ctx.app)
    const sku = await skuId(ctx.t.db, 'mug', { 颜色: '米白' })
    const before = await stockOf(ctx.t.db, sku)
    const o = (await call(ctx.app, 'POST', '/api/orders', { token, body: { items: [{ skuId: sku, quantity: 1 }], idempotencyKey: 'ttl-order-3' } })).body
    clock.t += 61_000
    expect((await call(ctx.app, 'GET', `/api/orders/${o.id}`, { token })).body.status).toBe('closed')
    expect(await stockOf(ctx.t.db, sku)).toBe(before)
  })
}, { now: () => new Date(clock.t), config: { orderTtlMs: 60_000 } })

const clock = { t: Date.parse('2026-06-01T08:00:00Z') }

describe('the sweeper survives a restart', () => {
  for (const kind of BACKENDS) {
    it(`closes an order that expired while the server was down [${kind}]`, async () => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'duet-restart-'))
      // The first server's database: a PGlite folder on disk, or a schema on PostgreSQL.
      const holder = kind === 'postgres' ? await openTestDb('postgres', dataDir) : null
      const reopen = holder ? holder.reopen : { config: { databaseUrl: undefined, dataDir } }
      let t = Date.parse('2026-06-01T08:00:00Z')
      const opts = { now: () => new Date(t), ...reopen, config: { ...reopen.config, orderTtlMs: 60_000, sessionSecret: undefined } }
      const first = await testApp({ kind, db: undefined as never, reopen }, { ...opts, db: undefined, sweeper: true })
      const token = await login(first, 'restart-user')
      const sku = (await first.inject({ method: 'GET', url: '/api/products' })).json().items[0].id
      const detail = (await first.inject({ method: 'GET', url: `/api/products/${sku}` })).json()
      const inStock = detail.skus.find((s: { stock: number }) => s.stock > 0)
      const order = await call(first, 'POST', '/api/orders', { token, body: { items: [{ skuId: inStock.id, quantity: 1 }], idempotencyKey: 'restart-1' } })
      expect(order.status).toBe(201)
      expect(await stockOf(first.db, inStock.id)).toBe(inStock.stock - 1)
      await first.close()

      t += 10 * 60_000
      const second = await testApp({ kind, db: undefined as never, reopen }, { ...opts, db: undefined, sweeper: true })
      try {
        // The session secret was kept in DATA_DIR: the old token still works.
        const res = await call(second, 'GET', `/api/orders/${order.body.id}`, { token })
        expect(res.status).toBe(200)
        expect(res.body.status).toBe('closed')
        expect(await stockOf(second.db, inStock.id)).toBe(inStock.stock)
      } finally {
        await second.close()
        if (holder) await dropTestDb(holder)
        fs.rmSync(dataDir, { recursive: true, force: true })
      }
    })
  }
})
