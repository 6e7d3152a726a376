import { expect, it } from 'vitest'
import type { Order, Refund } from '../../src/domain/contract'
import type { AttributionResult } from '../../src/domain/sharing'
import type { CommissionItem, PromoterMe, WithdrawalView } from '../../src/domain/promoters'
import type { SandboxPay } from '../platforms'
import { ADMIN_TOKEN, call, describeEachDb, skuId } from './helpers'

/**
 * The whole sharing chain of issue 17, through the HTTP API only: a promoter applies and is
 * approved, customers arrive through their scene (POST /api/attribution), pay at the sandbox
 * cashier, the order is shipped and received, the after-sales window passes (the test clock)
 * and the sweep releases; the promoter withdraws through the sandbox transfer desk.
 * Everybody is an H5 preview shopper (dev login): paid at the sandbox cashier, refunded and
 * withdrawn through the sandbox channel. The only direct calls are the release sweep (the
 * sweeper timer makes it in production) and the sandbox platform's refund notify.
 */
const DAY = 86_400_000
const FORM = { 'content-type': 'application/x-www-form-urlencoded' }
const ADDRESS = { name: '刘收货', phone: '13900139001', region: ['浙江省', '杭州市', '西湖区'], detail: '文三路 9 号' }
let clock = new Date('2026-08-03T02:00:00Z')
const later = (days: number) => {
  clock = new Date(clock.getTime() + days * DAY)
}
let seq = 0

describeEachDb(
  'sharing chain: scene → binding → paid → released → withdrawn (HTTP only)',
  (ctx) => {
    const admin = ADMIN_TOKEN
    const mug = () => skuId(ctx.t.db, 'mug', { 颜色: '米白' }) // 3900
    const tee = () => skuId(ctx.t.db, 'tee', { 颜色: '白色', 尺码: 'M' }) // 4900

    /** A shopper by nickname; each call signs in again (dev login keeps the user), since the clock outruns sessions. */
    const token = async (nickname: string) => {
      const r = await call(ctx.app, 'POST', '/api/auth/dev-login', { body: { nickname } })
      expect(r.status).toBe(200)
      return r.body.token as string
    }
    const shopper = (name: string) => `${name}-${process.pid}-${++seq}`
    const me = async (who: string) => (await call<PromoterMe>(ctx.app, 'GET', '/api/promoters/me', { token: await token(who) })).body
    const money = async (who: string) => {
      const m = await me(who)
      return { pending: m.pending, released: m.released, withdrawable: m.withdrawable, withdrawn: m.withdrawn }
    }
    const attribute = async (scene: string, who?: string) =>
      (await call<AttributionResult>(ctx.app, 'POST', '/api/attribution', { token: who ? await token(who) : undefined, body: { scene } })).body

    /** Applies (the shop's default: staff approve) and is approved in the console; answers the promoter's scene. */
    async function becomePromoter(who: string): Promise<string> {
      expect((await call(ctx.app, 'POST', '/api/promoters/apply', { token: await token(who) })).body).toEqual({ status: 'pending' })
      const list = await call<{ items: { id: number; nickname: string }[] }>(ctx.app, 'GET', `/api/admin/promoters?status=pending&q=${encodeURIComponent(who)}`, { token: admin })
      const id = list.body.items.find((p) => p.nickname === who)?.id
      expect(id, JSON.stringify(list.body)).toBeDefined()
      expect((await call(ctx.app, 'POST', `/api/admin/promoters/${id}/approve`, { token: admin })).body).toMatchObject({ status: 'approved' })
      const m = await me(who)
      expect(m.status).toBe('approved')
      return m.scene as string
    }

    /** Places an order and pays it at the sandbox cashier (the H5 preview's payment page). */
    async function buy(who: string, items: { skuId: number; quantity: number }[], gift?: { message: string; recipients: number }): Promise<Order> {
      const t = await token(who)
      const addressId = gift ? undefined : (await call(ctx.app, 'POST', '/api/addresses', { token: t, body: ADDRESS })).body.id
      const placed = await call<Order>(ctx.app, 'POST', '/api/orders', { token: t, body: { items, addressId, gift, idempotencyKey: `chain-${process.pid}-${++seq}` } })
      expect(placed.status, JSON.stringify(placed.body)).toBe(201)
      const pay = await call(ctx.app, 'POST', `/api/orders/${placed.body.id}/pay`, { token: t })
      expect(pay.status, JSON.stringify(pay.body)).toBe(200)
      const q = new URL(pay.body.cashierUrl, 'http://x').searchParams
      const payload = new URLSearchParams({ out: q.get('out') as string, t: q.get('t') as string }).toString()
      expect((await ctx.app.inject({ method: 'POST', url: '/api/payments/sandbox/cashier/pay', headers: FORM, payload })).statusCode).toBe(303)
      const paid = await call<Order>(ctx.app, 'GET', `/api/orders/${placed.body.id}`, { token: t })
      expect(paid.body.status).toBe('paid')
      return paid.body
    }

    async function shipAndReceive(who: string, orderId: number): Promise<void> {
      expect((await call(ctx.app, 'POST', `/api/admin/orders/${orderId}/ship`, { token: admin, body: { carrier: '顺丰速运', trackingNo: `SF${process.pid}${++seq}` } })).status).toBe(200)
      expect((await call(ctx.app, 'POST', `/api/orders/${orderId}/confirm`, { token: await token(who) })).status).toBe(200)
    }

    const commissions = async (who: string) =>
      (await call<{ items: CommissionItem[]; total: number }>(ctx.app, 'GET', '/api/promoters/me/commissions?pageSize=50', { token: await token(who) })).body.items

    it('one promoter end to end: two levels, a refund inside the window, a gift, release, withdrawal; the sums hold', async () => {
      const P = shopper('张推广')
      const C = shopper('陈顾客')
      const scene = await becomePromoter(P)
      expect(scene).toMatch(/^[0-9A-Za-z]{8}$/)

      // Anonymous: the scene resolves, nothing is recorded or bound.
      expect(await attribute(scene)).toMatchObject({ scene, recorded: false, bound: false })
      expect((await me(P)).level1Customers).toBe(0)
      // Signed in: bound to P.
      expect(await attribute(scene, C)).toMatchObject({ scene, recorded: true, bound: true })
      expect((await me(P)).level1Customers).toBe(1)

      // A second promoter's scene inside the lock doesn't take C.
      const Q = shopper('韩乙')
      const sceneQ = await becomePromoter(Q)
      later(3)
      expect(await attribute(sceneQ, C)).toMatchObject({ scene: sceneQ, recorded: true, bound: false })
      expect((await me(Q)).level1Customers).toBe(0)
      expect((await me(P)).level1Customers).toBe(1)

      // C pays 2 mugs + 1 tee = 127.00 (free shipping): P earns floor(12700 × 10 %) on the lines.
      const order = await buy(C, [
        { skuId: await mug(), quantity: 2 },
        { skuId: await tee(), quantity: 1 },
      ])
      expect(order.total).toBe(12700)
      const rate = (await me(P)).settings.level1RateBp
      const level1 = Math.floor((order.total * rate) / 10_000)
      expect(level1).toBe(1270)
      expect(await money(P)).toEqual({ pending: level1, released: 0, withdrawable: 0, withdrawn: 0 })

      // A recruit R applies while bound to P; R's customer D pays P level 2.
      const R = shopper('何下级')
      expect(await attribute(scene, R)).toMatchObject({ bound: true })
      const sceneR = await becomePromoter(R)
      expect((await me(P)).recruits).toBe(1)
      const D = shopper('吕顾客')
      expect(await attribute(sceneR, D)).toMatchObject({ bound: true })
      const dOrder = await buy(D, [{ skuId: await mug(), quantity: 1 }])
      const level2Rate = (await me(P)).settings.level2RateBp
      const level2 = Math.floor((3900 * level2Rate) / 10_000)
      expect(level2).toBe(117)
      expect((await me(R)).pending).toBe(390)
      expect((await me(P)).pending).toBe(level1 + level2)
      expect((await commissions(P)).find((c) => c.orderId === dOrder.id)).toMatchObject({ level: 2, accrued: level2 })

      // A second customer E refunds inside the window: P's commission on it is reversed.
      const E = shopper('郑顾客')
      expect(await attribute(scene, E)).toMatchObject({ bound: true })
      const eOrder = await buy(E, [{ skuId: await tee(), quantity: 1 }])
      expect((await me(P)).pending).toBe(level1 + level2 + 490)
      const refund = await call<Refund>(ctx.app, 'POST', `/api/admin/orders/${eOrder.id}/refunds`, { token: admin, body: { reason: '顾客不想要了' } })
      expect(refund.status, JSON.stringify(refund.body)).toBeLessThan(300)
      // The sandbox platform answers the refund when told to (its notify, WeChat format: the cashier's side).
      const sandbox = ctx.app.payments.providers.sandbox as SandboxPay
      const n = sandbox.wechatRefundNotify(refund.body.outRefundNo)
      expect((await ctx.app.inject({ method: 'POST', url: '/api/payments/notify/wechat', headers: n.headers as Record<string, string>, payload: n.body })).statusCode).toBeLessThan(300)
      expect((await call<{ items: Refund[] }>(ctx.app, 'GET', `/api/admin/refunds?orderId=${eOrder.id}`, { token: admin })).body.items[0].status).toBe('succeeded')
      expect((await me(P)).pending).toBe(level1 + level2)
      expect((await commissions(P)).find((c) => c.orderId === eOrder.id)).toMatchObject({ accrued: 490, reversed: 490, pending: 0, state: 'reversed' })

      // A gift bought by C through P's binding earns P too (on its lines: 2 mugs).
      const gift = await buy(C, [{ skuId: await mug(), quantity: 2 }], { message: '节日快乐', recipients: 2 })
      expect(gift.gift).toMatchObject({ status: 'open', recipients: 2 })
      expect((await commissions(P)).find((c) => c.orderId === gift.id)).toMatchObject({ level: 1, accrued: 780 })
      expect((await me(P)).pending).toBe(level1 + level2 + 780)

      // A promoter's own purchase earns nothing (for them or anyone).
      const own = await buy(P, [{ skuId: await tee(), quantity: 1 }])
      expect((await commissions(P)).some((c) => c.orderId === own.id)).toBe(false)
      expect((await me(P)).pending).toBe(level1 + level2 + 780)

      // Shipped and received; the window passes; the sweep releases C's order and D's (level 2).
      await shipAndReceive(C, order.id)
      await shipAndReceive(D, dOrder.id)
      expect(await ctx.app.promoters.release()).toBe(0)
      later(7.01)
      expect(await ctx.app.promoters.release()).toBeGreaterThanOrEqual(2)
      expect(await money(P)).toEqual({ pending: 780, released: level1 + level2, withdrawable: level1 + level2, withdrawn: 0 })

      // P withdraws everything through the sandbox channel and confirms on the sandbox page.
      const amount = level1 + level2
      const w = await call<WithdrawalView>(ctx.app, 'POST', '/api/promoters/me/withdrawals', { token: await token(P), body: { amount, idempotencyKey: `chain-wd-${process.pid}` } })
      expect(w.status, JSON.stringify(w.body)).toBe(201)
      expect(w.body).toMatchObject({ amount, status: 'waiting_confirm', channel: 'sandbox' })
      expect((await money(P)).withdrawable).toBe(0)
      const done = await call<WithdrawalView>(ctx.app, 'POST', `/api/sandbox/transfers/${w.body.outBillNo}/confirm`, { token: await token(P) })
      expect(done.body.status).toBe('succeeded')
      expect(await money(P)).toEqual({ pending: 780, released: amount, withdrawable: 0, withdrawn: amount })

      // Over every commission of P: released + reversed + pending = accrued.
      const all = await commissions(P)
      expect(all).toHaveLength(4)
      const sum = (k: 'released' | 'reversed' | 'pending' | 'accrued') => all.reduce((s, c) => s + c[k], 0)
      expect(sum('released') + sum('reversed') + sum('pending')).toBe(sum('accrued'))
      expect(sum('accrued')).toBe(level1 + level2 + 490 + 780)
    })
  },
  { now: () => clock, sandboxNotifyDelayMs: null },
)
