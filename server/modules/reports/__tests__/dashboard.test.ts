import { expect, it } from 'vitest'
import type { Db } from '../../../db'
import { ADMIN_TOKEN, call, describeEachDb, productId, skuId } from '../../../test/helpers'
import { rangeWindow, shopDay } from '..'

/** A Beijing wall-clock time as an instant (the shop's days are Beijing days). */
const bj = (date: string, time = '12:00') => new Date(`${date}T${time}:00+08:00`)
// Noon in Beijing on 2025-03-15: far from the real clock, so rows the database stamps with now() can't leak in.
const NOW = bj('2025-03-15', '12:00')

it('shop days and range windows are Beijing days', () => {
  expect(shopDay(new Date('2025-03-14T16:30:00Z'))).toBe('2025-03-15')
  expect(shopDay(new Date('2025-03-14T15:59:59Z'))).toBe('2025-03-14')
  const w = rangeWindow('7d', NOW)
  expect(w.days).toEqual(['2025-03-09', '2025-03-10', '2025-03-11', '2025-03-12', '2025-03-13', '2025-03-14', '2025-03-15'])
  expect(w.window).toEqual({ from: new Date('2025-03-08T16:00:00Z'), to: new Date('2025-03-15T16:00:00Z') })
})

interface Line {
  sku: number
  product: number
  quantity: number
  unitPrice: number
  discount?: number
  refunded?: number
}

let n = 0
async function user(db: Db, platform: 'weapp' | 'alipay' | 'h5', createdAt: Date): Promise<number> {
  const r = await db.one<{ id: number }>('INSERT INTO users (platform, external_id, nickname, created_at) VALUES ($1, $2, $3, $4) RETURNING id', [platform, `dash-${++n}`, `买家${n}`, createdAt])
  return r.id
}

/** An order as the database would hold it after its life so far (tests may write the orders tables directly). */
async function order(db: Db, o: { user: number; status: string; total: number; paidAt: Date | null; lines: Line[] }): Promise<number> {
  const created = o.paidAt ?? bj('2025-03-01')
  const subtotal = o.lines.reduce((t, l) => t + l.unitPrice * l.quantity, 0)
  const r = await db.one<{ id: number }>(
    `INSERT INTO orders (order_no, user_id, status, idempotency_key, subtotal, shipping, discount, total, created_at, paid_at, platform)
     VALUES ($1, $2, $3, $4, $5, 0, $6, $7, $8, $9, (SELECT platform FROM users WHERE id = $2)) RETURNING id`,
    [`T${Date.now()}${++n}`, o.user, o.status, `dash-${n}`, subtotal, subtotal - o.total, o.total, created, o.paidAt],
  )
  for (const l of o.lines) {
    await db.query(
      `INSERT INTO order_items (order_id, sku_id, product_id, title, image, specs, unit_price, quantity, line_total, discount, refunded_quantity)
       VALUES ($1, $2, $3, 'x', 'x.jpg', '{}', $4, $5, $6, $7, $8)`,
      [r.id, l.sku, l.product, l.unitPrice, l.quantity, l.unitPrice * l.quantity, l.discount ?? 0, l.refunded ?? 0],
    )
  }
  return r.id
}

async function refund(db: Db, orderId: number, r: { amount: number; status: 'succeeded' | 'failed'; at: Date; kind?: 'order' | 'unpayable' }): Promise<void> {
  const pay = await db.one<{ id: number }>(
    "INSERT INTO payments (order_id, provider, out_trade_no, amount, status, created_at, updated_at, paid_at) VALUES ($1, 'sandbox', $2, $3, 'paid', $4, $4, $4) RETURNING id",
    [orderId, `P${Date.now()}${++n}`, r.amount, r.at],
  )
  await db.query(
    `INSERT INTO refunds (order_id, payment_id, out_refund_no, amount, kind, restock, closes_order, reason, status, created_at, updated_at, succeeded_at)
     VALUES ($1, $2, $3, $4, $5, false, false, 'test', $6, $7, $7, $8)`,
    [orderId, pay.id, `R${Date.now()}${++n}`, r.amount, r.kind ?? 'order', r.status, r.at, r.status === 'succeeded' ? r.at : null],
  )
}

describeEachDb(
  'dashboard',
  (ctx) => {
    const get = async (query: string) => {
      const res = await call(ctx.app, 'GET', `/api/admin/dashboard${query}`, { token: ADMIN_TOKEN })
      expect(res.status, JSON.stringify(res.body)).toBe(200)
      return res.body
    }
    const ids = { tee: 0, mug: 0, hoodie: 0 }

    it('seeds a known set of orders across days, platforms and statuses', async () => {
      const db = ctx.t.db
      ids.tee = await productId(db, 'tee')
      ids.mug = await productId(db, 'mug')
      ids.hoodie = await productId(db, 'hoodie')
      const teeM = await skuId(db, 'tee', { 颜色: '白色', 尺码: 'M' })
      const mugGreen = await skuId(db, 'mug', { 颜色: '墨绿' })
      const hoodieL = await skuId(db, 'hoodie', { 尺码: 'L' })
      const tee = (quantity: number, unitPrice: number): Line => ({ sku: teeM, product: ids.tee, quantity, unitPrice })
      const mug = (quantity: number, unitPrice: number, refunded = 0): Line => ({ sku: mugGreen, product: ids.mug, quantity, unitPrice, refunded })
      const hoodie = (quantity: number, unitPrice: number, discount = 0): Line => ({ sku: hoodieL, product: ids.hoodie, quantity, unitPrice, discount })

      // Shoppers: 07:00 Beijing on the 15th is still the 14th in UTC, and counts as today.
      const u1 = await user(db, 'weapp', bj('2025-03-15', '07:00'))
      const u2 = await user(db, 'alipay', bj('2025-03-10'))
      const u3 = await user(db, 'h5', bj('2025-02-20'))
      const u4 = await user(db, 'weapp', bj('2025-01-01'))

      await order(db, { user: u1, status: 'paid', total: 10000, paidAt: bj('2025-03-15', '08:00'), lines: [tee(2, 5000)] })
      // 00:30 Beijing = 16:30 UTC the day before: today in the shop.
      await order(db, { user: u2, status: 'shipped', total: 20000, paidAt: bj('2025-03-15', '00:30'), lines: [hoodie(4, 5000)] })
      await order(db, { user: u1, status: 'completed', total: 5000, paidAt: bj('2025-03-12'), lines: [tee(1, 5000)] })
      const d = await order(db, { user: u3, status: 'refunded', total: 8000, paidAt: bj('2025-03-10'), lines: [mug(1, 8000, 1)] })
      await refund(db, d, { amount: 8000, status: 'succeeded', at: bj('2025-03-14', '10:00') })
      const e = await order(db, { user: u2, status: 'paid', total: 30000, paidAt: bj('2025-02-20'), lines: [hoodie(6, 5500, 3000)] })
      await refund(db, e, { amount: 5000, status: 'succeeded', at: bj('2025-03-01') })
      await refund(db, e, { amount: 1000, status: 'failed', at: bj('2025-03-14') })
      // The first minutes of the 30-day range's first day count; the last minutes before it don't.
      await order(db, { user: u4, status: 'completed', total: 1111, paidAt: bj('2025-02-14', '00:10'), lines: [mug(1, 1111)] })
      await order(db, { user: u4, status: 'completed', total: 2222, paidAt: bj('2025-02-13', '23:50'), lines: [mug(1, 2222)] })
      await order(db, { user: u4, status: 'completed', total: 7777, paidAt: bj('2025-02-10'), lines: [mug(1, 7777)] })
      // Never paid: not sales, whatever their totals.
      await order(db, { user: u1, status: 'created', total: 9999, paidAt: null, lines: [tee(1, 9999)] })
      const closed = await order(db, { user: u3, status: 'closed', total: 500, paidAt: null, lines: [tee(1, 500)] })
      await order(db, { user: u4, status: 'cancelled', total: 500, paidAt: null, lines: [tee(1, 500)] })
      // Money back for a payment the closed order couldn't take: never a sale, so not a sales refund.
      await refund(db, closed, { amount: 2000, status: 'succeeded', at: bj('2025-03-15', '09:00'), kind: 'unpayable' })

      // One order the real way: placed through the API, paid through the orders module (paid_at set with the move).
      const token = (await ctx.app.sessions.sign(u1)).token
      const mugWhite = await skuId(db, 'mug', { 颜色: '米白' })
      const placed = await call(ctx.app, 'POST', '/api/orders', { token, body: { items: [{ skuId: mugWhite, quantity: 1 }], idempotencyKey: 'dash-real' } })
      expect(placed.status).toBe(201)
      expect(placed.body.total).toBe(4900)
      await ctx.app.orders.apply(placed.body.id, 'pay', 'system')
      const paid = await db.one<{ paid_at: Date }>('SELECT paid_at FROM orders WHERE id = $1', [placed.body.id])
      expect(new Date(paid.paid_at).toISOString()).toBe(NOW.toISOString())
    })

    it('today: totals, platforms, one day of series, top products, low stock', async () => {
      const body = await get('?range=today')
      expect(body).toMatchObject({ range: 'today', from: '2025-03-15', to: '2025-03-15' })
      expect(body.totals).toEqual({ sales: 34900, paidOrders: 3, avgOrder: 11633, refundAmount: 0, refunds: 0, newShoppers: 1 })
      expect(body.byPlatform).toEqual([
        { platform: 'weapp', sales: 14900, paidOrders: 2 },
        { platform: 'alipay', sales: 20000, paidOrders: 1 },
        { platform: 'h5', sales: 0, paidOrders: 0 },
      ])
      expect(body.series).toEqual([{ date: '2025-03-15', sales: 34900, paidOrders: 3, refundAmount: 0 }])
      expect(body.topProducts).toEqual([
        { productId: ids.hoodie, title: '加绒连帽卫衣', quantity: 4, sales: 20000 },
        { productId: ids.tee, title: '纯棉短袖T恤', quantity: 2, sales: 10000 },
        { productId: ids.mug, title: '陶瓷马克杯', quantity: 1, sales: 3900 },
      ])
      expect(body.lowStock).toEqual([
        { skuId: await skuId(ctx.t.db, 'tee', { 颜色: '白色', 尺码: 'L' }), productId: ids.tee, title: '纯棉短袖T恤', specs: { 颜色: '白色', 尺码: 'L' }, stock: 0 },
        { skuId: await skuId(ctx.t.db, 'mug', { 颜色: '墨绿' }), productId: ids.mug, title: '陶瓷马克杯', specs: { 颜色: '墨绿' }, stock: 3 },
        { skuId: await skuId(ctx.t.db, 'tee', { 颜色: '黑色', 尺码: 'M' }), productId: ids.tee, title: '纯棉短袖T恤', specs: { 颜色: '黑色', 尺码: 'M' }, stock: 5 },
      ])
      // The threshold is a query parameter.
      expect((await get('?range=today&lowStock=0')).lowStock.map((s: { stock: number }) => s.stock)).toEqual([0])
    })

    it('7 days: refunds by the day the money went back, zero days in the series', async () => {
      const body = await get('?range=7d')
      expect(body).toMatchObject({ range: '7d', from: '2025-03-09', to: '2025-03-15' })
      expect(body.totals).toEqual({ sales: 47900, paidOrders: 5, avgOrder: 9580, refundAmount: 8000, refunds: 1, newShoppers: 2 })
      expect(body.byPlatform).toEqual([
        { platform: 'weapp', sales: 19900, paidOrders: 3 },
        { platform: 'alipay', sales: 20000, paidOrders: 1 },
        { platform: 'h5', sales: 8000, paidOrders: 1 },
      ])
      expect(body.series).toEqual([
        { date: '2025-03-09', sales: 0, paidOrders: 0, refundAmount: 0 },
        { date: '2025-03-10', sales: 8000, paidOrders: 1, refundAmount: 0 },
        { date: '2025-03-11', sales: 0, paidOrders: 0, refundAmount: 0 },
        { date: '2025-03-12', sales: 5000, paidOrders: 1, refundAmount: 0 },
        { date: '2025-03-13', sales: 0, paidOrders: 0, refundAmount: 0 },
        { date: '2025-03-14', sales: 0, paidOrders: 0, refundAmount: 8000 },
        { date: '2025-03-15', sales: 34900, paidOrders: 3, refundAmount: 0 },
      ])
      expect(body.topProducts.map((p: { productId: number; quantity: number; sales: number }) => [p.productId, p.quantity, p.sales])).toEqual([
        [ids.hoodie, 4, 20000],
        [ids.tee, 3, 15000],
        [ids.mug, 2, 11900],
      ])
    })

    it('30 days: from the first minute of the first day; line discounts come off product sales', async () => {
      const body = await get('?range=30d')
      expect(body).toMatchObject({ range: '30d', from: '2025-02-14', to: '2025-03-15' })
      expect(body.totals).toEqual({ sales: 79011, paidOrders: 7, avgOrder: 11287, refundAmount: 13000, refunds: 2, newShoppers: 3 })
      expect(body.byPlatform).toEqual([
        { platform: 'weapp', sales: 21011, paidOrders: 4 },
        { platform: 'alipay', sales: 50000, paidOrders: 2 },
        { platform: 'h5', sales: 8000, paidOrders: 1 },
      ])
      expect(body.series).toHaveLength(30)
      expect(body.series[0]).toEqual({ date: '2025-02-14', sales: 1111, paidOrders: 1, refundAmount: 0 })
      expect(body.series.find((s: { date: string }) => s.date === '2025-02-20')).toEqual({ date: '2025-02-20', sales: 30000, paidOrders: 1, refundAmount: 0 })
      expect(body.series.find((s: { date: string }) => s.date === '2025-03-01')).toEqual({ date: '2025-03-01', sales: 0, paidOrders: 0, refundAmount: 5000 })
      const sum = (k: 'sales' | 'paidOrders' | 'refundAmount') => body.series.reduce((t: number, s: Record<string, number>) => t + s[k], 0)
      expect([sum('sales'), sum('paidOrders'), sum('refundAmount')]).toEqual([79011, 7, 13000])
      expect(body.topProducts.map((p: { productId: number; quantity: number; sales: number }) => [p.productId, p.quantity, p.sales])).toEqual([
        [ids.hoodie, 10, 50000],
        [ids.tee, 3, 15000],
        [ids.mug, 3, 13011],
      ])
    })

    it('defaults to today; refuses an unknown range in Chinese', async () => {
      expect((await get('')).range).toBe('today')
      const bad = await call(ctx.app, 'GET', '/api/admin/dashboard?range=year', { token: ADMIN_TOKEN })
      expect(bad.status).toBe(400)
      expect(bad.body.message).toContain('range 只能是')
      expect((await call(ctx.app, 'GET', '/api/admin/dashboard')).status).toBe(401)
    })
  },
  { now: () => NOW },
)
