import { expect, it } from 'vitest'
import type { Order, PricePreview, Refund } from '../../../../src/domain/contract'
import type { ShippingUpload } from '../../../../src/domain/shipping'
import { slotDays, type AdminPickupRow, type PickupSettings, type StoreHours } from '../../../../src/domain/stores'
import { ADMIN_TOKEN, call, describeEachDb, skuId, stockOf } from '../../../test/helpers'
import type { SandboxPay } from '../../../platforms'
import { platformUser, postNotify } from '../../payments/__tests__/helpers'

let clock = new Date('2026-12-05T04:00:00.000Z')
const HOUR = 3600_000
const DAY = 24 * HOUR
let seq = 0
const key = () => `pickup-${process.pid}-${++seq}`
const HOURS: StoreHours = { weekdays: [1, 2, 3, 4, 5, 6, 7], open: '09:00', close: '21:00' }
/** The first slot still bookable at the test clock. */
const nextSlot = () => slotDays(HOURS, clock)[0].slots[0]

describeEachDb(
  'pickup (门店自提): checkout, the code, verify once, per-store stock, remind and refund',
  (ctx) => {
    const admin = <T = any>(method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) => call<T>(ctx.app, method, url, { token: ADMIN_TOKEN, body }) // eslint-disable-line @typescript-eslint/no-explicit-any
    const sandboxPay = () => ctx.app.payments.providers.sandbox as SandboxPay
    const mug = () => skuId(ctx.t.db, 'mug', { 颜色: '米白' })
    const storeStock = (store: number, sku: number) => ctx.app.inventory.stockOf(ctx.t.db, sku, store)

    /** A store (the stores module's table; a fixture here), stocked with `units` of the mug when it keeps its own stock. */
    async function store(over: { stockMode?: 'own' | 'shared'; pickup?: boolean; active?: boolean; units?: number } = {}): Promise<number> {
      const r = await ctx.t.db.one<{ id: number }>(
        `INSERT INTO stores (name, city, address, phone, latitude, longitude, hours, stock_mode, pickup, active, created_at, updated_at)
         VALUES ('测试门店', '上海', '南京西路 1 号', '021-12345678', 31.23, 121.47, $1, $2, $3, $4, now(), now()) RETURNING id`,
        [JSON.stringify(HOURS), over.stockMode ?? 'shared', over.pickup ?? true, over.active ?? true],
      )
      if (over.units) {
        const sku = await mug()
        await ctx.t.db.tx((q) => ctx.app.inventory.adjust(q, sku, over.units as number, '到货', r.id))
      }
      return r.id
    }

    const place = async (token: string, storeId: number, slot = nextSlot(), quantity = 1) =>
      call<Order & { code?: string; skuId?: number; field?: string }>(ctx.app, 'POST', '/api/orders', {
        token,
        body: { items: [{ skuId: await mug(), quantity }], idempotencyKey: key(), fulfilment: { type: 'pickup', storeId, slot } },
      })

    async function pay(token: string, orderId: number) {
      expect((await call(ctx.app, 'POST', `/api/orders/${orderId}/pay`, { token })).status).toBe(200)
      const out = (await ctx.t.db.one<{ out_trade_no: string }>('SELECT out_trade_no FROM payments WHERE order_id = $1 ORDER BY id DESC LIMIT 1', [orderId])).out_trade_no
      sandboxPay().settle(out)
      expect((await postNotify(ctx.app, 'wechat', sandboxPay().wechatNotify(out))).statusCode).toBeLessThan(300)
    }

    /** A paid pickup order of a WeChat shopper at `storeId`. */
    async function paidPickup(storeId: number) {
      const token = await platformUser(ctx.app, 'weapp')
      const o = await place(token, storeId)
      expect(o.status, JSON.stringify(o.body)).toBe(201)
      await pay(token, o.body.id)
      return { token, order: o.body, code: o.body.pickup?.code as string }
    }

    const verify = (code: string, storeId?: number) => admin<Order & { code?: string }>('POST', '/api/admin/pickups/verify', { code, storeId })
    const ordersOf = async (token: string) => (await call<{ total: number }>(ctx.app, 'GET', '/api/orders', { token })).body.total

    it('a pickup order: no shipping fee, no address, a code; paid, verified once at the store → completed, shipped as a pickup (WeChat logistics_type 4)', async () => {
      const storeId = await store()
      const token = await platformUser(ctx.app, 'weapp')
      const items = [{ skuId: await mug(), quantity: 1 }]
      const delivery = await call<PricePreview>(ctx.app, 'POST', '/api/orders/preview', { token, body: { items } })
      const preview = await call<PricePreview>(ctx.app, 'POST', '/api/orders/preview', { token, body: { items, fulfilment: { type: 'pickup', storeId, slot: nextSlot() } } })
      expect(preview.status, JSON.stringify(preview.body)).toBe(200)
      expect(delivery.body.shipping).toBeGreaterThan(0)
      expect(preview.body.shipping).toBe(0)
      expect(preview.body.total).toBe(delivery.body.total - delivery.body.shipping)

      const warehouse = await stockOf(ctx.t.db, await mug())
      const placed = await place(token, storeId)
      expect(placed.status, JSON.stringify(placed.body)).toBe(201)
      expect(placed.body.address).toBeNull()
      expect(placed.body.shipping).toBe(0)
      expect(placed.body.pickup).toMatchObject({ storeId, slot: nextSlot(), status: 'waiting', storeName: '测试门店', verifiedAt: null })
      expect(placed.body.pickup?.code).toMatch(/^\d{8}$/)
      // A shared-stock store sells from the warehouse.
      expect(await stockOf(ctx.t.db, await mug())).toBe(warehouse - 1)

      // Unpaid: the code is not good yet.
      const code = placed.body.pickup?.code as string
      expect([(await verify(code)).status, (await verify(code)).body.code]).toEqual([409, 'ORDER_NOT_PAID'])
      await pay(token, placed.body.id)
      const shown = await call<Order>(ctx.app, 'GET', `/api/orders/${placed.body.id}`, { token })
      expect(shown.body.pickup?.code).toBe(code)
      expect((await call<Order[]>(ctx.app, 'GET', '/api/orders', { token })).body).toMatchObject({ items: [{ id: placed.body.id, pickup: { code } }] })
      const qr = await call<{ code: string; qr: string }>(ctx.app, 'GET', `/api/orders/${placed.body.id}/pickup-qr`, { token })
      expect(qr.body.code).toBe(code)
      expect(qr.body.qr).toMatch(/^data:image\/png;base64,/)
      const stranger = await platformUser(ctx.app, 'weapp')
      expect((await call(ctx.app, 'GET', `/api/orders/${placed.body.id}/pickup-qr`, { token: stranger })).status).toBe(404)
      // The paid message tells the shopper the goods wait for them.
      expect((await ctx.t.db.query("SELECT 1 FROM message_outbox WHERE order_id = $1 AND event = 'pickup_ready'", [placed.body.id])).rows).toHaveLength(1)

      const wrong = await verify(code, storeId + 1000)
      expect([wrong.status, wrong.body.code]).toEqual([409, 'WRONG_STORE'])
      const done = await verify(` ${code.slice(0, 4)} ${code.slice(4)} `, storeId)
      expect(done.status, JSON.stringify(done.body)).toBe(200)
      expect(done.body.status).toBe('completed')
      expect(done.body.pickup).toMatchObject({ status: 'picked' })
      expect(done.body.timeline.map((e) => e.status)).toEqual(['created', 'paid', 'shipped', 'completed'])
      expect(done.body.timeline.at(-1)?.note).toBe('门店核销')
      expect((await ctx.app.shipping.shipments(placed.body.id)).map((s) => [s.kind, s.carrier])).toEqual([['pickup', null]])
      const uploads = (await admin<{ items: ShippingUpload[] }>('GET', `/api/admin/shipping-uploads?orderId=${placed.body.id}`)).body.items
      expect(uploads.map((u) => (u.request as { logistics_type: number }).logistics_type)).toEqual([4])
      const again = await verify(code)
      expect([again.status, again.body.code]).toEqual([409, 'PICKUP_USED'])
      const qrDone = await call(ctx.app, 'GET', `/api/orders/${placed.body.id}/pickup-qr`, { token })
      expect([qrDone.status, qrDone.body.code]).toEqual([409, 'PICKUP_DONE'])
      const audit = await ctx.t.db.query("SELECT 1 FROM audit_log WHERE action = 'pickup.verify' AND entity_id = $1", [placed.body.id])
      expect(audit.rows).toHaveLength(1)
      expect((await verify('00000000')).body.code).toBe('PICKUP_NOT_FOUND')
      expect((await verify('12ab')).status).toBe(400)

      const listed = await admin<{ items: AdminPickupRow[]; total: number }>('GET', `/api/admin/pickups?storeId=${storeId}&status=picked`)
      expect(listed.body.items.map((r) => [r.orderId, r.code, r.status])).toEqual([[placed.body.id, code, 'picked']])
    })

    it('two verifies of one code at once: exactly one 200, one 409 PICKUP_USED; one shipment', async () => {
      const storeId = await store()
      const p = await paidPickup(storeId)
      const results = await Promise.all([verify(p.code, storeId), verify(p.code, storeId)])
      expect(results.map((r) => r.status).sort()).toEqual([200, 409])
      expect(results.find((r) => r.status === 409)?.body.code).toBe('PICKUP_USED')
      expect(await ctx.app.shipping.shipments(p.order.id)).toHaveLength(1)
    })

    it('the ordinary ship endpoint refuses a pickup order (409 PICKUP_ORDER)', async () => {
      const p = await paidPickup(await store())
      const r = await admin('POST', `/api/admin/orders/${p.order.id}/ship`, { kind: 'pickup' })
      expect([r.status, r.body.code]).toEqual([409, 'PICKUP_ORDER'])
      expect((await ctx.t.db.one<{ status: string }>('SELECT status FROM orders WHERE id = $1', [p.order.id])).status).toBe('paid')
    })

    it('a store keeping its own stock: 5 shoppers race for its 2 units → 2 orders, 3 × 409 STORE_OUT_OF_STOCK; the warehouse untouched', async () => {
      const storeId = await store({ stockMode: 'own', units: 2 })
      const sku = await mug()
      const warehouse = await stockOf(ctx.t.db, sku)
      const shoppers = await Promise.all(Array.from({ length: 5 }, () => platformUser(ctx.app, 'weapp')))
      const results = await Promise.all(shoppers.map((t) => place(t, storeId)))
      expect(results.filter((r) => r.status === 201)).toHaveLength(2)
      const refused = results.filter((r) => r.status !== 201)
      expect(refused.map((r) => [r.status, r.body.code, r.body.field, r.body.skuId])).toEqual(Array(3).fill([409, 'STORE_OUT_OF_STOCK', 'skuId', sku]))
      expect(await storeStock(storeId, sku)).toBe(0)
      expect(await stockOf(ctx.t.db, sku)).toBe(warehouse)
      // Nothing of the refused orders stays.
      expect((await ctx.t.db.one<{ n: number }>('SELECT count(*)::int AS n FROM order_pickups WHERE store_id = $1', [storeId])).n).toBe(2)

      // A cancelled unpaid pickup order puts its unit back on the store's shelf, and its pickup ends.
      const first = results.find((r) => r.status === 201)
      const owner = shoppers[results.indexOf(first as (typeof results)[number])]
      expect((await call(ctx.app, 'POST', `/api/orders/${first?.body.id}/cancel`, { token: owner })).status).toBe(200)
      expect(await storeStock(storeId, sku)).toBe(1)
      expect(await stockOf(ctx.t.db, sku)).toBe(warehouse)
      expect((await call<Order>(ctx.app, 'GET', `/api/orders/${first?.body.id}`, { token: owner })).body.pickup?.status).toBe('expired')
    })

    it('bad slot, unknown / inactive store, no pickup, a slot in the past, pay after use, a gift: 4xx and nothing written', async () => {
      const token = await platformUser(ctx.app, 'weapp')
      const open = await store()
      const inactive = await store({ active: false })
      const noPickup = await store({ pickup: false })
      const cases: [number, string, number, string][] = [
        [open, '明天下午', 400, 'BAD_INPUT'],
        [open, '2026-12-05 25:00-26:00', 400, 'BAD_INPUT'],
        [999_999, nextSlot(), 404, 'STORE_NOT_FOUND'],
        [inactive, nextSlot(), 404, 'STORE_NOT_FOUND'],
        [noPickup, nextSlot(), 409, 'STORE_NO_PICKUP'],
        [open, '2026-12-04 10:00-11:00', 409, 'SLOT_UNAVAILABLE'],
        [open, '2026-12-05 22:00-23:00', 409, 'SLOT_UNAVAILABLE'],
      ]
      for (const [storeId, slot, status, code] of cases) {
        const r = await place(token, storeId, slot)
        expect([r.status, r.body.code], `${storeId} ${slot}`).toEqual([status, code])
        const p = await call(ctx.app, 'POST', '/api/orders/preview', { token, body: { items: [{ skuId: await mug(), quantity: 1 }], fulfilment: { type: 'pickup', storeId, slot } } })
        expect([p.status, p.body.code]).toEqual([status, code])
      }
      const base = { items: [{ skuId: await mug(), quantity: 1 }], fulfilment: { type: 'pickup', storeId: open, slot: nextSlot() } }
      const later = await call(ctx.app, 'POST', '/api/orders', { token, body: { ...base, idempotencyKey: key(), paymentMode: 'pay_after_use' } })
      expect([later.status, later.body.code]).toEqual([400, 'PICKUP_NOT_SUPPORTED'])
      const gift = await call(ctx.app, 'POST', '/api/orders', { token, body: { ...base, idempotencyKey: key(), gift: { message: '生日快乐', recipients: 1 } } })
      expect([gift.status, gift.body.code]).toEqual([400, 'PICKUP_NOT_SUPPORTED'])
      const badType = await call(ctx.app, 'POST', '/api/orders', { token, body: { ...base, idempotencyKey: key(), fulfilment: { type: 'drone' } } })
      expect(badType.status).toBe(400)
      expect(await ordersOf(token)).toBe(0)
    })

    it('the cart checkout takes pickup too', async () => {
      const storeId = await store()
      const token = await platformUser(ctx.app, 'weapp')
      const sku = await mug()
      expect((await call(ctx.app, 'POST', '/api/cart/lines', { token, body: { skuId: sku, quantity: 1 } })).status).toBeLessThan(300)
      const r = await call<Order>(ctx.app, 'POST', '/api/orders', { token, body: { items: [{ skuId: sku, quantity: 1 }], idempotencyKey: key(), fromCart: true, fulfilment: { type: 'pickup', storeId, slot: nextSlot() } } })
      expect(r.status, JSON.stringify(r.body)).toBe(201)
      expect(r.body.pickup?.storeId).toBe(storeId)
      expect((await call<{ lines: unknown[] }>(ctx.app, 'GET', '/api/cart', { token })).body.lines).toEqual([])
    })

    it('settings: read, validated, written and audited', async () => {
      expect((await admin<PickupSettings>('GET', '/api/admin/pickup-settings')).body).toEqual({ remindAfterHours: 24, refundAfterDays: 3 })
      for (const body of [{ remindAfterHours: 169, refundAfterDays: 3 }, { remindAfterHours: 24, refundAfterDays: 0 }, { remindAfterHours: 24, refundAfterDays: 31 }, { remindAfterHours: 1.5, refundAfterDays: 3 }]) {
        expect((await admin('PUT', '/api/admin/pickup-settings', body)).status, JSON.stringify(body)).toBe(400)
      }
      const ok = await admin<PickupSettings>('PUT', '/api/admin/pickup-settings', { remindAfterHours: 12, refundAfterDays: 2 })
      expect(ok.body).toEqual({ remindAfterHours: 12, refundAfterDays: 2 })
      expect((await ctx.t.db.query("SELECT 1 FROM audit_log WHERE action = 'pickup_settings.update'")).rows).toHaveLength(1)
      await admin('PUT', '/api/admin/pickup-settings', { remindAfterHours: 24, refundAfterDays: 3 })
    })

    it('unpicked: reminded once, then refunded once in full with two sweepers at once; its units go back to the store', async () => {
      const storeId = await store({ stockMode: 'own', units: 1 })
      const sku = await mug()
      const p = await paidPickup(storeId)
      expect(await storeStock(storeId, sku)).toBe(0)
      const reminders = async () => (await ctx.t.db.query("SELECT 1 FROM message_outbox WHERE order_id = $1 AND event = 'pickup_reminder'", [p.order.id])).rows.length
      const end = Date.parse(p.order.pickup?.expiresAt as string) - 3 * DAY
      clock = new Date(end + 23 * HOUR)
      await ctx.app.pickups.sweep()
      expect(await reminders()).toBe(0)
      clock = new Date(end + 24 * HOUR)
      await Promise.all([ctx.app.pickups.sweep(), ctx.app.pickups.sweep()])
      await ctx.app.pickups.sweep()
      expect(await reminders()).toBe(1)
      expect((await ctx.t.db.query('SELECT 1 FROM refunds WHERE order_id = $1', [p.order.id])).rows).toHaveLength(0)

      clock = new Date(end + 3 * DAY)
      await Promise.all([ctx.app.pickups.sweep(), ctx.app.pickups.sweep()])
      await ctx.app.pickups.sweep()
      const refunds = (await admin<{ items: Refund[] }>('GET', `/api/admin/refunds?orderId=${p.order.id}`)).body.items
      expect(refunds).toHaveLength(1)
      expect(refunds[0]).toMatchObject({ amount: p.order.total, reason: '超时未自提，自动退款' })
      // The sandbox answers PROCESSING first, SUCCESS on the next ask; the units come back on success.
      expect((await ctx.app.payments.refunds.submit(refunds[0].id)).status).toBe('succeeded')
      expect(await storeStock(storeId, sku)).toBe(1)
      const after = await call<Order>(ctx.app, 'GET', `/api/orders/${p.order.id}`, { token: p.token })
      expect([after.body.status, after.body.pickup?.status]).toEqual(['refunded', 'expired'])
      const late = await verify(p.code)
      expect([late.status, late.body.code]).toEqual([409, 'PICKUP_EXPIRED'])
      expect(await reminders()).toBe(1)
    })
  },
  { now: () => clock, sandboxNotifyDelayMs: null },
)
