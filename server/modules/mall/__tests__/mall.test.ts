import { expect, it } from 'vitest'
import type { Order } from '../../../../src/domain/contract'
import type { AdminMallItem, AdminRedemption, MallItemInput, MallItemView, RedeemResult } from '../../../../src/domain/points'
import { ADMIN_TOKEN, call, describeEachDb, skuId, staffToken } from '../../../test/helpers'
import { balance, grant, key, payOrder, ship, shopper } from './helpers'

let clock = new Date('2026-12-05T04:00:00.000Z')
const DAY = 86_400_000

describeEachDb(
  'points mall (积分商城): items, redeem races, coupon / gift / points + money, cancel',
  (ctx) => {
    const db = () => ctx.t.db
    const admin = <T = any>(method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) => call<T>(ctx.app, method, url, { token: ADMIN_TOKEN, body }) // eslint-disable-line @typescript-eslint/no-explicit-any
    const mug = () => skuId(db(), 'mug', { 颜色: '米白' }) // 3900
    const tee = () => skuId(db(), 'tee', { 颜色: '白色', 尺码: 'M' }) // 4900

    async function couponBatch(total = 100): Promise<number> {
      const b = await admin('POST', '/api/admin/coupon-batches', {
        title: '积分兑5元券',
        type: 'amount',
        value: 500,
        threshold: 0,
        claimStartsAt: new Date(clock.getTime() - 60_000).toISOString(),
        claimEndsAt: new Date(clock.getTime() + 30 * DAY).toISOString(),
        validity: { days: 7 },
        total,
      })
      expect(b.status, JSON.stringify(b.body)).toBe(201)
      return b.body.id as number
    }

    async function item(over: Partial<MallItemInput>): Promise<AdminMallItem> {
      const base: MallItemInput = { kind: 'gift', title: '积分好礼', image: '/api/images/mug-1.jpg', points: 100, price: 0, stock: 10, perUserLimit: null, couponBatchId: null, skuId: await mug(), active: true }
      const r = await admin<AdminMallItem>('POST', '/api/admin/mall-items', { ...base, ...over })
      expect(r.status, JSON.stringify(r.body)).toBe(201)
      return r.body
    }

    const redeem = (token: string, body: Record<string, unknown>) => call<RedeemResult & { code?: string }>(ctx.app, 'POST', '/api/points/redeem', { token, body })

    it('admin: items created, listed, edited (stock never below redeemed), checked per field, audited; marketing:read may only look', async () => {
      const batch = await couponBatch()
      const bad: [Partial<MallItemInput>, string][] = [
        [{ kind: 'coupon', couponBatchId: null, skuId: null }, 'couponBatchId'],
        [{ kind: 'coupon', couponBatchId: batch }, 'skuId'],
        [{ kind: 'gift', price: 100 }, 'price'],
        [{ kind: 'product', skuId: null }, 'skuId'],
        [{ points: 0 }, 'points'],
        [{ stock: -1 }, 'stock'],
        [{ perUserLimit: 0 }, 'perUserLimit'],
        [{ skuId: 999999 }, 'skuId'],
        [{ kind: 'coupon', couponBatchId: 999999, skuId: null }, 'couponBatchId'],
      ]
      for (const [over, field] of bad) {
        const r = await admin('POST', '/api/admin/mall-items', { kind: 'gift', title: '坏商品', image: '/x.jpg', points: 10, price: 0, stock: 1, perUserLimit: null, couponBatchId: null, skuId: await mug(), active: true, ...over })
        expect([r.status, r.body.field], JSON.stringify(over)).toEqual([400, field])
      }
      const created = await item({ kind: 'product', title: '马克杯 积分+现金', points: 500, price: 1900, stock: 2, perUserLimit: 1 })
      expect(created).toMatchObject({ kind: 'product', points: 500, price: 1900, stock: 2, redeemed: 0, perUserLimit: 1, active: true })
      expect((await admin<{ items: AdminMallItem[] }>('GET', '/api/admin/mall-items')).body.items.map((i) => i.id)).toContain(created.id)
      const edited = await admin<AdminMallItem>('PUT', `/api/admin/mall-items/${created.id}`, { ...created, stock: 5, title: '马克杯（新）' })
      expect(edited.body).toMatchObject({ id: created.id, stock: 5, title: '马克杯（新）' })
      expect((await admin('PUT', '/api/admin/mall-items/999999', { ...created })).status).toBe(404)

      // A redemption holds a unit: stock can't go below it.
      const s = await shopper(ctx)
      await grant(ctx, s.id, 500)
      expect((await redeem(s.token, { itemId: created.id, addressId: s.addressId })).status).toBe(201)
      expect((await admin('PUT', `/api/admin/mall-items/${created.id}`, { ...created, stock: 0 })).body).toMatchObject({ code: 'STOCK_BELOW_REDEEMED' })
      const audit = await db().one<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE entity = 'mall_item' AND entity_id = $1", [String(created.id)])
      expect(audit.n).toBe(2)

      const service = await staffToken(ctx.app, 'service')
      expect((await call(ctx.app, 'GET', '/api/admin/mall-items', { token: service })).status).toBe(200)
      expect((await call(ctx.app, 'GET', '/api/admin/mall-redemptions', { token: service })).status).toBe(200)
      expect((await call(ctx.app, 'POST', '/api/admin/mall-items', { token: service, body: created })).status).toBe(403)
      const list = await admin<{ items: AdminRedemption[]; total: number }>('GET', '/api/admin/mall-redemptions?page=1&pageSize=10')
      expect(list.body.items[0]).toMatchObject({ itemId: created.id, itemTitle: '马克杯（新）', kind: 'product', userId: s.id, points: 500, price: 1900, status: 'awaiting_payment' })

      // The shop's list: active items only, with the viewer's own count.
      await admin('PUT', `/api/admin/mall-items/${created.id}`, { ...created, stock: 5, active: false })
      const anon = await call<{ items: MallItemView[] }>(ctx.app, 'GET', '/api/mall/items')
      expect(anon.body.items.map((i) => i.id)).not.toContain(created.id)
      const other = await item({ title: '可见好礼', points: 50, stock: 3 })
      const seen = (await call<{ items: MallItemView[] }>(ctx.app, 'GET', '/api/mall/items', { token: s.token })).body.items.find((i) => i.id === other.id)
      expect(seen).toEqual({ id: other.id, kind: 'gift', title: '可见好礼', image: other.image, points: 50, price: 0, stockLeft: 3, perUserLimit: null, redeemed: 0 })
      expect((await call(ctx.app, 'GET', '/api/mall/items', { token: 'bad' })).status).toBe(401)
    })

    it('points for one redemption, 5 redeems at once: one succeeds, the others 409 POINTS_NOT_ENOUGH with nothing written', async () => {
      const it1 = await item({ kind: 'coupon', skuId: null, couponBatchId: await couponBatch(), points: 300, stock: 100 })
      const s = await shopper(ctx)
      await grant(ctx, s.id, 300)
      const results = await Promise.all(Array.from({ length: 5 }, () => redeem(s.token, { itemId: it1.id, idempotencyKey: key() })))
      const ok = results.filter((r) => r.status === 201)
      expect(ok).toHaveLength(1)
      expect(ok[0].body).toMatchObject({ balance: 0, status: 'done', orderId: null, couponId: expect.any(Number) })
      expect(results.filter((r) => r.status === 409).map((r) => r.body.code)).toEqual(Array(4).fill('POINTS_NOT_ENOUGH'))
      expect(await balance(ctx, s.id)).toBe(0)
      expect((await db().one<{ n: number }>('SELECT count(*)::int AS n FROM mall_redemptions WHERE user_id = $1', [s.id])).n).toBe(1)
      expect((await db().one<{ n: number }>('SELECT count(*)::int AS n FROM user_coupons WHERE user_id = $1', [s.id])).n).toBe(1)
      expect((await admin<{ items: AdminMallItem[] }>('GET', '/api/admin/mall-items')).body.items.find((i) => i.id === it1.id)?.redeemed).toBe(1)
    })

    it('an item with stock 1 and 10 shoppers at once: one gets it, nine 409 MALL_SOLD_OUT keep their points', async () => {
      const one = await item({ kind: 'coupon', skuId: null, couponBatchId: await couponBatch(), points: 100, stock: 1 })
      const shoppers = await Promise.all(Array.from({ length: 10 }, () => shopper(ctx)))
      for (const s of shoppers) await grant(ctx, s.id, 150)
      const results = await Promise.all(shoppers.map((s) => redeem(s.token, { itemId: one.id })))
      expect(results.filter((r) => r.status === 201)).toHaveLength(1)
      expect(results.filter((r) => r.status === 409).map((r) => r.body.code)).toEqual(Array(9).fill('MALL_SOLD_OUT'))
      const balances = await Promise.all(shoppers.map((s) => balance(ctx, s.id)))
      expect(balances.sort((a, b) => a - b)).toEqual([50, ...Array(9).fill(150)])
      expect((await db().one<{ redeemed: number }>('SELECT redeemed FROM mall_items WHERE id = $1', [one.id])).redeemed).toBe(1)
    })

    it('a coupon item issues a usable coupon; a repeated key answers the first redemption; the per-user limit holds', async () => {
      const it1 = await item({ kind: 'coupon', skuId: null, couponBatchId: await couponBatch(), points: 100, stock: 10, perUserLimit: 1 })
      const s = await shopper(ctx)
      await grant(ctx, s.id, 250)
      const k = key()
      const first = await redeem(s.token, { itemId: it1.id, idempotencyKey: k })
      expect(first.status, JSON.stringify(first.body)).toBe(201)
      expect(first.body).toMatchObject({ balance: 150, status: 'done', orderId: null })
      const again = await redeem(s.token, { itemId: it1.id, idempotencyKey: k })
      expect(again.body).toEqual(first.body)
      expect((await redeem(s.token, { itemId: it1.id })).body.code).toBe('MALL_LIMIT')
      expect(await balance(ctx, s.id)).toBe(150)

      const mine = await call(ctx.app, 'GET', '/api/coupons?status=usable', { token: s.token })
      expect(mine.body.items.map((c: { id: number }) => c.id)).toEqual([first.body.couponId])
      // Usable: an order with it takes 5 yuan off.
      const order = await call<Order>(ctx.app, 'POST', '/api/orders', { token: s.token, body: { items: [{ skuId: await mug(), quantity: 1 }], addressId: s.addressId, idempotencyKey: key(), couponIds: [first.body.couponId] } })
      expect(order.status, JSON.stringify(order.body)).toBe(201)
      expect(order.body.total).toBe(order.body.subtotal + order.body.shipping - order.body.discount)
      expect(order.body.discounts.some((d) => d.source === 'coupon' && d.amount === 500)).toBe(true)

      expect((await redeem(s.token, { itemId: 999999 })).status).toBe(404)
      expect((await call(ctx.app, 'POST', '/api/points/redeem', { body: { itemId: it1.id } })).status).toBe(401)
    })

    it('a gift: needs an address, makes an order paid at once for points only, which ships like any order', async () => {
      const gift = await item({ kind: 'gift', title: '积分兑马克杯', points: 800, stock: 5 })
      const s = await shopper(ctx)
      await grant(ctx, s.id, 1000)
      expect((await redeem(s.token, { itemId: gift.id })).body.code).toBe('ADDRESS_REQUIRED')
      const r = await redeem(s.token, { itemId: gift.id, addressId: s.addressId })
      expect(r.status, JSON.stringify(r.body)).toBe(201)
      expect(r.body).toMatchObject({ balance: 200, status: 'done', couponId: null, orderId: expect.any(Number) })
      const order = (await call<Order>(ctx.app, 'GET', `/api/orders/${r.body.orderId}`, { token: s.token })).body
      expect(order).toMatchObject({ status: 'paid', total: 0, shipping: 0, address: { name: '王积分' } })
      expect(order.discounts).toEqual([expect.objectContaining({ source: 'mall', kind: 'points_redeem', id: gift.id, label: '积分兑换', amount: 3900 })])
      expect((await db().one<{ n: number }>('SELECT count(*)::int AS n FROM payments WHERE order_id = $1', [order.id])).n).toBe(0)
      await ship(ctx, order.id)
      expect((await call<Order>(ctx.app, 'GET', `/api/orders/${order.id}`, { token: s.token })).body.status).toBe('shipped')
    })

    it('points + money: the order waits for payment and is paid through the sandbox pay flow; the redemption is then done; a full refund returns the points', async () => {
      const product = await item({ kind: 'product', title: 'T恤 积分+现金', skuId: await tee(), points: 300, price: 1900, stock: 5 })
      const s = await shopper(ctx)
      await grant(ctx, s.id, 300)
      const r = await redeem(s.token, { itemId: product.id, addressId: s.addressId, idempotencyKey: key() })
      expect(r.status, JSON.stringify(r.body)).toBe(201)
      expect(r.body).toMatchObject({ balance: 0, status: 'awaiting_payment' })
      const order = (await call<Order>(ctx.app, 'GET', `/api/orders/${r.body.orderId}`, { token: s.token })).body
      expect(order).toMatchObject({ status: 'created', total: 1900, subtotal: 4900, discount: 3000 })
      await payOrder(ctx, s.token, order.id)
      expect((await call<Order>(ctx.app, 'GET', `/api/orders/${order.id}`, { token: s.token })).body.status).toBe('paid')
      expect((await db().one<{ status: string }>('SELECT status FROM mall_redemptions WHERE id = $1', [r.body.redemptionId])).status).toBe('done')

      // Refunded in full: the money goes back through the refunds module, the points with it (once).
      const refund = await admin('POST', `/api/admin/orders/${order.id}/refunds`, { reason: '不想要了' })
      expect(refund.status, JSON.stringify(refund.body)).toBe(201)
      expect(await balance(ctx, s.id)).toBe(300)
      expect((await db().one<{ status: string }>('SELECT status FROM mall_redemptions WHERE id = $1', [r.body.redemptionId])).status).toBe('cancelled')
    })

    it('an unpaid points + money order cancelled (or closed) gives back the points and the unit once; the redemption is cancelled', async () => {
      const product = await item({ kind: 'product', title: '马克杯 积分+现金', points: 400, price: 900, stock: 1, perUserLimit: 1 })
      const s = await shopper(ctx)
      await grant(ctx, s.id, 400)
      const r = await redeem(s.token, { itemId: product.id, addressId: s.addressId })
      expect(r.status, JSON.stringify(r.body)).toBe(201)
      expect(await balance(ctx, s.id)).toBe(0)
      expect((await call(ctx.app, 'POST', `/api/orders/${r.body.orderId}/cancel`, { token: s.token })).status).toBe(200)
      expect(await balance(ctx, s.id)).toBe(400)
      expect((await call(ctx.app, 'POST', `/api/orders/${r.body.orderId}/cancel`, { token: s.token })).status).toBe(409)
      expect(await balance(ctx, s.id)).toBe(400)
      expect((await db().one<{ status: string }>('SELECT status FROM mall_redemptions WHERE id = $1', [r.body.redemptionId])).status).toBe('cancelled')
      expect((await db().one<{ redeemed: number }>('SELECT redeemed FROM mall_items WHERE id = $1', [product.id])).redeemed).toBe(0)
      const entries = await db().query<{ kind: string; delta: number }>("SELECT kind, delta FROM points_entries WHERE user_id = $1 AND kind <> 'admin' ORDER BY id", [s.id])
      expect(entries.rows).toEqual([{ kind: 'mall', delta: -400 }, { kind: 'return', delta: 400 }])

      // The unit is free again (stock 1, limit 1): redeemed again, then the order times out and closes.
      const again = await redeem(s.token, { itemId: product.id, addressId: s.addressId })
      expect(again.status, JSON.stringify(again.body)).toBe(201)
      clock = new Date(clock.getTime() + DAY)
      expect(await ctx.app.sweepExpiredOrders()).toBeGreaterThanOrEqual(1)
      expect(await balance(ctx, s.id)).toBe(400)
      expect((await db().one<{ redeemed: number }>('SELECT redeemed FROM mall_items WHERE id = $1', [product.id])).redeemed).toBe(0)
    })
  },
  { now: () => clock, sandboxNotifyDelayMs: null },
)
