import { expect, it } from 'vitest'
import type { Order, Refund } from '../../src/domain/contract'
import { DEFAULT_LEVELS, multiplyPoints, type Level, type MyLevel } from '../../src/domain/levels'
import type { MemberCardView } from '../../src/domain/member-cards'
import { planRefund, type PlanView } from '../../src/domain/plans'
import type { PointsView } from '../../src/domain/points'
import { slotDays, type AdminStore, type StoreHours, type StoreInput } from '../../src/domain/stores'
import type { SandboxPay } from '../platforms'
import { postNotify } from '../modules/payments/__tests__/helpers'
import { ADMIN_TOKEN, call, describeEachDb, productId, skuId } from './helpers'
import { payThroughAlipay } from './orders'

/**
 * Issue 19 across its modules, through the HTTP API only: a store with its own stock and a
 * ladder where one order makes a 银卡 member (the console), an Alipay member card activated
 * through the sandbox; a delivery order levels the shopper up and the card follows; a pickup
 * order earns ×1.2, is verified at the store and partly refunded; a 4-week plan ships twice and
 * is cancelled for planRefund. At the end every ledger holds and replayed notifies change
 * nothing. The only direct calls are the workers' runs (their timers make them in production).
 */
let clock = new Date('2026-12-05T04:00:00Z') // noon in Shanghai
const setClock = (iso: string) => {
  clock = new Date(iso)
}
let seq = 0
const key = () => `chain19-${process.pid}-${++seq}`
const HOURS: StoreHours = { weekdays: [1, 2, 3, 4, 5, 6, 7], open: '09:00', close: '21:00' }
const SILVER = 50
const LADDER: Level[] = [
  DEFAULT_LEVELS[0],
  { ...DEFAULT_LEVELS[1], threshold: SILVER },
  { ...DEFAULT_LEVELS[2], threshold: 100_000 },
]
const UNIT = 3900 // the mug, 米白
const SPENT = 50 // points spent at the pickup checkout (1 fen each)

const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v)

describeEachDb(
  'stores × members chain: own-stock store, levels, member card, pickup, plan (HTTP only)',
  (ctx) => {
    const db = () => ctx.t.db
    const admin = <T = any>(method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) => call<T>(ctx.app, method, url, { token: ADMIN_TOKEN, body }) // eslint-disable-line @typescript-eslint/no-explicit-any
    const sandboxPay = () => ctx.app.payments.providers.sandbox as SandboxPay
    const mug = () => skuId(db(), 'mug', { 颜色: '米白' })
    const refundsOf = async (orderId: number) => (await admin<{ items: Refund[] }>('GET', `/api/admin/refunds?orderId=${orderId}`)).body.items
    const growthOf = async (orderId: number) => (await db().one<{ n: number }>('SELECT coalesce(sum(delta), 0)::int AS n FROM growth_entries WHERE order_id = $1', [orderId])).n
    const cardUpdates = async () =>
      (await db().query<{ request: unknown }>("SELECT request FROM sandbox_card_calls WHERE api = 'alipay.marketing.card.update' ORDER BY id")).rows.map((r) => json(r.request) as { card_info: { level: string; point: string } })

    it('one Alipay member: levelled up by a delivery, ×1.2 on a pickup, a plan cancelled; every ledger holds', async () => {
      // ——— The console: a store with its own stock, the ladder, the plan offer. ———
      const input: StoreInput = { name: '链路门店', city: '上海', address: '南京西路 9 号', phone: '021-87654321', latitude: 31.23, longitude: 121.47, hours: HOURS, photos: [], stockMode: 'own', pickup: true, deliveryRadiusMeters: 0, active: true, sort: 0 }
      const created = await admin<AdminStore>('POST', '/api/admin/stores', input)
      expect(created.status, JSON.stringify(created.body)).toBe(201)
      const storeId = created.body.id
      const sku = await mug()
      expect((await admin('PUT', `/api/admin/stores/${storeId}/stock`, { skuId: sku, stock: 5 })).body).toEqual({ skuId: sku, stock: 5 })
      const ladder = await admin('PUT', '/api/admin/levels', { levels: LADDER })
      expect(ladder.status, JSON.stringify(ladder.body)).toBe(200)
      const offer = await admin('PUT', `/api/admin/products/${await productId(db(), 'mug')}/plan`, { enabled: true, intervals: ['week'], options: [{ deliveries: 4, percentOff: 0 }], cutoffHours: 24 })
      expect(offer.status, JSON.stringify(offer.body)).toBe(200)

      // ——— An Alipay shopper with an address, the member card activated through the sandbox. ———
      const login = await call(ctx.app, 'POST', '/api/auth/alipay', { body: { authCode: `chain-${process.pid}` } })
      expect(login.status, JSON.stringify(login.body)).toBe(200)
      const userId = login.body.user.id as number
      // A fresh session per call: the clock outruns sessions.
      const token = async () => (await ctx.app.sessions.sign(userId)).token
      const address = await call(ctx.app, 'POST', '/api/addresses', { token: await token(), body: { name: '链路', phone: '13900139019', region: ['上海市', '上海市', '静安区'], detail: '南京西路 9 号' } })
      expect(address.status).toBe(201)
      const addressId = address.body.id as number

      const open = await call(ctx.app, 'POST', '/api/member-card/open', { token: await token() })
      expect(open.body, JSON.stringify(open.body)).toMatchObject({ kind: 'sandbox' })
      const cardToken = encodeURIComponent(new URL(open.body.path, 'http://x').searchParams.get('token') as string)
      const form = await call(ctx.app, 'POST', `/api/sandbox/member-card/${cardToken}/submit`, { body: { mobile: '13900139019' } })
      expect(form.status, JSON.stringify(form.body)).toBe(200)
      const card = await call<MemberCardView>(ctx.app, 'POST', '/api/member-card/activate', { token: await token(), body: form.body })
      expect(card.body, JSON.stringify(card.body)).toMatchObject({ status: 'active', levelName: '普通会员', points: 0 })
      await ctx.app.memberCardWorker.runOnce()

      const points = async () => (await call<PointsView>(ctx.app, 'GET', '/api/points?pageSize=50', { token: await token() })).body.balance
      const level = async () => (await call<MyLevel>(ctx.app, 'GET', '/api/levels/me', { token: await token() })).body
      const pay = async (orderId: number) => payThroughAlipay(ctx.app, await token(), orderId)

      // ——— 1. A delivery order paid: growth and points ×1, 银卡, the card updated. ———
      const first = await call<Order>(ctx.app, 'POST', '/api/orders', { token: await token(), body: { items: [{ skuId: sku, quantity: 2 }], addressId, idempotencyKey: key() } })
      expect(first.status, JSON.stringify(first.body)).toBe(201)
      await pay(first.body.id)
      const earned1 = Math.floor(first.body.total / 100)
      expect(await points()).toBe(earned1)
      expect(await level()).toMatchObject({ growth: earned1, level: { rank: 1, name: '银卡会员' } })
      const sentBefore = (await cardUpdates()).length
      await ctx.app.memberCardWorker.runOnce()
      expect((await cardUpdates()).slice(sentBefore).at(-1)?.card_info).toMatchObject({ level: '银卡会员', point: String(earned1) })

      // ——— 2. A pickup at the own-stock store, points spent, ×1.2, verified, then one mug refunded. ———
      const slot = slotDays(HOURS, clock)[0].slots[0]
      const pickup = await call<Order>(ctx.app, 'POST', '/api/orders', { token: await token(), body: { items: [{ skuId: sku, quantity: 2 }], idempotencyKey: key(), points: SPENT, fulfilment: { type: 'pickup', storeId, slot } } })
      expect(pickup.status, JSON.stringify(pickup.body)).toBe(201)
      expect(pickup.body).toMatchObject({ shipping: 0, total: 2 * UNIT - SPENT })
      expect(await ctx.app.inventory.stockOf(db(), sku, storeId)).toBe(3)
      await pay(pickup.body.id)
      const earned2 = multiplyPoints(Math.floor(pickup.body.total / 100), 1.2)
      expect(earned2).toBeGreaterThan(Math.floor(pickup.body.total / 100))
      expect(await points()).toBe(earned1 - SPENT + earned2)
      const verified = await admin<Order>('POST', '/api/admin/pickups/verify', { code: pickup.body.pickup?.code, storeId })
      expect(verified.status, JSON.stringify(verified.body)).toBe(200)
      expect(verified.body.status).toBe('completed')

      const growthBefore = (await level()).growth
      const part = await admin<Refund>('POST', `/api/admin/orders/${pickup.body.id}/refunds`, { lines: [{ skuId: sku, quantity: 1 }], reason: '一只有裂纹' })
      expect(part.body, JSON.stringify(part.body)).toMatchObject({ status: 'succeeded', restock: true })
      const paid2 = pickup.body.total
      const back = Math.floor((earned2 * part.body.amount) / paid2)
      const returned = Math.floor((SPENT * part.body.amount) / paid2)
      const growthBack = Math.floor((Math.floor(paid2 / 100) * part.body.amount) / paid2)
      expect(await points()).toBe(earned1 - SPENT + earned2 - back + returned)
      expect((await level()).growth).toBe(growthBefore - growthBack)
      expect(await growthOf(pickup.body.id)).toBe(Math.floor(paid2 / 100) - growthBack)
      // The refunded mug goes back to the store it came from, not to the warehouse.
      expect(await ctx.app.inventory.stockOf(db(), sku, storeId)).toBe(4)

      // ——— 3. A 4-week plan: growth for its total; two deliveries, each its own upload; cancelled. ———
      const bought = await call<{ planId: number; orderId: number }>(ctx.app, 'POST', '/api/plans', { token: await token(), body: { skuId: sku, deliveries: 4, interval: 'week', firstDate: '2026-12-10', addressId, idempotencyKey: key() } })
      expect(bought.status, JSON.stringify(bought.body)).toBe(201)
      const { planId, orderId: planOrder } = bought.body
      const planTotal = (await call<Order>(ctx.app, 'GET', `/api/orders/${planOrder}`, { token: await token() })).body.total
      expect(planTotal).toBe(4 * UNIT)
      await pay(planOrder)
      expect(await growthOf(planOrder)).toBe(Math.floor(planTotal / 100))
      const ship = (n: number) => admin('POST', `/api/admin/plans/${planId}/deliveries/${n}/ship`, { carrier: 'ZTO', trackingNo: `ZT19${planId}${n}${seq}` })
      setClock('2026-12-10T02:00:00Z')
      expect((await ship(1)).status).toBe(200)
      // Twelve days after the first parcel, the plan still running: not confirmed.
      setClock('2026-12-22T04:00:00Z')
      await ctx.app.shipping.autoConfirm()
      expect((await admin<{ order: Order }>('GET', `/api/admin/orders/${planOrder}`)).body.order.status).toBe('shipped')
      expect((await ship(2)).status).toBe(200)
      const syncs = await db().query("SELECT id FROM shipping_uploads WHERE order_id = $1 AND action = 'merchant.order.sync:ship'", [planOrder])
      expect(syncs.rows).toHaveLength(2)

      const growthPlan = (await level()).growth
      const cancelled = await call<{ plan: PlanView; refund: number }>(ctx.app, 'POST', `/api/plans/${planId}/cancel`, { token: await token() })
      expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200)
      const due = planRefund({ paid: planTotal, unitPrice: UNIT, quantity: 1, deliveries: 4, delivered: 2, options: [{ deliveries: 4, percentOff: 0 }] }).refund
      expect(cancelled.body.refund).toBe(due)
      await expect.poll(async () => (await refundsOf(planOrder)).map((r) => [r.amount, r.status])).toEqual([[due, 'succeeded']])
      const planGrowthBack = Math.floor((Math.floor(planTotal / 100) * due) / planTotal)
      expect((await level()).growth).toBe(growthPlan - planGrowthBack)

      // ——— 4. Replays: the first order's payment notify and the pickup refund's notify change nothing. ———
      const snapshot = async () => ({
        points: await points(),
        growth: (await level()).growth,
        store: await ctx.app.inventory.stockOf(db(), sku, storeId),
        warehouse: await ctx.app.inventory.stockOf(db(), sku),
        refunds: (await refundsOf(pickup.body.id)).map((r) => [r.amount, r.status]),
        first: (await admin<{ order: Order }>('GET', `/api/admin/orders/${first.body.id}`)).body.order.status,
      })
      const before = await snapshot()
      const out = (await db().one<{ out_trade_no: string }>('SELECT out_trade_no FROM payments WHERE order_id = $1 ORDER BY id DESC LIMIT 1', [first.body.id])).out_trade_no
      expect((await postNotify(ctx.app, 'alipay', sandboxPay().alipayNotify(out))).statusCode).toBeLessThan(300)
      const refundNo = (await db().one<{ out_refund_no: string }>('SELECT out_refund_no FROM refunds WHERE id = $1', [part.body.id])).out_refund_no
      expect((await postNotify(ctx.app, 'alipay', sandboxPay().alipayRefundNotify(refundNo))).statusCode).toBeLessThan(300)
      expect(await snapshot()).toEqual(before)

      // ——— The ledgers. ———
      const pts = await db().one<{ entries: number; lots: number; account: number }>(
        `SELECT coalesce(sum(delta), 0)::int AS entries, coalesce(sum(remaining), 0)::int AS lots, (SELECT balance FROM points_accounts WHERE user_id = $1) AS account FROM points_entries WHERE user_id = $1`,
        [userId],
      )
      expect({ entries: pts.entries, lots: pts.lots }).toEqual({ entries: pts.account, lots: pts.account })
      const growth = await db().one<{ entries: number; account: number }>('SELECT coalesce(sum(delta), 0)::int AS entries, (SELECT growth FROM growth_accounts WHERE user_id = $1) AS account FROM growth_entries WHERE user_id = $1', [userId])
      expect(growth.entries).toBe(growth.account)
      const storeMoves = await db().one<{ n: number }>('SELECT coalesce(sum(delta), 0)::int AS n FROM stock_movements WHERE sku_id = $1 AND store_id = $2', [sku, storeId])
      expect(storeMoves.n).toBe(await ctx.app.inventory.stockOf(db(), sku, storeId))
      const warehouseMoves = await db().one<{ n: number }>('SELECT coalesce(sum(delta), 0)::int AS n FROM stock_movements WHERE sku_id = $1 AND store_id IS NULL', [sku])
      expect(warehouseMoves.n).toBe(await ctx.app.inventory.stockOf(db(), sku))
      const twice = await db().query("SELECT order_id FROM growth_entries WHERE kind = 'order' GROUP BY order_id HAVING count(*) > 1")
      expect(twice.rows).toEqual([])
      // The card's last update carries what the shopper has now.
      await ctx.app.memberCardWorker.runOnce()
      expect((await cardUpdates()).at(-1)?.card_info).toMatchObject({ level: '银卡会员', point: String(pts.account) })
      setClock('2026-12-05T04:00:00Z')
    })
  },
  { now: () => clock, sandboxNotifyDelayMs: null },
)
