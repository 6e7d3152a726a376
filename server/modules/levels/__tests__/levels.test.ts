import { beforeAll, expect, it } from 'vitest'
import type { Order, PricePreview, Refund } from '../../../../src/domain/contract'
import { DEFAULT_LEVELS, type Level, type LevelLadder, type MyLevel } from '../../../../src/domain/levels'
import { SHIPPING_FEE } from '../../../../src/domain/pricing'
import { ADMIN_TOKEN, call, describeEachDb, productId, skuId, staffToken, testKey } from '../../../test/helpers'
import { payThroughAlipay, shopperWithAddress } from '../../../test/orders'

/** 15 June 2027, noon in Shanghai: the birthday shoppers below have today's birthday. */
const START = new Date('2027-06-15T04:00:00Z')
let clock = START
const changes: { userId: number; from: number; to: number }[] = []

const level = (rank: number, name: string, threshold: number, benefits: Partial<Level['benefits']> = {}): Level => ({
  rank,
  name,
  threshold,
  benefits: { freeShippingThreshold: null, pointsMultiplier: 1, birthdayCouponBatchId: null, ...benefits },
})

describeEachDb(
  'member levels (会员等级): growth, benefits in prices and points, birthday coupons, the console ladder',
  (ctx) => {
    let n = 0
    let birthdayBatch = 0
    const db = () => ctx.t.db
    const mug = () => skuId(db(), 'mug', { 颜色: '米白' }) // 3900
    const tee = () => skuId(db(), 'tee', { 颜色: '白色', 尺码: 'M' }) // 4900
    /** Small thresholds so a few mugs move a shopper up: 银卡 from 100, 金卡 from 300. */
    const ladder = (): Level[] => [
      level(0, '普通会员', 0),
      level(1, '银卡会员', 100, { freeShippingThreshold: 6900, pointsMultiplier: 1.2 }),
      level(2, '金卡会员', 300, { freeShippingThreshold: 0, pointsMultiplier: 1.5, birthdayCouponBatchId: birthdayBatch }),
      level(3, '黑金会员', 8000, { freeShippingThreshold: 0, pointsMultiplier: 2 }),
    ]

    const shopper = () => shopperWithAddress(ctx.app, `等级用户${++n}`)
    type Shopper = Awaited<ReturnType<typeof shopper>>
    const me = async (u: Shopper) => (await call<MyLevel>(ctx.app, 'GET', '/api/levels/me', { token: u.token })).body
    const order = async (u: Shopper, items: { skuId: number; quantity: number }[]) => {
      const r = await call<Order>(ctx.app, 'POST', '/api/orders', { token: u.token, body: { items, addressId: u.addressId, idempotencyKey: testKey('lv') } })
      expect(r.status, JSON.stringify(r.body)).toBe(201)
      return r.body
    }
    const paidOrder = async (u: Shopper, items: { skuId: number; quantity: number }[]) => {
      const o = await order(u, items)
      await payThroughAlipay(ctx.app, u.token, o.id)
      return o
    }
    /** A shopper at 金卡 (3 + 3 + 2 mugs: 117 + 117 + 78 = 312 growth). */
    const goldShopper = async () => {
      const u = await shopper()
      const m = await mug()
      await paidOrder(u, [{ skuId: m, quantity: 3 }])
      await paidOrder(u, [{ skuId: m, quantity: 3 }])
      await paidOrder(u, [{ skuId: m, quantity: 2 }])
      expect((await me(u)).level.rank).toBe(2)
      return u
    }

    beforeAll(async () => {
      const batch = await call(ctx.app, 'POST', '/api/admin/coupon-batches', {
        token: ADMIN_TOKEN,
        body: { title: '生日券', type: 'amount', value: 2000, claimStartsAt: '2027-01-01T00:00:00+08:00', claimEndsAt: '2028-12-31T00:00:00+08:00', validity: { days: 30 }, total: 1000 },
      })
      expect(batch.status, JSON.stringify(batch.body)).toBe(201)
      birthdayBatch = batch.body.id
      const saved = await call<LevelLadder>(ctx.app, 'PUT', '/api/admin/levels', { token: ADMIN_TOKEN, body: { levels: ladder() } })
      expect(saved.status, JSON.stringify(saved.body)).toBe(200)
    })

    it('growth after a paid order; a partial refund takes back its share, the rest takes back all of it (once each)', async () => {
      clock = START
      changes.length = 0 // one array for both backends' runs (their user ids coincide)
      const u = await shopper()
      const m = await mug()
      const o = await paidOrder(u, [{ skuId: m, quantity: 3 }]) // 11700, free shipping: 117 growth
      expect(o.total).toBe(11700)
      expect(await me(u)).toMatchObject({ growth: 117, level: { rank: 1, name: '银卡会员' }, next: { rank: 2, gap: 183 }, birthday: null })
      // The paid notify again: nothing more.
      await db().tx((q) => ctx.app.levels.onOrderTransition(q, o.id, 'paid', clock))
      expect((await me(u)).growth).toBe(117)

      const part = await call<Refund>(ctx.app, 'POST', `/api/admin/orders/${o.id}/refunds`, { token: ADMIN_TOKEN, body: { lines: [{ skuId: m, quantity: 1 }], reason: '少发一件' } })
      expect(part.body, JSON.stringify(part.body)).toMatchObject({ status: 'succeeded', amount: 3900 })
      expect(await me(u)).toMatchObject({ growth: 78, level: { rank: 0 } })
      await db().tx((q) => ctx.app.levels.onRefundFinished(q, part.body))
      expect((await me(u)).growth).toBe(78)

      const rest = await call<Refund>(ctx.app, 'POST', `/api/admin/orders/${o.id}/refunds`, { token: ADMIN_TOKEN, body: { reason: '全部退款' } })
      expect(rest.body.status).toBe('succeeded')
      expect((await me(u)).growth).toBe(0)
      const entries = await db().query<{ kind: string; delta: number }>('SELECT kind, delta FROM growth_entries WHERE order_id = $1 ORDER BY id', [o.id])
      expect(entries.rows).toEqual([
        { kind: 'order', delta: 117 },
        { kind: 'take_back', delta: -39 },
        { kind: 'take_back', delta: -78 },
      ])
      // The rank moved up with the order and down with the first refund, in those transactions.
      expect(changes.filter((c) => c.userId === u.id)).toEqual([
        { userId: u.id, from: 0, to: 1 },
        { userId: u.id, from: 1, to: 0 },
      ])
    })

    it('levels up across thresholds; /api/levels/me shows the next level and the gap; points earn × the level held when paying', async () => {
      clock = START
      changes.length = 0
      const u = await shopper()
      const m = await mug()
      const points = () => ctx.app.points.balanceOf(u.id)
      expect(await me(u)).toMatchObject({ growth: 0, level: { rank: 0 }, next: { rank: 1, name: '银卡会员', gap: 100 } })
      await paidOrder(u, [{ skuId: m, quantity: 3 }]) // base level: 117 points
      expect(await points()).toBe(117)
      await paidOrder(u, [{ skuId: m, quantity: 3 }]) // 银卡 × 1.2: 140
      expect(await points()).toBe(117 + 140)
      expect(await me(u)).toMatchObject({ growth: 234, level: { rank: 1 }, next: { rank: 2, name: '金卡会员', gap: 66 } })
      await paidOrder(u, [{ skuId: m, quantity: 2 }]) // 7800, 银卡 × 1.2: 93; growth 312 → 金卡
      expect(await points()).toBe(117 + 140 + 93)
      const view = await me(u)
      expect(view).toMatchObject({ growth: 312, level: { rank: 2, name: '金卡会员' }, next: { rank: 3, name: '黑金会员', gap: 7688 } })
      expect(view.levels.map((l) => l.name)).toEqual(['普通会员', '银卡会员', '金卡会员', '黑金会员'])
      const o = await paidOrder(u, [{ skuId: m, quantity: 1 }]) // 金卡: free shipping, 39 × 1.5 = 58
      expect([o.shipping, o.total]).toEqual([0, 3900])
      expect(await points()).toBe(117 + 140 + 93 + 58)
      expect(changes.filter((c) => c.userId === u.id).map((c) => [c.from, c.to])).toEqual([
        [0, 1],
        [1, 2],
      ])
    })

    it("a level's free-shipping threshold in the preview: 银卡 from 69 yuan, 金卡 always, the base level the shop's 99", async () => {
      clock = START
      const m = await mug()
      const base = await shopper()
      const silver = await shopper()
      await paidOrder(silver, [{ skuId: m, quantity: 3 }])
      const preview = async (u: Shopper, quantity: number) => (await call<PricePreview>(ctx.app, 'POST', '/api/orders/preview', { token: u.token, body: { items: [{ skuId: m, quantity }] } })).body
      expect(await preview(base, 2)).toMatchObject({ subtotal: 7800, shipping: SHIPPING_FEE, freeShippingGap: 2100 })
      expect(await preview(silver, 1)).toMatchObject({ subtotal: 3900, shipping: SHIPPING_FEE, freeShippingGap: 3000 })
      expect(await preview(silver, 2)).toMatchObject({ subtotal: 7800, shipping: 0, freeShippingGap: 0, total: 7800 })
      const gold = await goldShopper()
      expect(await preview(gold, 1)).toMatchObject({ shipping: 0, freeShippingGap: 0, total: 3900 })
      // The cart prices with the level too.
      expect((await call(ctx.app, 'POST', '/api/cart/lines', { token: gold.token, body: { skuId: m, quantity: 1 } })).status).toBe(200)
      expect((await call(ctx.app, 'GET', '/api/cart', { token: gold.token })).body.preview).toMatchObject({ subtotal: 3900, shipping: 0 })
    })

    it('a 金卡 member price (minLevel 2) in the preview and the placed order, paid without a membership; not for 银卡', async () => {
      clock = START
      const created = await call(ctx.app, 'POST', '/api/admin/promotions', {
        token: ADMIN_TOKEN,
        body: { kind: 'member_price', name: '金卡会员价', startsAt: '2027-06-01T00:00:00+08:00', endsAt: '2027-12-31T00:00:00+08:00', scope: { type: 'products', productIds: [await productId(db(), 'tee')] }, percent: 80, minLevel: 2 },
      })
      expect(created.status, JSON.stringify(created.body)).toBe(201)
      expect(created.body).toMatchObject({ kind: 'member_price', minLevel: 2, percent: 80 })
      const body = { kind: 'member_price', name: '黑金价', startsAt: '2027-06-01T00:00:00+08:00', endsAt: '2027-12-31T00:00:00+08:00', scope: { type: 'all' }, percent: 70, minLevel: 11 }
      const bad = await call(ctx.app, 'POST', '/api/admin/promotions', { token: ADMIN_TOKEN, body })
      expect([bad.status, bad.body.field]).toEqual([400, 'minLevel'])

      const t = await tee()
      const items = [{ skuId: t, quantity: 1 }]
      const silver = await shopper()
      await paidOrder(silver, [{ skuId: await mug(), quantity: 3 }])
      const silverPreview = await call<PricePreview>(ctx.app, 'POST', '/api/orders/preview', { token: silver.token, body: { items } })
      expect(silverPreview.body).toMatchObject({ subtotal: 4900, discount: 0, applied: [] })

      const gold = await goldShopper()
      const preview = await call<PricePreview>(ctx.app, 'POST', '/api/orders/preview', { token: gold.token, body: { items } })
      expect(preview.body).toMatchObject({ subtotal: 4900, discount: 980, shipping: 0, total: 3920 })
      expect(preview.body.applied).toEqual([{ source: 'promotion', id: created.body.id, kind: 'member_price', label: '会员价', amount: 980, lines: [{ skuId: t, amount: 980 }], minLevel: 2 }])
      const o = await order(gold, items)
      expect([o.discount, o.total]).toEqual([980, 3920])
      // No paid membership needed to pay a level's price (the membership's MEMBER_PRICE_ENDED check is for its own price).
      await payThroughAlipay(ctx.app, gold.token, o.id)
      expect((await call<Order>(ctx.app, 'GET', `/api/orders/${o.id}`, { token: gold.token })).body.status).toBe('paid')
      expect((await call(ctx.app, 'POST', `/api/admin/promotions/${created.body.id}/end`, { token: ADMIN_TOKEN })).status).toBe(200)
    })

    it('the birthday: set once (409 after, 400 for a bad day); its level’s coupon once a year with two sweepers at once', async () => {
      clock = START
      const gold = await goldShopper()
      const plain = await shopper()
      expect((await call(ctx.app, 'PUT', '/api/levels/me/birthday', { token: gold.token, body: { birthday: '02-30' } })).body).toMatchObject({ code: 'BAD_INPUT', field: 'birthday' })
      const set = await call<MyLevel>(ctx.app, 'PUT', '/api/levels/me/birthday', { token: gold.token, body: { birthday: '06-15' } })
      expect([set.status, set.body.birthday]).toEqual([200, '06-15'])
      const again = await call(ctx.app, 'PUT', '/api/levels/me/birthday', { token: gold.token, body: { birthday: '06-16' } })
      expect([again.status, again.body.code]).toEqual([409, 'BIRTHDAY_SET'])
      // The base level has no birthday coupon.
      expect((await call(ctx.app, 'PUT', '/api/levels/me/birthday', { token: plain.token, body: { birthday: '06-15' } })).status).toBe(200)

      const coupons = async (u: Shopper) => (await db().one<{ n: number }>('SELECT count(*)::int AS n FROM user_coupons WHERE user_id = $1 AND batch_id = $2', [u.id, birthdayBatch])).n
      const [a, b] = await Promise.all([ctx.app.levels.sweep(), ctx.app.levels.sweep()])
      expect(a + b).toBe(1)
      expect(await ctx.app.levels.sweep()).toBe(0)
      expect([await coupons(gold), await coupons(plain)]).toEqual([1, 0])
      // The next day nothing; the same day a year later, the next one.
      clock = new Date(START.getTime() + 86_400_000)
      expect(await ctx.app.levels.sweep()).toBe(0)
      clock = new Date('2028-06-15T04:00:00Z')
      expect(await ctx.app.levels.sweep()).toBe(1)
      expect(await coupons(gold)).toBe(2)
      clock = START
    })

    it('the console ladder: read with marketing:read, saved (audited) with levels:write, a bad field named; public GET /api/levels; guests 401', async () => {
      expect((await call<LevelLadder>(ctx.app, 'GET', '/api/admin/levels', { token: ADMIN_TOKEN })).body.levels).toEqual(ladder())
      expect((await call<LevelLadder>(ctx.app, 'GET', '/api/levels')).body.levels).toEqual(ladder())
      expect((await call(ctx.app, 'GET', '/api/levels/me')).status).toBe(401)

      const falling = ladder().map((l) => (l.rank === 2 ? { ...l, threshold: 50 } : l))
      const bad = await call(ctx.app, 'PUT', '/api/admin/levels', { token: ADMIN_TOKEN, body: { levels: falling } })
      expect([bad.status, bad.body.code, bad.body.field]).toEqual([400, 'BAD_INPUT', 'levels.2.threshold'])
      const unknownBatch = ladder().map((l) => (l.rank === 3 ? { ...l, benefits: { ...l.benefits, birthdayCouponBatchId: 999_999 } } : l))
      expect((await call(ctx.app, 'PUT', '/api/admin/levels', { token: ADMIN_TOKEN, body: { levels: unknownBatch } })).body.field).toBe('levels.3.benefits.birthdayCouponBatchId')
      const shape = await call(ctx.app, 'PUT', '/api/admin/levels', { token: ADMIN_TOKEN, body: { levels: [{ ...DEFAULT_LEVELS[0], threshold: 'x' }] } })
      expect([shape.status, shape.body.field]).toEqual([400, 'levels.0.threshold'])

      const service = await staffToken(ctx.app, 'service')
      expect((await call(ctx.app, 'GET', '/api/admin/levels', { token: service })).status).toBe(200)
      const denied = await call(ctx.app, 'PUT', '/api/admin/levels', { token: service, body: { levels: ladder() } })
      expect([denied.status, denied.body.code]).toEqual([403, 'ROLE_FORBIDDEN'])
      const operator = await staffToken(ctx.app, 'operator')
      const renamed = ladder().map((l) => (l.rank === 1 ? { ...l, name: '  白银会员 ' } : l))
      const saved = await call<LevelLadder>(ctx.app, 'PUT', '/api/admin/levels', { token: operator, body: { levels: renamed } })
      expect([saved.status, saved.body.levels[1].name]).toEqual([200, '白银会员'])
      const audits = await db().query<{ actor_name: string }>("SELECT actor_name FROM audit_log WHERE action = 'levels.update' ORDER BY id")
      expect(audits.rows).toHaveLength(2) // the setup's and the operator's; nothing for the refused ones
      // Back to the test ladder.
      expect((await call(ctx.app, 'PUT', '/api/admin/levels', { token: ADMIN_TOKEN, body: { levels: ladder() } })).status).toBe(200)
    })
  },
  {
    now: () => clock,
    onLevelChange: async (_q, userId, c) => {
      changes.push({ userId, ...c })
    },
  },
)
