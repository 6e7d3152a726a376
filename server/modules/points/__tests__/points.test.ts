import { expect, it } from 'vitest'
import type { Order, PricePreview, Refund } from '../../../../src/domain/contract'
import { DEFAULT_POINTS_SETTINGS, type CheckInCalendar, type CheckInResult, type PointsView } from '../../../../src/domain/points'
import { ADMIN_TOKEN, call, describeEachDb, skuId, staffToken, testKey } from '../../../test/helpers'
import { payThroughAlipay, shopperWithAddress } from '../../../test/orders'

/** The test clock (buildApp's `now`): days pass by moving it. */
const START = new Date('2026-12-27T04:00:00Z') // noon in Shanghai
let clock = START
const DAY = 86_400_000
const ADDRESS = { name: '王积分', phone: '13900139001', region: ['浙江省', '杭州市', '西湖区'], detail: '文三路 8 号' }

describeEachDb(
  'points (积分) and check-in (签到)',
  (ctx) => {
    const db = () => ctx.t.db
    const mug = () => skuId(db(), 'mug', { 颜色: '米白' }) // 3900
    const hoodie = () => skuId(db(), 'hoodie', { 尺码: 'L' }) // 19900

    /** An Alipay shopper (its refunds answer at once in the sandbox), with a session and an address. */
    async function shopper(points = 0) {
      const u = await shopperWithAddress(ctx.app, '积分用户', ADDRESS)
      if (points > 0) await db().tx((q) => ctx.app.points.creditIn(q, { userId: u.id, points, kind: 'admin', key: `test:${u.id}:gift`, title: '测试赠送', at: clock }))
      return u
    }
    type Shopper = Awaited<ReturnType<typeof shopper>>
    const balance = (u: Shopper) => ctx.app.points.balanceOf(u.id)
    const order = (u: Shopper, items: { skuId: number; quantity: number }[], points?: number) =>
      call<Order & { code?: string }>(ctx.app, 'POST', '/api/orders', { token: u.token, body: { items, addressId: u.addressId, idempotencyKey: testKey('pt'), points } })
    const lotsSum = async (u: Shopper) => (await db().one<{ n: number }>('SELECT coalesce(sum(remaining), 0)::int AS n FROM points_entries WHERE user_id = $1', [u.id])).n

    it('ten taps at once: one check-in, one award; the second day continues the streak', async () => {
      const u = await shopper()
      const taps = await Promise.all(Array.from({ length: 10 }, () => call<CheckInResult>(ctx.app, 'POST', '/api/check-in', { token: u.token })))
      expect(taps.map((t) => t.status)).toEqual(Array(10).fill(200))
      expect(taps.filter((t) => t.body.awarded > 0).map((t) => t.body)).toEqual([{ awarded: 5, streak: 1, balance: 5, already: false }])
      expect(taps.filter((t) => t.body.already)).toHaveLength(9)
      expect(await balance(u)).toBe(5)
      expect((await db().one<{ n: number }>('SELECT count(*)::int AS n FROM check_ins WHERE user_id = $1', [u.id])).n).toBe(1)
    })

    it('a streak over a month and year end: day 7 adds its bonus, a missed day starts again; the calendar shows it', async () => {
      // Each backend's run starts on the same day (the clock is shared by the file).
      const start = (clock = START)
      const u = await shopper()
      const awards: number[] = []
      for (let d = 0; d < 8; d++) {
        clock = new Date(start.getTime() + d * DAY)
        const r = await call<CheckInResult>(ctx.app, 'POST', '/api/check-in', { token: u.token })
        expect(r.body.streak).toBe(d + 1)
        awards.push(r.body.awarded)
      }
      // 27 Dec … 3 Jan: day 7 is 2 January.
      expect(awards).toEqual([5, 5, 5, 5, 5, 5, 25, 5])
      const jan = await call<CheckInCalendar>(ctx.app, 'GET', '/api/check-in', { token: u.token })
      expect(jan.body).toMatchObject({ month: '2027-01', days: ['2027-01-01', '2027-01-02', '2027-01-03'], today: '2027-01-03', checkedToday: true, streak: 8, daily: 5, balance: 60 })
      const dec = await call<CheckInCalendar>(ctx.app, 'GET', '/api/check-in?month=2026-12', { token: u.token })
      expect(dec.body.days).toEqual(['2026-12-27', '2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31'])
      expect((await call(ctx.app, 'GET', '/api/check-in?month=2026-13', { token: u.token })).status).toBe(400)
      // Two days later: the calendar's streak is over, the next check-in starts at 1.
      clock = new Date(clock.getTime() + 2 * DAY)
      expect((await call<CheckInCalendar>(ctx.app, 'GET', '/api/check-in', { token: u.token })).body).toMatchObject({ streak: 0, checkedToday: false })
      expect((await call<CheckInResult>(ctx.app, 'POST', '/api/check-in', { token: u.token })).body).toMatchObject({ awarded: 5, streak: 1, balance: 65 })
      const view = await call<PointsView>(ctx.app, 'GET', '/api/points?pageSize=2', { token: u.token })
      expect(view.body).toMatchObject({ balance: 65, total: 9, page: 1, pageSize: 2, redeem: DEFAULT_POINTS_SETTINGS.redeem })
      expect(view.body.items[0]).toMatchObject({ delta: 5, kind: 'check_in', title: '签到第 1 天' })
      // Earned in Shanghai's 2026 (27–31 Dec) expire at the end of 2027; the rest at the end of 2028.
      expect(view.body.expiring).toEqual({ points: 25, at: '2027-12-31T16:00:00.000Z' })
    })

    it('the preview quotes points and takes them off; above the cap 400, above the balance 409', async () => {
      const u = await shopper(3000)
      const items = [{ skuId: await mug(), quantity: 2 }] // 7800: the cap is 3900 points
      const plain = await call<PricePreview>(ctx.app, 'POST', '/api/orders/preview', { token: u.token, body: { items } })
      expect(plain.body.points).toEqual({ balance: 3000, usable: 3000, value: 3000, pointsPerYuan: 100, used: 0, usedValue: 0 })
      const used = await call<PricePreview>(ctx.app, 'POST', '/api/orders/preview', { token: u.token, body: { items, points: 1000 } })
      expect(used.body.points).toMatchObject({ used: 1000, usedValue: 1000 })
      expect(used.body.total).toBe(plain.body.total - 1000)
      expect(used.body.applied.at(-1)).toEqual({ source: 'points', kind: 'points', id: 0, label: '积分抵扣', amount: 1000, lines: [{ skuId: items[0].skuId, amount: 1000 }] })
      expect(used.body.lines[0]).toMatchObject({ payable: 6800, labels: ['积分抵扣'] })
      const over = await call(ctx.app, 'POST', '/api/orders/preview', { token: u.token, body: { items, points: 3901 } })
      expect([over.status, over.body.code]).toEqual([400, 'POINTS_OVER_LIMIT'])
      const big = [{ skuId: await hoodie(), quantity: 1 }]
      const short = await call(ctx.app, 'POST', '/api/orders/preview', { token: u.token, body: { items: big, points: 5000 } })
      expect([short.status, short.body.code]).toEqual([409, 'POINTS_NOT_ENOUGH'])
      expect((await call(ctx.app, 'POST', '/api/orders/preview', { token: u.token, body: { items, points: -1 } })).status).toBe(400)
    })

    it('two orders at once spending points enough for one: one order, one 409, the balance exact, nothing else taken', async () => {
      const u = await shopper(3000)
      const sku = await mug()
      const before = await ctx.app.db.one<{ stock: number }>('SELECT stock FROM skus WHERE id = $1', [sku])
      const rs = await Promise.all([order(u, [{ skuId: sku, quantity: 1 }], 1950), order(u, [{ skuId: sku, quantity: 1 }], 1950)])
      expect(rs.map((r) => r.status).sort()).toEqual([201, 409])
      const failed = rs.find((r) => r.status === 409)
      expect(failed?.body.code).toBe('POINTS_NOT_ENOUGH')
      const placed = rs.find((r) => r.status === 201)?.body as Order
      expect(placed).toMatchObject({ discount: 1950, total: 3900 - 1950 + placed.shipping })
      expect(placed.discounts.at(-1)).toMatchObject({ source: 'points', amount: 1950 })
      expect(await balance(u)).toBe(1050)
      expect(await lotsSum(u)).toBe(1050)
      expect((await ctx.app.db.one<{ stock: number }>('SELECT stock FROM skus WHERE id = $1', [sku])).stock).toBe(before.stock - 1)
      expect((await db().one<{ n: number }>('SELECT count(*)::int AS n FROM orders WHERE user_id = $1', [u.id])).n).toBe(1)
    })

    it('a cancelled order returns its points; paying earns per yuan, once even when the notify comes twice', async () => {
      const u = await shopper(2000)
      const o = await order(u, [{ skuId: await mug(), quantity: 1 }], 1500)
      expect(o.status, JSON.stringify(o.body)).toBe(201)
      expect(await balance(u)).toBe(500)
      expect((await call(ctx.app, 'POST', `/api/orders/${o.body.id}/cancel`, { token: u.token })).status).toBe(200)
      expect(await balance(u)).toBe(2000)
      const kinds = await db().query<{ kind: string; delta: number }>('SELECT kind, delta FROM points_entries WHERE order_id = $1 ORDER BY id', [o.body.id])
      expect(kinds.rows).toEqual([
        { kind: 'checkout', delta: -1500 },
        { kind: 'return', delta: 1500 },
      ])

      const paid = await order(u, [{ skuId: await mug(), quantity: 1 }], 0)
      await payThroughAlipay(ctx.app, u.token, paid.body.id)
      const earned = Math.floor(paid.body.total / 100)
      expect(await balance(u)).toBe(2000 + earned)
      await db().tx((q) => ctx.app.points.onOrderTransition(q, paid.body.id, 'paid', clock))
      expect(await balance(u)).toBe(2000 + earned)
    })

    it('refunds take back what the order earned and return what it spent, in proportion; in pieces as much as at once', async () => {
      const u = await shopper(5000)
      const sku = await mug()
      const o = await order(u, [{ skuId: sku, quantity: 3 }], 3000) // 11700 − 3000 = 8700, free shipping
      expect(o.status, JSON.stringify(o.body)).toBe(201)
      await payThroughAlipay(ctx.app, u.token, o.body.id)
      const paid = o.body.total
      const earned = Math.floor(paid / 100)
      expect(await balance(u)).toBe(2000 + earned)

      const part = await call<Refund>(ctx.app, 'POST', `/api/admin/orders/${o.body.id}/refunds`, { token: ADMIN_TOKEN, body: { lines: [{ skuId: sku, quantity: 1 }], reason: '少发一件' } })
      expect(part.body, JSON.stringify(part.body)).toMatchObject({ status: 'succeeded' })
      const back1 = Math.floor((earned * part.body.amount) / paid)
      const ret1 = Math.floor((3000 * part.body.amount) / paid)
      expect(await balance(u)).toBe(2000 + earned - back1 + ret1)
      // The same refund finishing again (a repeated notify): nothing more.
      await db().tx((q) => ctx.app.points.onRefundFinished(q, part.body))
      expect(await balance(u)).toBe(2000 + earned - back1 + ret1)

      const rest = await call<Refund>(ctx.app, 'POST', `/api/admin/orders/${o.body.id}/refunds`, { token: ADMIN_TOKEN, body: { reason: '全部退款' } })
      expect(rest.body.status).toBe('succeeded')
      // Everything earned taken back, everything spent returned: as before the order.
      expect(await balance(u)).toBe(5000)
      expect(await lotsSum(u)).toBe(5000)
      const moved = await db().query<{ kind: string; points: number }>('SELECT kind, sum(delta)::int AS points FROM points_entries WHERE order_id = $1 GROUP BY kind ORDER BY kind', [o.body.id])
      expect(moved.rows).toEqual([
        { kind: 'checkout', points: -3000 },
        { kind: 'order', points: earned },
        { kind: 'return', points: 3000 },
        { kind: 'take_back', points: -earned },
      ])
    })

    it('a take-back never drives the balance below zero', async () => {
      const u = await shopper()
      const o = await order(u, [{ skuId: await hoodie(), quantity: 1 }])
      await payThroughAlipay(ctx.app, u.token, o.body.id)
      expect(await balance(u)).toBe(199)
      // Spent elsewhere meanwhile (the points mall).
      await db().tx((q) => ctx.app.points.debitIn(q, { userId: u.id, points: 150, kind: 'mall', key: `test:${u.id}:mall`, title: '兑换', at: clock }))
      expect((await call<Refund>(ctx.app, 'POST', `/api/admin/orders/${o.body.id}/refunds`, { token: ADMIN_TOKEN, body: { reason: '全部退款' } })).body.status).toBe('succeeded')
      expect(await balance(u)).toBe(0)
      expect(await lotsSum(u)).toBe(0)
    })

    it('the expiry sweep: two sweeps at once expire each lot once; the balance drops by exactly what expired', async () => {
      const u = await shopper()
      const v = await shopper()
      const old = new Date('2024-06-01T00:00:00Z') // expires at the end of 2025
      for (const [w, p, i] of [[u, 70, 1], [u, 30, 2], [v, 40, 3]] as const) {
        await db().tx((q) => ctx.app.points.creditIn(q, { userId: w.id, points: p, kind: 'admin', key: `test:${w.id}:old${i}`, title: '旧积分', at: old }))
      }
      await db().tx((q) => ctx.app.points.creditIn(q, { userId: u.id, points: 10, kind: 'admin', key: `test:${u.id}:fresh`, title: '新积分', at: clock }))
      const [a, b] = await Promise.all([ctx.app.points.sweep(), ctx.app.points.sweep()])
      expect(a + b).toBe(3)
      expect(await ctx.app.points.sweep()).toBe(0)
      expect([await balance(u), await balance(v)]).toEqual([10, 0])
      expect([await lotsSum(u), await lotsSum(v)]).toEqual([10, 0])
      const expired = await db().one<{ n: number; s: number }>("SELECT count(*)::int AS n, sum(delta)::int AS s FROM points_entries WHERE kind = 'expire' AND user_id = ANY($1::int[])", [[u.id, v.id]])
      expect(expired).toEqual({ n: 3, s: -140 })
    })

    it('console settings: read with marketing:read, saved (audited) with marketing:write, bad fields named', async () => {
      expect((await call(ctx.app, 'GET', '/api/admin/points/settings', { token: ADMIN_TOKEN })).body).toEqual(DEFAULT_POINTS_SETTINGS)
      const next = { ...DEFAULT_POINTS_SETTINGS, checkIn: { daily: 3, streakBonuses: [{ day: 14, points: 50 }, { day: 7, points: 20 }] } }
      const saved = await call(ctx.app, 'PUT', '/api/admin/points/settings', { token: ADMIN_TOKEN, body: next })
      expect(saved.status).toBe(200)
      expect(saved.body.checkIn.streakBonuses).toEqual([{ day: 7, points: 20 }, { day: 14, points: 50 }])
      const bad = await call(ctx.app, 'PUT', '/api/admin/points/settings', { token: ADMIN_TOKEN, body: { ...next, redeem: { pointsPerYuan: 100, maxPercent: 120 } } })
      expect([bad.status, bad.body.field]).toEqual([400, 'redeem.maxPercent'])
      const service = await staffToken(ctx.app, 'service')
      expect((await call(ctx.app, 'GET', '/api/admin/points/settings', { token: service })).status).toBe(200)
      expect((await call(ctx.app, 'PUT', '/api/admin/points/settings', { token: service, body: next })).status).toBe(403)
      expect((await db().one<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'points_settings.update'")).n).toBe(1)
      // Back to the defaults for the other tests.
      expect((await call(ctx.app, 'PUT', '/api/admin/points/settings', { token: ADMIN_TOKEN, body: DEFAULT_POINTS_SETTINGS })).status).toBe(200)
    })
  },
  { now: () => clock },
)
