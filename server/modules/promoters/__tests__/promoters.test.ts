import { expect, it } from 'vitest'
import type { Refund } from '../../../../src/domain/contract'
import { DEFAULT_PROMOTER_SETTINGS, type AdminPromoter, type CommissionItem, type PromoterMe, type PromoterSettings } from '../../../../src/domain/promoters'
import { ADMIN_TOKEN, call, describeEachDb, skuId, staffToken, testKey } from '../../../test/helpers'
import type { SandboxPay } from '../../../platforms'

const admin = ADMIN_TOKEN
const DAY = 86_400_000
const ADDRESS = { name: '李四', phone: '13900139000', region: ['浙江省', '杭州市', '西湖区'], detail: '文三路 2 号' }

/** The test clock, injected as buildApp's `now`: the after-sales window is passed by moving it. */
let clock = new Date('2026-07-01T02:00:00Z')
const later = (days: number) => {
  clock = new Date(clock.getTime() + days * DAY)
}

describeEachDb(
  'promoters: apply, bind, accrue, reverse, release',
  (ctx) => {
    let n = 0
    const db = () => ctx.t.db
    const mug = () => skuId(db(), 'mug', { 颜色: '米白' }) // 3900
    const tee = () => skuId(db(), 'tee', { 颜色: '白色', 尺码: 'M' }) // 4900

    // A fresh session each time: the clock moves past the session's lifetime in these tests.
    const tokenOf = async (u: { id: number }) => (await ctx.app.sessions.sign(u.id)).token

    /** An Alipay shopper (its refunds answer at once in the sandbox) with a session. */
    async function shopper(nickname: string): Promise<{ id: number; token: string }> {
      const externalId = `2088${String(process.pid).slice(-4).padStart(4, '0')}${String(++n).padStart(8, '0')}`
      const u = await db().one<{ id: number }>("INSERT INTO users (platform, external_id, nickname) VALUES ('alipay', $1, $2) RETURNING id", [externalId, nickname])
      return { id: u.id, token: (await ctx.app.sessions.sign(u.id)).token }
    }

    /** Places and pays an order through the sandbox's signed Alipay notify; optionally shipped and received. */
    async function buy(user: { id: number }, items: { skuId: number; quantity: number }[], received = false): Promise<number> {
      const token = await tokenOf(user)
      const addressId = (await call(ctx.app, 'POST', '/api/addresses', { token, body: ADDRESS })).body.id
      const placed = await call(ctx.app, 'POST', '/api/orders', { token, body: { items, addressId, idempotencyKey: testKey('pr') } })
      expect(placed.status, JSON.stringify(placed.body)).toBe(201)
      const orderId = placed.body.id as number
      expect((await call(ctx.app, 'POST', `/api/orders/${orderId}/pay`, { token })).status).toBe(200)
      const { out_trade_no: out } = await db().one<{ out_trade_no: string }>('SELECT out_trade_no FROM payments WHERE order_id = $1', [orderId])
      const sandbox = ctx.app.payments.providers.sandbox as SandboxPay
      sandbox.settle(out)
      const notify = sandbox.alipayNotify(out)
      const res = await ctx.app.inject({ method: 'POST', url: '/api/payments/notify/alipay', headers: notify.headers as Record<string, string>, payload: notify.body })
      expect(res.statusCode).toBeLessThan(300)
      if (received) {
        expect((await call(ctx.app, 'POST', `/api/admin/orders/${orderId}/ship`, { token: admin, body: { carrier: '顺丰速运', trackingNo: `SF${++n}0001` } })).status).toBe(200)
        expect((await call(ctx.app, 'POST', `/api/orders/${orderId}/confirm`, { token })).status).toBe(200)
      }
      return orderId
    }

    const settings = (over: Partial<PromoterSettings>) => call(ctx.app, 'PUT', '/api/admin/promoters/settings', { token: admin, body: { ...DEFAULT_PROMOTER_SETTINGS, ...over } })
    const me = async (u: { id: number }) => (await call<PromoterMe>(ctx.app, 'GET', '/api/promoters/me', { token: await tokenOf(u) })).body
    const money = async (u: { id: number }) => {
      const m = await me(u)
      return { pending: m.pending, released: m.released, withdrawable: m.withdrawable }
    }
    const apply = (token: string) => call<{ status: string; code?: string }>(ctx.app, 'POST', '/api/promoters/apply', { token })
    const commissions = async (u: { id: number }, query = '') => (await call<{ items: CommissionItem[]; total: number }>(ctx.app, 'GET', `/api/promoters/me/commissions${query}`, { token: await tokenOf(u) })).body
    const promoterIdOf = async (userId: number) => (await db().one<{ id: number }>('SELECT id FROM promoters WHERE user_id = $1', [userId])).id

    /** A visit through a promoter's scene, as the attribution module makes it (its visit transaction calls bindIn). */
    async function visit(userId: number, scene: string): Promise<boolean> {
      const s = await db().one<{ promoter_id: number }>('SELECT promoter_id FROM scenes WHERE id = $1', [scene])
      return db().tx((q) => ctx.app.promoters.bindIn(q, { userId, promoterId: s.promoter_id, scene, at: clock }))
    }

    /** A promoter approved at once (open mode), recruited by whoever they are bound to. */
    async function promoter(nickname: string): Promise<{ id: number; token: string; promoterId: number; scene: string }> {
      const s = await shopper(nickname)
      expect((await apply(s.token)).body).toEqual({ status: 'approved' })
      const m = await me(s)
      return { ...s, promoterId: await promoterIdOf(s.id), scene: m.scene as string }
    }

    it('settings: defaults on first read, checked per field, audited, refused to a role without promoters:write', async () => {
      expect((await call(ctx.app, 'GET', '/api/admin/promoters/settings', { token: admin })).body).toEqual(DEFAULT_PROMOTER_SETTINGS)
      expect((await settings({ lockDays: 0 })).body).toMatchObject({ code: 'BAD_INPUT', field: 'lockDays' })
      expect((await settings({ level1RateBp: 4000, level2RateBp: 2000 })).body).toMatchObject({ code: 'BAD_INPUT', field: 'level2RateBp' })
      const service = await staffToken(ctx.app, 'service')
      expect((await call(ctx.app, 'GET', '/api/admin/promoters/settings', { token: service })).status).toBe(200)
      expect((await call(ctx.app, 'PUT', '/api/admin/promoters/settings', { token: service, body: DEFAULT_PROMOTER_SETTINGS })).status).toBe(403)
      expect((await settings({ lockDays: 30 })).status).toBe(200)
      const audit = await db().one<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'promoter_settings.update'")
      expect(audit.n).toBe(1)
      // Product rates: GET/PUT, nulls keep the shop's rate, unknown products 404.
      const product = (await db().one<{ product_id: number }>('SELECT product_id FROM skus WHERE id = $1', [await tee()])).product_id
      expect((await call(ctx.app, 'GET', `/api/admin/products/${product}/commission-rates`, { token: admin })).body).toEqual({ productId: product, level1RateBp: null, level2RateBp: null })
      expect((await call(ctx.app, 'PUT', `/api/admin/products/${product}/commission-rates`, { token: admin, body: { level1RateBp: 6000, level2RateBp: null } })).status).toBe(400)
      expect((await call(ctx.app, 'PUT', '/api/admin/products/999999/commission-rates', { token: admin, body: { level1RateBp: 100, level2RateBp: null } })).status).toBe(404)
      expect((await call(ctx.app, 'PUT', `/api/admin/products/${product}/commission-rates`, { token: admin, body: { level1RateBp: 2000, level2RateBp: null } })).body).toEqual({ productId: product, level1RateBp: 2000, level2RateBp: null })
      expect((await call(ctx.app, 'PUT', `/api/admin/products/${product}/commission-rates`, { token: admin, body: { level1RateBp: null, level2RateBp: null } })).status).toBe(200)
    })

    it('applying in each mode: approval waits for the console, open approves at once, after_purchase needs a paid order, closed refuses', async () => {
      const stranger = await shopper('路人甲')
      expect(await me(stranger)).toMatchObject({ status: null, scene: null, level1Customers: 0, pending: 0, released: 0, withdrawable: 0, withdrawn: 0 })

      await settings({ applyMode: 'approval' })
      const a = await shopper('王审核')
      expect((await apply(a.token)).body).toEqual({ status: 'pending' })
      expect((await apply(a.token)).body).toEqual({ status: 'pending' })
      const pid = await promoterIdOf(a.id)
      const list = await call<{ items: AdminPromoter[]; total: number }>(ctx.app, 'GET', '/api/admin/promoters?status=pending', { token: admin })
      expect(list.status, JSON.stringify(list.body)).toBe(200)
      expect(list.body.items.map((x) => x.id)).toContain(pid)
      expect(list.body.items.find((x) => x.id === pid)).toMatchObject({ userId: a.id, status: 'pending', nickname: '王审核', platform: 'alipay', parentId: null, customers: 0, pending: 0, decidedAt: null })
      const approved = await call<AdminPromoter>(ctx.app, 'POST', `/api/admin/promoters/${pid}/approve`, { token: admin })
      expect(approved.body).toMatchObject({ id: pid, status: 'approved' })
      expect((await call(ctx.app, 'POST', `/api/admin/promoters/${pid}/approve`, { token: admin })).body).toMatchObject({ code: 'INVALID_STATE' })
      expect((await call(ctx.app, 'POST', '/api/admin/promoters/999999/approve', { token: admin })).status).toBe(404)
      const found = await call(ctx.app, 'GET', `/api/admin/promoters?q=${encodeURIComponent('王审')}`, { token: admin })
      expect(found.status, JSON.stringify(found.body)).toBe(200)
      expect(found.body.items.map((x: AdminPromoter) => x.id)).toEqual([pid])

      const r = await shopper('赵拒绝')
      await apply(r.token)
      const rid = await promoterIdOf(r.id)
      expect((await call(ctx.app, 'POST', `/api/admin/promoters/${rid}/reject`, { token: admin, body: {} })).status).toBe(400)
      expect((await call(ctx.app, 'POST', `/api/admin/promoters/${rid}/reject`, { token: admin, body: { reason: '资料不全' } })).body).toMatchObject({ status: 'rejected' })
      expect((await me(r)).status).toBe('rejected')
      // A rejected shopper may apply again.
      expect((await apply(r.token)).body).toEqual({ status: 'pending' })
      expect(await db().one("SELECT count(*)::int AS n FROM audit_log WHERE entity = 'promoter'")).toEqual({ n: 2 })

      await settings({ applyMode: 'after_purchase' })
      const b = await shopper('钱买过')
      expect((await apply(b.token)).body).toMatchObject({ code: 'NEEDS_PURCHASE' })
      await buy(b, [{ skuId: await mug(), quantity: 1 }])
      expect((await apply(b.token)).body).toEqual({ status: 'approved' })

      await settings({ enabled: false })
      expect((await apply((await shopper('孙关闭')).token)).body).toMatchObject({ code: 'PROMOTERS_CLOSED' })
      await settings({ applyMode: 'open' })
      const o = await promoter('周开放')
      expect(o.scene).toMatch(/^[0-9A-Za-z]{8}$/)
      expect(await db().one('SELECT promoter_id, product_id, channel FROM scenes WHERE id = $1', [o.scene])).toEqual({ promoter_id: o.promoterId, product_id: null, channel: 'share' })
    })

    it('the whole path: bound customer pays → pending; received, the window passes → released and withdrawable; released once', async () => {
      const a = await promoter('张推广')
      const c = await shopper('陈顾客')
      expect(await visit(c.id, a.scene)).toBe(true)
      expect((await me(a)).level1Customers).toBe(1)
      // 2 × 39.00 + 49.00 = 127.00 (free shipping over 99): 10 % of each line.
      const orderId = await buy(c, [
        { skuId: await mug(), quantity: 2 },
        { skuId: await tee(), quantity: 1 },
      ])
      expect(await money(a)).toEqual({ pending: 780 + 490, released: 0, withdrawable: 0 })
      const list = await commissions(a)
      expect(list.items).toEqual([
        expect.objectContaining({ orderId, level: 1, buyer: '陈**', base: 12700, accrued: 1270, reversed: 0, released: 0, pending: 1270, state: 'pending', releaseAt: null }),
      ])
      const customers = await call(ctx.app, 'GET', '/api/promoters/me/customers', { token: await tokenOf(a) })
      expect(customers.body).toEqual({ items: [expect.objectContaining({ nickname: '陈**', orders: 1 })], total: 1 })

      expect((await call(ctx.app, 'POST', `/api/admin/orders/${orderId}/ship`, { token: admin, body: { carrier: '顺丰速运', trackingNo: 'SF77001' } })).status).toBe(200)
      expect((await call(ctx.app, 'POST', `/api/orders/${orderId}/confirm`, { token: await tokenOf(c) })).status).toBe(200)
      const receivedAt = clock
      expect((await commissions(a)).items[0].releaseAt).toBe(new Date(receivedAt.getTime() + 7 * DAY).toISOString())
      later(6)
      expect(await ctx.app.promoters.release()).toBe(0)
      later(1.01)
      // Two sweeps at once (two servers): released once.
      const [x, y] = await Promise.all([ctx.app.promoters.release(), ctx.app.promoters.release()])
      expect(x + y).toBe(1)
      expect(await ctx.app.promoters.release()).toBe(0)
      expect(await money(a)).toEqual({ pending: 0, released: 1270, withdrawable: 1270 })
      expect(await db().one("SELECT count(*)::int AS n, sum(amount)::int AS s FROM commission_entries WHERE kind = 'release' AND ref = $1", [String(orderId)])).toEqual({ n: 2, s: 1270 })
      expect((await commissions(a, '?state=released')).items).toEqual([expect.objectContaining({ orderId, state: 'released', released: 1270 })])
      // A refund after release takes nothing back (what was released was earned).
      const late = await call<Refund>(ctx.app, 'POST', `/api/admin/orders/${orderId}/refunds`, { token: admin, body: { lines: [{ skuId: await tee(), quantity: 1 }], reason: '售后外补偿' } })
      expect(late.body.status).toBe('succeeded')
      expect(await money(a)).toEqual({ pending: 0, released: 1270, withdrawable: 1270 })
      const adminView = await call<{ items: AdminPromoter[] }>(ctx.app, 'GET', `/api/admin/promoters?q=${a.promoterId}`, { token: admin })
      expect(adminView.body.items[0]).toMatchObject({ id: a.promoterId, customers: 1, pending: 0, released: 1270, withdrawable: 1270 })
      expect((await call(ctx.app, 'GET', `/api/admin/promoters/${a.promoterId}/commissions`, { token: admin })).body).toMatchObject({ total: 1, items: [{ orderId, state: 'released' }] })
    })

    it('refunds inside the window: a partial one reverses its share, the rest reverses everything; a repeated notify reverses nothing twice', async () => {
      const a = await promoter('吴推广')
      const c = await shopper('郑顾客')
      await visit(c.id, a.scene)
      const orderId = await buy(c, [
        { skuId: await mug(), quantity: 2 },
        { skuId: await tee(), quantity: 1 },
      ])
      expect((await me(a)).pending).toBe(1270)
      const part = await call<Refund>(ctx.app, 'POST', `/api/admin/orders/${orderId}/refunds`, { token: admin, body: { lines: [{ skuId: await mug(), quantity: 1 }], reason: '少发一件' } })
      expect(part.body).toMatchObject({ status: 'succeeded', amount: 3900 })
      expect((await me(a)).pending).toBe(1270 - 390)
      // The same refund finishing again (a repeated notify, two servers): nothing more.
      await db().tx((q) => ctx.app.promoters.onRefundFinished(q, part.body))
      expect((await me(a)).pending).toBe(1270 - 390)
      expect((await commissions(a)).items[0]).toMatchObject({ orderId, reversed: 390, pending: 880, state: 'pending' })

      const rest = await call<Refund>(ctx.app, 'POST', `/api/admin/orders/${orderId}/refunds`, { token: admin, body: { reason: '全部退款' } })
      expect(rest.body.status).toBe('succeeded')
      expect((await me(a)).pending).toBe(0)
      expect((await commissions(a, '?state=reversed')).items).toEqual([expect.objectContaining({ orderId, accrued: 1270, reversed: 1270, pending: 0, state: 'reversed', releaseAt: null })])
      const sums = await db().one<{ accrued: number; reversed: number; released: number }>(
        'SELECT sum(accrued)::int AS accrued, sum(reversed)::int AS reversed, sum(released)::int AS released FROM commissions WHERE order_id = $1',
        [orderId],
      )
      expect(sums).toEqual({ accrued: 1270, reversed: 1270, released: 0 })
      later(30)
      await ctx.app.promoters.release()
      expect(await money(a)).toEqual({ pending: 0, released: 0, withdrawable: 0 })
    })

    it('two levels: a recruit’s customer pays the recruit level 1 and the recruiter level 2; disabled earns nothing new', async () => {
      const top = await promoter('冯上级')
      const recruitUser = await shopper('何下级')
      expect(await visit(recruitUser.id, top.scene)).toBe(true)
      expect((await apply(recruitUser.token)).body).toEqual({ status: 'approved' })
      const recruitId = await promoterIdOf(recruitUser.id)
      const recruitScene = (await me(recruitUser)).scene as string
      expect(await db().one('SELECT parent_id FROM promoters WHERE id = $1', [recruitId])).toEqual({ parent_id: top.promoterId })
      expect((await me(top)).recruits).toBe(1)
      expect((await call(ctx.app, 'GET', '/api/promoters/me/recruits', { token: await tokenOf(top) })).body).toEqual({ items: [{ nickname: '何**', joinedAt: expect.any(String) }] })

      const d = await shopper('吕顾客')
      expect(await visit(d.id, recruitScene)).toBe(true)
      // One mug: 39.00 + 10.00 shipping; commission is on the line (39.00), not the shipping.
      const orderId = await buy(d, [{ skuId: await mug(), quantity: 1 }], true)
      expect((await me(recruitUser)).pending).toBe(390)
      expect((await me(top)).pending).toBe(117)
      expect((await commissions(top)).items).toEqual([expect.objectContaining({ orderId, level: 2, buyer: '吕**', accrued: 117 })])
      later(7.01)
      expect(await ctx.app.promoters.release()).toBeGreaterThanOrEqual(1)
      expect(await money(recruitUser)).toEqual({ pending: 0, released: 390, withdrawable: 390 })
      expect(await money(top)).toEqual({ pending: 0, released: 117, withdrawable: 117 })

      expect((await call(ctx.app, 'POST', `/api/admin/promoters/${recruitId}/disable`, { token: admin })).body).toMatchObject({ status: 'disabled' })
      await buy(d, [{ skuId: await mug(), quantity: 1 }])
      expect((await me(recruitUser)).pending).toBe(0)
      expect((await me(top)).pending).toBe(0)
      // Still bound to them.
      expect(await db().one('SELECT promoter_id FROM promoter_bindings WHERE user_id = $1', [d.id])).toEqual({ promoter_id: recruitId })
    })

    it('a promoter earns nothing on their own orders, and a repeated paid event accrues once', async () => {
      const a = await promoter('卫自己')
      expect(await visit(a.id, a.scene)).toBe(false)
      const own = await buy(a, [{ skuId: await mug(), quantity: 1 }])
      expect(await db().one('SELECT count(*)::int AS n FROM commissions WHERE order_id = $1', [own])).toEqual({ n: 0 })

      const c = await shopper('蒋顾客')
      await visit(c.id, a.scene)
      const orderId = await buy(c, [{ skuId: await tee(), quantity: 1 }])
      const count = () => db().one('SELECT (SELECT count(*) FROM commissions WHERE order_id = $1)::int AS c, (SELECT count(*) FROM commission_entries e JOIN commissions k ON k.id = e.commission_id WHERE k.order_id = $1)::int AS e', [orderId])
      expect(await count()).toEqual({ c: 1, e: 1 })
      await Promise.all([1, 2].map(() => db().tx((q) => ctx.app.promoters.onOrderTransition(q, orderId, 'paid', clock))))
      expect(await count()).toEqual({ c: 1, e: 1 })
      expect((await me(a)).pending).toBe(490)
    })

    it('the lock: another promoter inside lockDays does not take the customer, after it they do; two racing for a new customer: one binds', async () => {
      const a = await promoter('沈甲')
      const b = await promoter('韩乙')
      const c = await shopper('杨顾客')
      expect(await visit(c.id, a.scene)).toBe(true)
      later(10)
      expect(await visit(c.id, b.scene)).toBe(false)
      // The same promoter again doesn't extend the lock.
      expect(await visit(c.id, a.scene)).toBe(true)
      const lock = await db().one<{ promoter_id: number; locked_until: Date }>('SELECT promoter_id, locked_until FROM promoter_bindings WHERE user_id = $1', [c.id])
      expect(lock.promoter_id).toBe(a.promoterId)
      expect(new Date(lock.locked_until).getTime() - clock.getTime()).toBe(20 * DAY)
      later(20)
      expect(await visit(c.id, b.scene)).toBe(true)
      expect((await me(b)).level1Customers).toBe(1)
      expect((await me(a)).level1Customers).toBe(0)

      for (let i = 0; i < 3; i++) {
        const fresh = await shopper(`许新${i}`)
        const [x, y] = await Promise.all([visit(fresh.id, a.scene), visit(fresh.id, b.scene)])
        expect([x, y].filter(Boolean)).toHaveLength(1)
        const row = await db().one<{ promoter_id: number }>('SELECT promoter_id FROM promoter_bindings WHERE user_id = $1', [fresh.id])
        expect(row.promoter_id).toBe(x ? a.promoterId : b.promoterId)
      }
    })
  },
  { now: () => clock, sandboxNotifyDelayMs: null },
)
