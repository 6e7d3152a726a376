import { beforeEach, expect, it } from 'vitest'
import { ADMIN_TOKEN, call, describeEachDb, login, skuId, stockOf } from '../../../test/helpers'
import type { SandboxPay } from '../../../platforms'
import { platformUser, postNotify } from '../../payments/__tests__/helpers'
import { DAY, claimCoupon, createBatch, createPromotion, endAll, key } from './support'

const clock = { t: Date.parse('2026-06-01T08:00:00Z') }

describeEachDb(
  'coupons on orders',
  (ctx) => {
    const hoodieL = () => skuId(ctx.t.db, 'hoodie', { 尺码: 'L' }) // 19900, tops
    const mugWhite = () => skuId(ctx.t.db, 'mug', { 颜色: '米白' }) // 3900, cups
    const couponStatus = async (id: number) => (await ctx.t.db.one<{ status: string; order_id: number | null }>('SELECT status, order_id FROM user_coupons WHERE id = $1', [id]))
    const usableIds = async (token: string) => (await call(ctx.app, 'GET', '/api/coupons?status=usable', { token })).body.items.map((c: { id: number }) => c.id)

    beforeEach(async () => {
      await endAll(ctx.app)
      await ctx.t.db.query('UPDATE skus SET stock = 1000 WHERE id = ANY($1::int[])', [[await hoodieL(), await mugWhite()]])
    })

    it('a coupon used on an order is usable again after the order closes unpaid (sweeper), and after a cancel', async () => {
      const batch = await createBatch(ctx.app, { title: '满100减10', value: 1000, threshold: 10000, perUserLimit: 2, validity: { days: 30 } })
      const token = await login(ctx.app)
      const c1 = await claimCoupon(ctx.app, token, batch.id)
      const c2 = await claimCoupon(ctx.app, token, batch.id)
      const items = [{ skuId: await hoodieL(), quantity: 1 }]
      // The engine picks the best (the one expiring first, then the lower id: c1).
      const first = await call(ctx.app, 'POST', '/api/orders', { token, body: { items, idempotencyKey: key() } })
      expect(first.status).toBe(201)
      expect(first.body).toMatchObject({ subtotal: 19900, discount: 1000, total: 18900 })
      expect(first.body.discounts).toEqual([expect.objectContaining({ source: 'coupon', id: c1.id, kind: 'coupon', amount: 1000 })])
      expect(await couponStatus(c1.id)).toEqual({ status: 'used', order_id: first.body.id })
      expect(await usableIds(token)).toEqual([c2.id])
      // Past ORDER_TTL: the sweeper closes it and the coupon comes back.
      clock.t += 60_001
      expect(await ctx.app.sweepExpiredOrders()).toBe(1)
      expect(await couponStatus(c1.id)).toEqual({ status: 'available', order_id: null })
      expect(await usableIds(token)).toEqual([c1.id, c2.id])
      // Again, with the shopper's own choice, then a cancel.
      const second = await call(ctx.app, 'POST', '/api/orders', { token, body: { items, idempotencyKey: key(), couponIds: [c2.id] } })
      expect(second.body.discounts.map((d: { id: number }) => d.id)).toEqual([c2.id])
      expect(await usableIds(token)).toEqual([c1.id])
      expect((await call(ctx.app, 'POST', `/api/orders/${second.body.id}/cancel`, { token })).status).toBe(200)
      expect(await couponStatus(c2.id)).toEqual({ status: 'available', order_id: null })
      expect(await usableIds(token)).toEqual([c1.id, c2.id])
      expect((await call(ctx.app, 'GET', '/api/coupons?status=used', { token })).body.items).toEqual([])
    })

    it('an explicit bad coupon choice answers 409 with nothing changed: not held (another shopper\'s), below its threshold, two shop coupons', async () => {
      const big = await createBatch(ctx.app, { title: '满500减50', value: 5000, threshold: 50000 })
      const shop = await createBatch(ctx.app, { title: '无门槛3元', value: 300 })
      const shop2 = await createBatch(ctx.app, { title: '无门槛2元', value: 200 })
      const token = await login(ctx.app)
      const other = await login(ctx.app)
      const mine = await claimCoupon(ctx.app, token, big.id)
      const a = await claimCoupon(ctx.app, token, shop.id)
      const b = await claimCoupon(ctx.app, token, shop2.id)
      const theirs = await claimCoupon(ctx.app, other, shop.id)
      const sku = await mugWhite()
      const stock = await stockOf(ctx.t.db, sku)
      const orders = async () => (await ctx.t.db.one<{ n: number }>('SELECT count(*)::int AS n FROM orders')).n
      const before = await orders()
      const cases: [number[], string][] = [
        [[theirs.id], 'COUPON_NOT_HELD'],
        [[mine.id], 'COUPON_NOT_USABLE'],
        [[a.id, b.id], 'COUPONS_DO_NOT_STACK'],
        [[999999], 'COUPON_NOT_HELD'],
      ]
      for (const [couponIds, code] of cases) {
        const body = { items: [{ skuId: sku, quantity: 2 }], couponIds }
        const preview = await call(ctx.app, 'POST', '/api/orders/preview', { token, body })
        expect(preview.status).toBe(409)
        expect(preview.body.code).toBe(code)
        const res = await call(ctx.app, 'POST', '/api/orders', { token, body: { ...body, idempotencyKey: key() } })
        expect(res.status).toBe(409)
        expect(res.body.code).toBe(code)
        expect(res.body.message).toMatch(/[\u4e00-\u9fa5]/)
      }
      expect((await call(ctx.app, 'POST', '/api/orders/preview', { token, body: { items: [{ skuId: sku, quantity: 2 }], couponIds: [mine.id] } })).body.message).toContain('满500减50')
      expect(await stockOf(ctx.t.db, sku)).toBe(stock)
      expect(await orders()).toBe(before)
      for (const c of [mine, a, b, theirs]) expect(await couponStatus(c.id)).toEqual({ status: 'available', order_id: null })
      // The other shopper's coupon is still theirs to use.
      const theirsUsed = await call(ctx.app, 'POST', '/api/orders', { token: other, body: { items: [{ skuId: sku, quantity: 1 }], couponIds: [theirs.id], idempotencyKey: key() } })
      expect(theirsUsed.status).toBe(201)
      expect(theirsUsed.body.discount).toBe(300)
    })

    it('the same coupon on two orders at once: one order gets it, the other is refused and leaves nothing behind', async () => {
      const batch = await createBatch(ctx.app, { title: '无门槛10元', value: 1000 })
      const token = await login(ctx.app)
      const c = await claimCoupon(ctx.app, token, batch.id)
      const sku = await mugWhite()
      const stock = await stockOf(ctx.t.db, sku)
      const results = await Promise.all(
        [1, 2].map(() => call(ctx.app, 'POST', '/api/orders', { token, body: { items: [{ skuId: sku, quantity: 1 }], couponIds: [c.id], idempotencyKey: key() } })),
      )
      expect(results.map((r) => r.status).sort()).toEqual([201, 409])
      const refused = results.find((r) => r.status === 409) as { body: { code: string } }
      expect(['COUPON_NOT_USABLE', 'COUPON_NOT_HELD']).toContain(refused.body.code)
      const won = results.find((r) => r.status === 201) as { body: { id: number } }
      expect(await couponStatus(c.id)).toEqual({ status: 'used', order_id: won.body.id })
      expect(await stockOf(ctx.t.db, sku)).toBe(stock - 1)
    })

    it('two orders at once with the engine choosing: the coupon goes on one, the other is placed without it', async () => {
      const batch = await createBatch(ctx.app, { title: '无门槛6元', value: 600 })
      const token = await login(ctx.app)
      const c = await claimCoupon(ctx.app, token, batch.id)
      const sku = await mugWhite()
      const results = await Promise.all([1, 2].map(() => call(ctx.app, 'POST', '/api/orders', { token, body: { items: [{ skuId: sku, quantity: 1 }], idempotencyKey: key() } })))
      expect(results.map((r) => r.status)).toEqual([201, 201])
      expect(results.map((r) => r.body.discount).sort()).toEqual([0, 600])
      const withCoupon = results.find((r) => r.body.discount === 600) as { body: { id: number } }
      expect(await couponStatus(c.id)).toEqual({ status: 'used', order_id: withCoupon.body.id })
    })

    it('the order keeps the breakdown it was priced with, equal to the preview; client-sent prices and discounts are ignored', async () => {
      const tops = (await ctx.t.db.one<{ id: number }>("SELECT id FROM categories WHERE key = 'tops'")).id
      await createPromotion(ctx.app, { kind: 'full_reduction', name: '满200减20', scope: { type: 'all' }, tiers: [{ threshold: 20000, off: 2000 }, { threshold: 40000, off: 5000 }] })
      const batch = await createBatch(ctx.app, { title: '上衣9折', type: 'percent', value: 90, cap: 1500, scope: { type: 'categories', categoryIds: [tops] } })
      const token = await login(ctx.app)
      const coupon = await claimCoupon(ctx.app, token, batch.id)
      const items = [
        { skuId: await hoodieL(), quantity: 1, unitPrice: 1 },
        { skuId: await mugWhite(), quantity: 1, price: 1 },
      ]
      const preview = await call(ctx.app, 'POST', '/api/orders/preview', { token, body: { items, total: 1, discount: 99999 } })
      expect(preview.status).toBe(200)
      // 19900 + 3900 = 23800 ≥ 20000: 满200减20, then the tops coupon: 10% of the hoodie after its share, capped at 15.00.
      expect(preview.body.subtotal).toBe(23800)
      expect(preview.body.applied.map((a: { label: string }) => a.label)).toEqual(['满200减20', '上衣9折券'])
      expect(preview.body.selectedCouponIds).toEqual([coupon.id])
      expect(preview.body.coupons).toEqual([expect.objectContaining({ couponId: coupon.id, usable: true, selected: true, title: '上衣9折', scopeText: '限「上衣」分类', type: 'percent', value: 90, cap: 1500 })])
      const sum = preview.body.lines.reduce((n: number, l: { discount: number }) => n + l.discount, 0)
      expect(sum).toBe(preview.body.discount)
      for (const l of preview.body.lines) expect(l.payable).toBe(l.lineTotal - l.discount)
      const order = await call(ctx.app, 'POST', '/api/orders', { token, body: { items, idempotencyKey: key(), total: 1, discounts: [], subtotal: 1 } })
      expect(order.status).toBe(201)
      expect(order.body).toMatchObject({ subtotal: preview.body.subtotal, shipping: preview.body.shipping, discount: preview.body.discount, total: preview.body.total })
      expect(order.body.discounts).toEqual(preview.body.applied)
      expect(order.body.items.map((i: { skuId: number; discount: number; unitPrice: number }) => [i.skuId, i.unitPrice, i.discount])).toEqual(
        preview.body.lines.map((l: { skuId: number; discount: number; unitPrice: number }) => [l.skuId, l.unitPrice, l.discount]),
      )
      // Read back later: the same breakdown, even after the promotion ended.
      await call(ctx.app, 'POST', '/api/admin/promotions/' + (await ctx.t.db.one<{ id: number }>("SELECT max(id)::int AS id FROM promotions WHERE kind = 'full_reduction'")).id + '/end', { token: ADMIN_TOKEN })
      const stored = await call(ctx.app, 'GET', `/api/orders/${order.body.id}`, { token })
      expect(stored.body.discounts).toEqual(preview.body.applied)
      expect(stored.body.items.map((i: { discount: number }) => i.discount)).toEqual(preview.body.lines.map((l: { discount: number }) => l.discount))
      const listed = await call(ctx.app, 'GET', '/api/orders', { token })
      expect(listed.body.items[0].discounts).toEqual(preview.body.applied)
    })

    it('the cart previews with the shopper\'s best coupons; a guest preview has no coupons', async () => {
      const batch = await createBatch(ctx.app, { title: '无门槛8元', value: 800 })
      const token = await login(ctx.app)
      const c = await claimCoupon(ctx.app, token, batch.id)
      const sku = await mugWhite()
      await call(ctx.app, 'POST', '/api/cart/lines', { token, body: { skuId: sku, quantity: 1 } })
      const cart = await call(ctx.app, 'GET', '/api/cart', { token })
      expect(cart.body.preview).toMatchObject({ subtotal: 3900, discount: 800, total: 3900 - 800 + 1000, selectedCouponIds: [c.id] })
      expect(cart.body.preview.lines[0]).toMatchObject({ skuId: sku, discount: 800, payable: 3100, labels: ['无门槛8元券'] })
      expect(cart.body.lines[0]).not.toHaveProperty('categoryId')
      const guest = await call(ctx.app, 'POST', '/api/pricing/preview', { body: { items: [{ skuId: sku, quantity: 1 }] } })
      expect(guest.body).toMatchObject({ discount: 0, total: 4900, coupons: [], selectedCouponIds: [], applied: [], nudges: [] })
      // couponIds [] = none.
      expect((await call(ctx.app, 'POST', '/api/orders/preview', { token, body: { items: [{ skuId: sku, quantity: 1 }], couponIds: [] } })).body).toMatchObject({ discount: 0, selectedCouponIds: [] })
    })

    it('a paid order keeps its coupon; a partial refund gives back what was paid for the line (its stored discount share)', async () => {
      const batch = await createBatch(ctx.app, { title: '满200减30', value: 3000, threshold: 20000, validity: { days: 3 } })
      const token = await platformUser(ctx.app, 'weapp')
      const c = await claimCoupon(ctx.app, token, batch.id)
      const [hoodie, mug] = [await hoodieL(), await mugWhite()]
      const o = await call(ctx.app, 'POST', '/api/orders', { token, body: { items: [{ skuId: hoodie, quantity: 1 }, { skuId: mug, quantity: 2 }], idempotencyKey: key() } })
      expect(o.status).toBe(201)
      expect(o.body.discount).toBe(3000)
      const sandbox = ctx.app.payments.providers.sandbox as SandboxPay
      expect((await call(ctx.app, 'POST', `/api/orders/${o.body.id}/pay`, { token })).status).toBe(200)
      const out = (await ctx.t.db.one<{ out_trade_no: string }>('SELECT out_trade_no FROM payments WHERE order_id = $1', [o.body.id])).out_trade_no
      sandbox.settle(out)
      expect((await postNotify(ctx.app, 'wechat', sandbox.wechatNotify(out))).statusCode).toBeLessThan(300)
      expect((await call(ctx.app, 'GET', `/api/orders/${o.body.id}`, { token })).body.status).toBe('paid')
      expect(await couponStatus(c.id)).toEqual({ status: 'used', order_id: o.body.id })
      const mugLine = o.body.items.find((i: { skuId: number }) => i.skuId === mug)
      expect(mugLine.discount).toBeGreaterThan(0)
      const refund = await call(ctx.app, 'POST', `/api/admin/orders/${o.body.id}/refunds`, { token: ADMIN_TOKEN, body: { lines: [{ skuId: mug, quantity: 2 }], reason: '不想要了' } })
      expect(refund.status).toBe(201)
      expect(refund.body.amount).toBe(mugLine.lineTotal - mugLine.discount)
      // Refunds don't return coupons: the money went back, the coupon was spent.
      expect(await couponStatus(c.id)).toEqual({ status: 'used', order_id: o.body.id })
    })
  },
  { now: () => new Date(clock.t), config: { orderTtlMs: 60_000 }, sandboxNotifyDelayMs: null },
)

void DAY
