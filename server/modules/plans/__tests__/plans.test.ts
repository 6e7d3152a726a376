import { beforeEach, expect, it } from 'vitest'
import type { Order, Refund } from '../../../../src/domain/contract'
import { planRefund, type PlanDeliveryRow, type PlanOffer, type PlanQuote, type PlanView } from '../../../../src/domain/plans'
import { ADMIN_TOKEN, call, describeEachDb, productId, skuId, stockOf } from '../../../test/helpers'
import { payThroughAlipay, payThroughWechat, shopperWithAddress } from '../../../test/orders'
import { platformUser } from '../../payments/__tests__/helpers'

// 2026-12-05 12:00 in Beijing: with a 24 h cut-off the first delivery can be 12-07 at the earliest.
let clock = new Date('2026-12-05T04:00:00.000Z')
const setClock = (iso: string) => {
  clock = new Date(iso)
}
const DAY = 86_400_000
let seq = 0
const key = () => `plan-${process.pid}-${++seq}`
const OPTIONS = [
  { deliveries: 4, percentOff: 0 },
  { deliveries: 8, percentOff: 5 },
  { deliveries: 12, percentOff: 10 },
]

describeEachDb(
  'plans (周期购): buy, pay, skip, ship each delivery, change address, cancel for the fair refund',
  (ctx) => {
    beforeEach(() => setClock('2026-12-05T04:00:00.000Z'))
    const admin = <T = any>(method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) => call<T>(ctx.app, method, url, { token: ADMIN_TOKEN, body }) // eslint-disable-line @typescript-eslint/no-explicit-any
    const mug = () => skuId(ctx.t.db, 'mug', { 颜色: '米白' })
    const refundsOf = async (orderId: number) => (await admin<{ items: Refund[] }>('GET', `/api/admin/refunds?orderId=${orderId}`)).body.items

    let phones = 0
    /** A WeChat shopper (the plan's parcels are uploaded to WeChat) with one address of their own. */
    async function shopper() {
      const token = await platformUser(ctx.app, 'weapp')
      const phone = `139${String(++phones).padStart(8, '0')}`
      const a = await call(ctx.app, 'POST', '/api/addresses', { token, body: { name: `订户${phones}`, phone, region: ['浙江省', '杭州市', '西湖区'], detail: `文三路 ${phones} 号` } })
      expect(a.status, JSON.stringify(a.body)).toBe(201)
      return { token, addressId: a.body.id as number }
    }
    type Shopper = Awaited<ReturnType<typeof shopper>>
    const pay = (s: Shopper, orderId: number) => payThroughWechat(ctx.app, s.token, orderId)

    async function offer() {
      const r = await admin<PlanOffer>('PUT', `/api/admin/products/${await productId(ctx.t.db, 'mug')}/plan`, { enabled: true, intervals: ['week', '2weeks', 'month'], options: OPTIONS, cutoffHours: 24 })
      expect(r.status, JSON.stringify(r.body)).toBe(200)
    }

    const buy = async (s: Shopper, deliveries: number, firstDate = '2026-12-10', k = key()) =>
      call<{ planId: number; orderId: number; code?: string; field?: string }>(ctx.app, 'POST', '/api/plans', { token: s.token, body: { skuId: await mug(), deliveries, interval: 'week', firstDate, addressId: s.addressId, idempotencyKey: k } })

    async function paidPlan(deliveries: number) {
      const s = await shopper()
      const r = await buy(s, deliveries)
      expect(r.status, JSON.stringify(r.body)).toBe(201)
      await pay(s, r.body.orderId)
      return { s, ...r.body }
    }
    const plan = (s: Shopper, id: number) => call<PlanView & { code?: string }>(ctx.app, 'GET', `/api/plans/${id}`, { token: s.token })
    const ship = (planId: number, n: number) => admin<PlanDeliveryRow & { code?: string }>('POST', `/api/admin/plans/${planId}/deliveries/${n}/ship`, { carrier: 'ZTO', trackingNo: `ZT${planId}${n}0000${seq}` })
    const orderOf = async (s: Shopper, id: number) => (await call<Order>(ctx.app, 'GET', `/api/orders/${id}`, { token: s.token })).body
    // Weeks later the shopper's session has ended: the console's view.
    const statusOf = async (id: number) => (await admin<{ order: Order }>('GET', `/api/admin/orders/${id}`)).body.order.status

    it('the console sets an offer (bad fields named); the shop shows it and quotes the plan', async () => {
      const pid = await productId(ctx.t.db, 'mug')
      expect((await call(ctx.app, 'GET', `/api/products/${pid}/plan`)).body.code).toBe('PLAN_NOT_OFFERED')
      // The product page's question: no offer is an empty list (200), not a failed request.
      expect(await call(ctx.app, 'GET', `/api/plan-offers?productId=${pid}`)).toMatchObject({ status: 200, body: { items: [] } })
      expect((await call(ctx.app, 'GET', '/api/plan-offers?productId=x')).status).toBe(400)
      const bad = await admin('PUT', `/api/admin/products/${pid}/plan`, { enabled: true, intervals: ['week'], options: [{ deliveries: 4, percentOff: 60 }], cutoffHours: 24 })
      expect([bad.status, bad.body.field]).toEqual([400, 'options'])
      await offer()
      expect((await call<PlanOffer>(ctx.app, 'GET', `/api/products/${pid}/plan`)).body).toMatchObject({ productId: pid, enabled: true, options: OPTIONS, cutoffHours: 24 })
      expect((await call<{ items: PlanOffer[] }>(ctx.app, 'GET', `/api/plan-offers?productId=${pid}`)).body.items).toMatchObject([{ productId: pid, enabled: true }])
      const q = await call<PlanQuote>(ctx.app, 'POST', '/api/plans/preview', { body: { skuId: await mug(), deliveries: 8, interval: 'week', firstDate: '2026-12-10' } })
      expect(q.body).toMatchObject({ unitPrice: 3900, subtotal: 31200, total: 3705 * 8, discount: 31200 - 3705 * 8, percentOff: 5 })
      expect(q.body.dates).toHaveLength(8)
      const early = await call(ctx.app, 'POST', '/api/plans/preview', { body: { skuId: await mug(), deliveries: 8, interval: 'week', firstDate: '2026-12-06' } })
      expect([early.status, early.body.field]).toEqual([400, 'firstDate'])
      const far = await call(ctx.app, 'POST', '/api/plans/preview', { body: { skuId: await mug(), deliveries: 8, interval: 'week', firstDate: '2027-03-01' } })
      expect([far.status, far.body.field]).toEqual([400, 'firstDate'])
      const odd = await call(ctx.app, 'POST', '/api/plans/preview', { body: { skuId: await mug(), deliveries: 5, interval: 'week', firstDate: '2026-12-10' } })
      expect([odd.status, odd.body.field]).toEqual([400, 'deliveries'])
    })

    it('a first delivery more than 15 days after payment is reported to WeChat (opspecialorder), a sooner one is not', async () => {
      await offer()
      const s = await shopper()
      const late = await buy(s, 4, '2026-12-28')
      const soon = await buy(s, 4, '2026-12-10')
      expect([late.status, soon.status]).toEqual([201, 201])
      await pay(s, late.body.orderId)
      await pay(s, soon.body.orderId)
      const reports = async (orderId: number) =>
        (await ctx.t.db.query<{ request: { order_id: string; type: number; delay_to: number } | string }>("SELECT request FROM shipping_uploads WHERE order_id = $1 AND action = 'opspecialorder'", [orderId])).rows.map((r) =>
          typeof r.request === 'string' ? JSON.parse(r.request) : r.request,
        )
      const [report] = await reports(late.body.orderId)
      expect(report).toMatchObject({ type: 1, delay_to: Date.parse('2026-12-28T10:00:00+08:00') / 1000 })
      expect(report.order_id).toMatch(/\S/)
      expect(await reports(soon.body.orderId)).toEqual([])
      await ctx.app.shipping.worker.runOnce()
      const sent = await ctx.t.db.query<{ api: string }>("SELECT api FROM sandbox_shipping_calls WHERE api = 'opspecialorder' AND ref = $1", [report.order_id])
      expect(sent.rows).toHaveLength(1)
    })

    it('postpone (顺延): a delivery moves to a later day before the next one; the next day or later is a 400 naming date; others 404', async () => {
      await offer()
      const { s, planId } = await paidPlan(4)
      const post = (who: Shopper, n: number, date: string) => call<PlanView & { code?: string; field?: string }>(ctx.app, 'POST', `/api/plans/${planId}/deliveries/${n}/postpone`, { token: who.token, body: { date } })
      const moved = await post(s, 1, '2026-12-12')
      expect(moved.status, JSON.stringify(moved.body)).toBe(200)
      expect(moved.body.deliveries.map((d) => d.date)).toEqual(['2026-12-12', '2026-12-17', '2026-12-24', '2026-12-31'])
      const tooFar = await post(s, 1, '2026-12-17')
      expect([tooFar.status, tooFar.body.code, tooFar.body.field]).toEqual([400, 'BAD_INPUT', 'date'])
      expect((await post(await shopper(), 1, '2026-12-13')).status).toBe(404)
      expect((await plan(s, planId)).body.deliveries[0].date).toBe('2026-12-12')
    })

    it('a 4-week plan: one order (repeat key → same answer), paid → active with 4 dates; skip week 2 → 5 entries; past the cut-off → 409, nothing changed', async () => {
      await offer()
      const s = await shopper()
      const before = await stockOf(ctx.t.db, await mug())
      const k = key()
      const r = await buy(s, 4, '2026-12-10', k)
      expect(r.status, JSON.stringify(r.body)).toBe(201)
      expect((await buy(s, 4, '2026-12-10', k)).body).toEqual(r.body)
      expect(await stockOf(ctx.t.db, await mug())).toBe(before - 4)
      const o = await orderOf(s, r.body.orderId)
      expect(o).toMatchObject({ total: 3900 * 4, shipping: 0, plan: { id: r.body.planId } })
      expect((await plan(s, r.body.planId)).body.status).toBe('pending')
      await pay(s, r.body.orderId)
      const v = (await plan(s, r.body.planId)).body
      expect(v.status).toBe('active')
      expect(v.deliveries.map((d) => [d.date, d.status])).toEqual([
        ['2026-12-10', 'scheduled'],
        ['2026-12-17', 'scheduled'],
        ['2026-12-24', 'scheduled'],
        ['2026-12-31', 'scheduled'],
      ])
      const skipped = await call<PlanView>(ctx.app, 'POST', `/api/plans/${r.body.planId}/deliveries/2/skip`, { token: s.token })
      expect(skipped.status, JSON.stringify(skipped.body)).toBe(200)
      expect(skipped.body.deliveries.map((d) => [d.n, d.date, d.status])).toEqual([
        [1, '2026-12-10', 'scheduled'],
        [2, '2026-12-17', 'skipped'],
        [3, '2026-12-24', 'scheduled'],
        [4, '2026-12-31', 'scheduled'],
        [5, '2027-01-07', 'scheduled'],
      ])
      const again = await call(ctx.app, 'POST', `/api/plans/${r.body.planId}/deliveries/2/skip`, { token: s.token })
      expect([again.status, again.body.code]).toEqual([409, 'DELIVERY_NOT_SCHEDULED'])
      // Delivery 1 (12-10) could be skipped until 12-10 00:00 Beijing less 24 h = 12-09 00:00 Beijing.
      setClock('2026-12-08T16:00:00.000Z')
      const late = await call(ctx.app, 'POST', `/api/plans/${r.body.planId}/deliveries/1/skip`, { token: s.token })
      expect([late.status, late.body.code]).toEqual([409, 'PAST_CUTOFF'])
      expect((await plan(s, r.body.planId)).body.deliveries).toEqual(skipped.body.deliveries)
      const other = await shopper()
      expect((await plan(other, r.body.planId)).status).toBe(404)
      expect((await call<{ items: PlanView[] }>(ctx.app, 'GET', '/api/plans', { token: s.token })).body.items.map((p) => p.id)).toEqual([r.body.planId])
      setClock('2026-12-05T04:00:00.000Z')
    })

    it('each delivery ships on its own (a shipment and an upload each); the order is shipped after the first and not auto-confirmed before the last', async () => {
      await offer()
      const p = await paidPlan(4)
      // A plan order never ships in one go through the ordinary ship.
      const whole = await admin('POST', `/api/admin/orders/${p.orderId}/ship`, { carrier: 'ZTO', trackingNo: 'ZT0000000001' })
      expect(whole.status).toBe(409)
      // Later deliveries get the new address; the one being packed keeps its own.
      const moved = await call(ctx.app, 'POST', '/api/addresses', { token: p.s.token, body: { name: '新地址', phone: '13800009999', region: ['上海市', '上海市', '徐汇区'], detail: '漕溪北路 1 号' } })
      setClock('2026-12-08T17:00:00.000Z')
      const changed = await call<PlanView>(ctx.app, 'POST', `/api/plans/${p.planId}/address`, { token: p.s.token, body: { addressId: moved.body.id } })
      expect(changed.status, JSON.stringify(changed.body)).toBe(200)
      expect(changed.body.address.name).toBe('新地址')

      const uploads = async () => (await ctx.t.db.query<{ request: unknown }>("SELECT request FROM shipping_uploads WHERE order_id = $1 AND action = 'upload_shipping_info' ORDER BY id", [p.orderId])).rows.map((r) => (typeof r.request === 'string' ? JSON.parse(r.request) : r.request))
      const daily = await admin<{ items: PlanDeliveryRow[] }>('GET', '/api/admin/plan-deliveries?date=2026-12-10')
      expect(daily.body.items.find((d) => d.planId === p.planId)).toMatchObject({ n: 1, status: 'scheduled', quantity: 1, orderId: p.orderId, address: { name: expect.stringMatching(/^订户/) } })
      expect((await admin<{ items: PlanDeliveryRow[] }>('GET', '/api/admin/plan-deliveries?date=2026-12-17')).body.items.find((d) => d.planId === p.planId)?.address.name).toBe('新地址')
      expect((await admin('GET', '/api/admin/plan-deliveries?date=12-10')).status).toBe(400)

      const first = await ship(p.planId, 1)
      expect(first.status, JSON.stringify(first.body)).toBe(200)
      expect(first.body).toMatchObject({ n: 1, status: 'shipped', tracking: { carrier: 'ZTO' } })
      expect((await orderOf(p.s, p.orderId)).status).toBe('shipped')
      expect((await ship(p.planId, 1)).body.code).toBe('DELIVERY_NOT_SCHEDULED')
      setClock('2026-12-30T04:00:00.000Z')
      expect((await ship(p.planId, 2)).status).toBe(200)
      expect((await ship(p.planId, 3)).status).toBe(200)
      // Three weeks after the first parcel: still waiting for the last delivery.
      await ctx.app.shipping.autoConfirm()
      expect(await statusOf(p.orderId)).toBe('shipped')
      expect((await ship(p.planId, 4)).status).toBe(200)
      const shipments = await ctx.t.db.query('SELECT id FROM shipments WHERE order_id = $1', [p.orderId])
      expect(shipments.rows).toHaveLength(4)
      const u = await uploads()
      expect(u.map((x) => [x.delivery_mode, x.is_all_delivered, x.shipping_list.length])).toEqual([
        [2, false, 1],
        [2, false, 1],
        [2, false, 1],
        [2, true, 1],
      ])
      expect(u[0].shipping_list[0].item_desc).toMatch(/\*1$/)
      const done = (await admin<{ items: PlanView[] }>('GET', '/api/admin/plans?status=completed')).body.items.find((x) => x.id === p.planId) as PlanView
      expect(done.status).toBe('completed')
      expect(done.deliveries.every((d) => d.status === 'shipped' && d.tracking)).toBe(true)
      // Completed, but the last parcel left today: confirmed only ORDER_AUTO_CONFIRM_DAYS later.
      await ctx.app.shipping.autoConfirm()
      expect(await statusOf(p.orderId)).toBe('shipped')
      setClock(new Date(clock.getTime() + 11 * DAY).toISOString())
      await ctx.app.shipping.autoConfirm()
      expect(await statusOf(p.orderId)).toBe('completed')
      setClock('2026-12-05T04:00:00.000Z')
    })

    it('on Alipay each delivery syncs the order with every parcel so far (alipay.merchant.order.sync, one per delivery)', async () => {
      await offer()
      const s = await shopperWithAddress(ctx.app)
      const r = await buy(s, 4)
      expect(r.status, JSON.stringify(r.body)).toBe(201)
      await payThroughAlipay(ctx.app, s.token, r.body.orderId)
      expect((await ship(r.body.planId, 1)).status).toBe(200)
      expect((await ship(r.body.planId, 2)).status).toBe(200)
      const syncs = await ctx.t.db.query<{ request: unknown }>("SELECT request FROM shipping_uploads WHERE order_id = $1 AND action = 'merchant.order.sync:ship' ORDER BY id", [r.body.orderId])
      const lists = syncs.rows.map((x) => (typeof x.request === 'string' ? JSON.parse(x.request) : x.request).logistics_info_list.length)
      expect(lists).toEqual([1, 2])
    })

    it('cancelling midway refunds planRefund exactly (the 8-plan discount taken back for the 2 delivered); two cancels at once refund once', async () => {
      await offer()
      const p = await paidPlan(8)
      const stock = await stockOf(ctx.t.db, await mug())
      expect((await ship(p.planId, 1)).status).toBe(200)
      expect((await ship(p.planId, 2)).status).toBe(200)
      const paid = 3705 * 8
      const expected = planRefund({ paid, unitPrice: 3900, quantity: 1, deliveries: 8, delivered: 2, options: OPTIONS }).refund
      expect(expected).toBe(paid - 2 * 3900)
      const both = await Promise.all([1, 2].map(() => call<{ plan: PlanView; refund: number; code?: string }>(ctx.app, 'POST', `/api/plans/${p.planId}/cancel`, { token: p.s.token })))
      expect(both.map((r) => r.status).sort()).toEqual([200, 409])
      const won = both.find((r) => r.status === 200)!
      expect(both.find((r) => r.status === 409)!.body.code).toBe('PLAN_NOT_ACTIVE')
      expect(won.body.refund).toBe(expected)
      expect(won.body.plan.status).toBe('cancelled')
      expect(won.body.plan.refunded).toBe(expected)
      expect(won.body.plan.deliveries.map((d) => d.status)).toEqual(['shipped', 'shipped', ...Array(6).fill('cancelled')])
      const refunds = await refundsOf(p.orderId)
      expect(refunds.map((r) => [r.amount, r.reason])).toEqual([[expected, '周期购取消，退还未配送期数']])
      // The sandbox answers PROCESSING first, then SUCCESS.
      if (refunds[0].status !== 'succeeded') expect((await ctx.app.payments.refunds.submit(refunds[0].id)).status).toBe('succeeded')
      const o = await orderOf(p.s, p.orderId)
      expect(o.refundedTotal).toBe(expected)
      expect(o.status).toBe('shipped')
      expect(await stockOf(ctx.t.db, await mug())).toBe(stock + 6)
      const pay = await ctx.t.db.one<{ refunded: number }>('SELECT coalesce(sum(amount), 0)::int AS refunded FROM refunds WHERE order_id = $1 AND status = $2', [p.orderId, 'succeeded'])
      expect(pay.refunded).toBe(expected)
    })

    it('cancelling before any delivery refunds everything; an admin refund of the whole order cancels the plan', async () => {
      await offer()
      const a = await paidPlan(4)
      const c = await call<{ refund: number }>(ctx.app, 'POST', `/api/plans/${a.planId}/cancel`, { token: a.s.token })
      expect(c.status, JSON.stringify(c.body)).toBe(200)
      expect(c.body.refund).toBe(3900 * 4)
      const b = await paidPlan(4)
      const r = await admin('POST', `/api/admin/orders/${b.orderId}/refunds`, { reason: '协商退款' })
      expect(r.status, JSON.stringify(r.body)).toBeLessThan(300)
      expect((await plan(b.s, b.planId)).body.status).toBe('cancelled')
      expect((await ship(b.planId, 1)).body.code).toBe('PLAN_NOT_ACTIVE')
    })

    it('plan settings: holidays validated and moving a delivery off a closed day', async () => {
      const badDay = await admin('PUT', '/api/admin/plan-settings', { holidays: ['2026-13-01'] })
      expect(badDay.body.field, JSON.stringify(badDay.body)).toBe('holidays')
      const ok = await admin('PUT', '/api/admin/plan-settings', { holidays: ['2026-12-17', '2026-12-10'] })
      expect(ok.body).toEqual({ holidays: ['2026-12-10', '2026-12-17'] })
      await offer()
      const q = await call<PlanQuote>(ctx.app, 'POST', '/api/plans/preview', { body: { skuId: await mug(), deliveries: 4, interval: 'week', firstDate: '2026-12-10' } })
      expect(q.body.dates).toEqual(['2026-12-11', '2026-12-18', '2026-12-24', '2026-12-31'])
      await admin('PUT', '/api/admin/plan-settings', { holidays: [] })
    })
  },
  { now: () => clock, sandboxNotifyDelayMs: null },
)

describeEachDb(
  'plans: the demo shop seeds a plan offer on the drip coffee under its own claim',
  (ctx) => {
    it('GET /api/products/:id/plan answers the seeded offer; the claim is written once', async () => {
      const pid = await productId(ctx.t.db, 'coffee-drip')
      const r = await call<PlanOffer>(ctx.app, 'GET', `/api/products/${pid}/plan`)
      expect(r.body).toEqual({ productId: pid, enabled: true, intervals: ['week', '2weeks', 'month'], options: OPTIONS, cutoffHours: 24 })
      expect((await ctx.t.db.one<{ n: number }>("SELECT count(*)::int AS n FROM meta WHERE key = 'seeded_plans'")).n).toBe(1)
    })
  },
  { now: () => clock, seed: undefined },
)
