import { expect, it, vi } from 'vitest'
import type { Order } from '../../../../src/domain/contract'
import { DEFAULT_AUTO_CONFIRM_DAYS, type ShippingUpload } from '../../../../src/domain/shipping'
import { loadConfig } from '../../../plugins/env'
import { ADMIN_TOKEN, call, describeEachDb, login, skuId } from '../../../test/helpers'
import type { SandboxPay } from '../../../platforms'
import { platformUser, postNotify } from '../../payments/__tests__/helpers'
import { createShippingWorker } from '../worker'

let clock = Date.parse('2026-12-05T04:00:00.000Z')
let seq = 0
const key = () => `ship-${process.pid}-${++seq}`
const beijing = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().replace('Z', '+08:00')

describeEachDb(
  'shipping: uploads to the platforms, receipt, auto-confirm',
  (ctx) => {
    const admin = <T = any>(method: 'GET' | 'POST', url: string, body?: unknown) => call<T>(ctx.app, method, url, { token: ADMIN_TOKEN, body }) // eslint-disable-line @typescript-eslint/no-explicit-any
    const sandboxPay = () => ctx.app.payments.providers.sandbox as SandboxPay
    const sandbox = () => ctx.app.shipping.sandbox
    const uploads = async (orderId: number) => (await admin<{ items: ShippingUpload[]; total: number }>('GET', `/api/admin/shipping-uploads?orderId=${orderId}`)).body.items
    const run = () => ctx.app.shipping.worker.runOnce()

    /** A paid order of a WeChat / Alipay / H5 shopper: placed with an address, paid through the platform's signed notify. */
    async function paidOrder(platform: 'weapp' | 'alipay', items?: { skuId: number; quantity: number }[]) {
      const token = await platformUser(ctx.app, platform)
      const addr = await call(ctx.app, 'POST', '/api/addresses', { token, body: { name: '李四', phone: '13800000001', region: ['广东省', '深圳市', '南山区'], detail: '科技园南路 1 号' } })
      const lines = items ?? [
        { skuId: await skuId(ctx.t.db, 'mug', { 颜色: '米白' }), quantity: 2 },
        { skuId: await skuId(ctx.t.db, 'tee', { 颜色: '白色', 尺码: 'M' }), quantity: 1 },
      ]
      const o = await call<Order>(ctx.app, 'POST', '/api/orders', { token, body: { items: lines, addressId: addr.body.id, idempotencyKey: key() } })
      expect(o.status, JSON.stringify(o.body)).toBe(201)
      expect((await call(ctx.app, 'POST', `/api/orders/${o.body.id}/pay`, { token })).status).toBe(200)
      const out = (await ctx.t.db.one<{ out_trade_no: string }>('SELECT out_trade_no FROM payments WHERE order_id = $1 ORDER BY id DESC LIMIT 1', [o.body.id])).out_trade_no
      sandboxPay().settle(out)
      const n = platform === 'weapp' ? sandboxPay().wechatNotify(out) : sandboxPay().alipayNotify(out)
      expect((await postNotify(ctx.app, platform === 'weapp' ? 'wechat' : 'alipay', n)).statusCode).toBeLessThan(300)
      const pay = await ctx.t.db.one<{ platform_trade_id: string }>("SELECT platform_trade_id FROM payments WHERE order_id = $1 AND status = 'paid'", [o.body.id])
      const user = await ctx.t.db.one<{ external_id: string }>('SELECT u.external_id FROM users u JOIN orders o ON o.user_id = u.id WHERE o.id = $1', [o.body.id])
      return { token, order: o.body, out, tradeId: pay.platform_trade_id, buyer: user.external_id }
    }
    /** One mug: the tiny catalog's T-shirts run out over this file. */
    const mugOnly = async () => [{ skuId: await skuId(ctx.t.db, 'mug', { 颜色: '米白' }), quantity: 1 }]
    const desc = (o: Order) => o.items.map((l) => `${l.title}*${l.quantity}`).join('，')

    it('ship (old body) on a WeChat order: one pending upload with the exact upload_shipping_info body, sent by the worker and recorded by the sandbox', async () => {
      const p = await paidOrder('weapp')
      const s = await admin<Order>('POST', `/api/admin/orders/${p.order.id}/ship`, { carrier: 'SF', trackingNo: 'SF1234567890' })
      expect([s.status, s.body.status]).toEqual([200, 'shipped'])
      const expected = {
        order_key: { order_number_type: 2, transaction_id: p.tradeId },
        logistics_type: 1,
        delivery_mode: 1,
        shipping_list: [{ tracking_no: 'SF1234567890', express_company: 'SF', item_desc: desc(p.order), contact: { receiver_contact: '138****0001' } }],
        upload_time: beijing(clock),
        payer: { openid: p.buyer },
      }
      const [u] = await uploads(p.order.id)
      expect(u).toMatchObject({ orderId: p.order.id, provider: 'sandbox', action: 'upload_shipping_info', status: 'pending', attempts: 0, request: expected, sentAt: null })
      expect(await run()).toBeGreaterThanOrEqual(1)
      expect((await uploads(p.order.id))[0]).toMatchObject({ status: 'sent', attempts: 1, response: { errcode: 0, errmsg: 'ok' }, lastError: null })
      expect((await sandbox().calls({ transactionId: p.tradeId })).map((c) => [c.api, c.request])).toEqual([['upload_shipping_info', expected]])
      const shipments = await admin('GET', `/api/admin/orders/${p.order.id}/shipments`)
      expect(shipments.body.items).toEqual([expect.objectContaining({ kind: 'express', carrier: 'SF', carrierName: '顺丰速运', trackingNo: 'SF1234567890', items: [] })])
      const audit = await ctx.t.db.query<{ after: unknown }>("SELECT after FROM audit_log WHERE action = 'order.ship' AND entity_id = $1", [String(p.order.id)])
      expect(audit.rows).toEqual([{ after: { status: 'shipped', kind: 'express', parcels: [{ carrier: 'SF', trackingNo: 'SF1234567890' }] } }])
    })

    it('split parcels and virtual goods: SPLIT_DELIVERY with each parcel\'s lines, logistics_type 3 without parcels', async () => {
      const p = await paidOrder('weapp')
      const [mug, tee] = p.order.items
      const s = await admin('POST', `/api/admin/orders/${p.order.id}/ship`, {
        kind: 'express',
        parcels: [
          { carrier: 'ZTO', trackingNo: '78000001', items: [{ orderItemId: mug.id, quantity: 2 }] },
          { carrier: 'YTO', trackingNo: 'YT-000002', items: [{ orderItemId: tee.id, quantity: 1 }] },
        ],
      })
      expect(s.status, JSON.stringify(s.body)).toBe(200)
      expect((await uploads(p.order.id))[0].request).toEqual({
        order_key: { order_number_type: 2, transaction_id: p.tradeId },
        logistics_type: 1,
        delivery_mode: 2,
        is_all_delivered: true,
        shipping_list: [
          { tracking_no: '78000001', express_company: 'ZTO', item_desc: `${mug.title}*2` },
          { tracking_no: 'YT-000002', express_company: 'YTO', item_desc: `${tee.title}*1` },
        ],
        upload_time: beijing(clock),
        payer: { openid: p.buyer },
      })
      expect((await admin('GET', `/api/admin/orders/${p.order.id}/shipments`)).body.items.map((x: { trackingNo: string }) => x.trackingNo)).toEqual(['78000001', 'YT-000002'])

      const v = await paidOrder('weapp')
      expect((await admin('POST', `/api/admin/orders/${v.order.id}/ship`, { kind: 'virtual', parcels: [] })).status).toBe(200)
      expect((await uploads(v.order.id))[0].request).toEqual({
        order_key: { order_number_type: 2, transaction_id: v.tradeId },
        logistics_type: 3,
        delivery_mode: 1,
        shipping_list: [{ item_desc: desc(v.order) }],
        upload_time: beijing(clock),
        payer: { openid: v.buyer },
      })
      expect((await admin('GET', `/api/admin/orders/${v.order.id}/shipments`)).body.items).toEqual([expect.objectContaining({ kind: 'virtual', carrier: null, trackingNo: null })])
      await run()
    })

    it('refuses bad ship requests with 400 and changes nothing', async () => {
      const p = await paidOrder('weapp')
      const [mug] = p.order.items
      const bad = [
        { carrier: 'SF', trackingNo: 'x' },
        { kind: 'express', parcels: [] },
        { kind: 'express', parcels: [{ carrier: 'C'.repeat(33), trackingNo: 'AB1234' }] },
        { kind: 'express', parcels: [{ carrier: 'SF', trackingNo: 'AB 1234' }] },
        { kind: 'express', parcels: Array.from({ length: 11 }, (_, i) => ({ carrier: 'SF', trackingNo: `SF00${i}000`, items: [{ orderItemId: mug.id, quantity: 1 }] })) },
        { kind: 'express', parcels: [{ carrier: 'SF', trackingNo: 'SF0001', items: [{ orderItemId: 999999, quantity: 1 }] }] },
        { kind: 'express', parcels: [{ carrier: 'SF', trackingNo: 'SF0001', items: [{ orderItemId: mug.id, quantity: 3 }] }] },
        {
          kind: 'express',
          parcels: [
            { carrier: 'SF', trackingNo: 'SF0001', items: [{ orderItemId: mug.id, quantity: 2 }] },
            { carrier: 'SF', trackingNo: 'SF0002', items: [{ orderItemId: mug.id, quantity: 1 }] },
          ],
        },
        { kind: 'pickup', parcels: [{ carrier: 'SF', trackingNo: 'SF0001' }] },
        { kind: 'teleport', parcels: [] },
      ]
      for (const body of bad) {
        const r = await admin('POST', `/api/admin/orders/${p.order.id}/ship`, body)
        expect([r.status, r.body.code], JSON.stringify(body)).toEqual([400, 'BAD_INPUT'])
      }
      expect(await uploads(p.order.id)).toEqual([])
      expect((await ctx.t.db.one<{ status: string }>('SELECT status FROM orders WHERE id = $1', [p.order.id])).status).toBe('paid')
      expect((await admin('POST', `/api/admin/orders/${p.order.id}/ship`, { kind: 'pickup' })).status).toBe(200)
      const again = await admin('POST', `/api/admin/orders/${p.order.id}/ship`, { kind: 'pickup' })
      expect([again.status, again.body.code]).toEqual([409, 'INVALID_STATE'])
      expect((await uploads(p.order.id)).map((u) => (u.request as { logistics_type: number }).logistics_type)).toEqual([4])
      await run()
    })

    it('an outage is retried with backoff until sent; a permanent one ends failed and visible; the admin retry sends it', async () => {
      const p = await paidOrder('weapp')
      expect((await admin('POST', `/api/admin/orders/${p.order.id}/ship`, { carrier: 'ZTO', trackingNo: '7800000001' })).status).toBe(200)
      sandbox().setOutage(2)
      await run()
      expect((await uploads(p.order.id))[0]).toMatchObject({ status: 'pending', attempts: 1, lastError: 'sandbox outage (503)' })
      await run() // not due yet: backoff
      expect((await uploads(p.order.id))[0].attempts).toBe(1)
      clock += 31_000
      await run()
      expect((await uploads(p.order.id))[0]).toMatchObject({ status: 'pending', attempts: 2 })
      clock += 61_000
      await run()
      expect((await uploads(p.order.id))[0]).toMatchObject({ status: 'sent', attempts: 3, lastError: null })
      expect(await sandbox().calls({ transactionId: p.tradeId })).toHaveLength(1)

      const q = await paidOrder('weapp')
      expect((await admin('POST', `/api/admin/orders/${q.order.id}/ship`, { carrier: 'ZTO', trackingNo: '7800000002' })).status).toBe(200)
      sandbox().setOutage(Infinity)
      for (let i = 0; i < 10; i++) {
        await run()
        clock += 2 * 3600_000
      }
      const [failed] = await uploads(q.order.id)
      expect(failed).toMatchObject({ status: 'failed', attempts: 8, lastError: 'sandbox outage (503)', sentAt: null })
      expect((await admin<{ items: ShippingUpload[] }>('GET', '/api/admin/shipping-uploads?status=failed')).body.items.map((u) => u.id)).toContain(failed.id)
      expect(await sandbox().calls({ transactionId: q.tradeId })).toEqual([])

      sandbox().setOutage(0)
      const r = await admin<ShippingUpload>('POST', `/api/admin/shipping-uploads/${failed.id}/retry`)
      expect(r.status, JSON.stringify(r.body)).toBe(200)
      expect(r.body).toMatchObject({ id: failed.id, status: 'sent', attempts: 1, lastError: null })
      expect(await sandbox().calls({ transactionId: q.tradeId })).toHaveLength(1)
      const audit = await ctx.t.db.query<{ after: unknown }>("SELECT after FROM audit_log WHERE action = 'shipping_upload.retry' AND entity_id = $1", [String(failed.id)])
      expect(audit.rows).toEqual([{ after: { status: 'pending' } }])
      const sent = await admin('POST', `/api/admin/shipping-uploads/${failed.id}/retry`)
      expect([sent.status, sent.body.code]).toEqual([409, 'ALREADY_SENT'])
      expect((await admin('POST', '/api/admin/shipping-uploads/999999/retry')).status).toBe(404)
    })

    it('Alipay orders: merchant.order.sync on pay, ship and confirm; the same event twice enqueues one upload', async () => {
      const p = await paidOrder('alipay')
      expect((await uploads(p.order.id)).map((u) => u.action)).toEqual(['merchant.order.sync:pay'])
      expect((await admin('POST', `/api/admin/orders/${p.order.id}/ship`, { carrier: 'SF', trackingNo: 'SF2000000001' })).status).toBe(200)
      const ship = (await uploads(p.order.id)).find((u) => u.action === 'merchant.order.sync:ship')
      expect(ship?.provider).toBe('sandbox')
      expect(ship?.request).toEqual({
        out_biz_no: p.order.orderNo,
        buyer_id: p.buyer,
        trade_no: p.tradeId,
        order_type: 'MINI_APP',
        order_modified_time: new Date(clock + 8 * 3600_000).toISOString().replace('T', ' ').slice(0, 19),
        amount: (p.order.total / 100).toFixed(2),
        // No item_order_list: the paid trade brought the goods to the order centre (ITEM_HAS_EXIST otherwise).
        ext_info: [{ ext_key: 'merchant_order_status', ext_value: 'IN_DELIVERY' }],
        logistics_info_list: [{ tracking_no: 'SF2000000001', logistics_code: 'SF' }],
      })
      // Alipay orders confirm with the app's own button.
      expect((await call(ctx.app, 'GET', `/api/orders/${p.order.id}/receipt`, { token: p.token })).body).toEqual({ mode: 'app' })
      const c = await call<Order>(ctx.app, 'POST', `/api/orders/${p.order.id}/confirm`, { token: p.token })
      expect([c.status, c.body.status]).toEqual([200, 'completed'])
      expect((await uploads(p.order.id)).map((u) => u.action).sort()).toEqual(['merchant.order.sync:confirm', 'merchant.order.sync:pay', 'merchant.order.sync:ship'])
      // The same transition heard twice (a repeated hook): one row.
      await ctx.t.db.tx((q) => ctx.app.shipping.onTransition(q, p.order.id, 'completed', new Date(clock)))
      expect((await uploads(p.order.id)).filter((u) => u.action === 'merchant.order.sync:confirm')).toHaveLength(1)
      await run()
      expect((await sandbox().calls({ outBizNo: p.order.orderNo })).map((c) => (c.request as { ext_info: { ext_value: string }[] }).ext_info[0].ext_value)).toEqual(['PAID', 'IN_DELIVERY', 'FINISHED'])
      expect((await uploads(p.order.id)).every((u) => u.status === 'sent')).toBe(true)
    })

    it('WeChat orders confirm through weappOrderConfirm: refused until WeChat (the sandbox) says the buyer confirmed', async () => {
      const p = await paidOrder('weapp')
      const mode = await call(ctx.app, 'GET', `/api/orders/${p.order.id}/receipt`, { token: p.token })
      expect(mode.body).toEqual({ mode: 'weapp_order_confirm', sandbox: true, extraData: { transaction_id: p.tradeId, merchant_id: '1900000001', merchant_trade_no: p.out } })
      const other = await login(ctx.app)
      expect((await call(ctx.app, 'GET', `/api/orders/${p.order.id}/receipt`, { token: other })).status).toBe(404)
      expect((await call(ctx.app, 'GET', `/api/orders/${p.order.id}/receipt`)).status).toBe(401)

      expect((await admin('POST', `/api/admin/orders/${p.order.id}/ship`, { carrier: 'SF', trackingNo: 'SF3000000001' })).status).toBe(200)
      // WeChat hasn't got the shipment yet: its component can't confirm.
      const early = await call(ctx.app, 'POST', '/api/sandbox/shipping/confirm', { token: p.token, body: { orderId: p.order.id } })
      expect([early.status, early.body.code]).toEqual([409, 'NOT_SHIPPED'])
      await run()
      const refused = await call(ctx.app, 'POST', `/api/orders/${p.order.id}/confirm`, { token: p.token })
      expect([refused.status, refused.body.code]).toEqual([409, 'RECEIPT_NOT_CONFIRMED'])
      expect((await ctx.t.db.one<{ status: string }>('SELECT status FROM orders WHERE id = $1', [p.order.id])).status).toBe('shipped')
      expect((await call(ctx.app, 'POST', '/api/sandbox/shipping/confirm', { token: other, body: { orderId: p.order.id } })).status).toBe(404)
      expect((await call(ctx.app, 'POST', '/api/sandbox/shipping/confirm', { token: p.token, body: { orderId: p.order.id } })).status).toBe(200)
      const ok = await call<Order>(ctx.app, 'POST', `/api/orders/${p.order.id}/confirm`, { token: p.token })
      expect([ok.status, ok.body.status]).toEqual([200, 'completed'])

      // H5 (sandbox cashier, no WeChat trade): the app's own confirm.
      const h5 = await login(ctx.app)
      const o = await call<Order>(ctx.app, 'POST', '/api/orders', { token: h5, body: { items: [{ skuId: await skuId(ctx.t.db, 'mug', { 颜色: '米白' }), quantity: 1 }], idempotencyKey: key() } })
      expect((await call(ctx.app, 'GET', `/api/orders/${o.body.id}/receipt`, { token: h5 })).body).toEqual({ mode: 'app' })
    })

    it('a shop WeChat does not manage (is_trade_managed false): nothing uploaded, and the app confirms receipt itself', async () => {
      const p = await paidOrder('weapp', await mugOnly())
      const managed = vi.spyOn(ctx.app.shipping.sandbox, 'isTradeManaged').mockResolvedValue(false)
      try {
        expect((await call(ctx.app, 'GET', `/api/orders/${p.order.id}/receipt`, { token: p.token })).body).toEqual({ mode: 'app' })
        expect((await admin('POST', `/api/admin/orders/${p.order.id}/ship`, { carrier: 'SF', trackingNo: 'SF3100000001' })).status).toBe(200)
        expect(await uploads(p.order.id)).toEqual([])
        // No WeChat check stands between the shopper and the confirm.
        const ok = await call<Order>(ctx.app, 'POST', `/api/orders/${p.order.id}/confirm`, { token: p.token })
        expect([ok.status, ok.body.status]).toEqual([200, 'completed'])
        expect(managed).toHaveBeenCalled()
      } finally {
        managed.mockRestore()
      }
    })

    it('an Alipay order refunded in full is synced as REFUNDED; a WeChat order gets no Alipay sync', async () => {
      const p = await paidOrder('alipay', await mugOnly())
      const r = await admin('POST', `/api/admin/orders/${p.order.id}/refunds`, { reason: '质量问题' })
      expect(r.status, JSON.stringify(r.body)).toBe(201)
      expect((await ctx.t.db.one<{ status: string }>('SELECT status FROM orders WHERE id = $1', [p.order.id])).status).toBe('refunded')
      const refund = (await uploads(p.order.id)).find((u) => u.action === 'merchant.order.sync:refund')
      expect((refund?.request as { ext_info: unknown }).ext_info).toEqual([{ ext_key: 'merchant_order_status', ext_value: 'REFUNDED' }])
      const w = await paidOrder('weapp', await mugOnly())
      expect(await uploads(w.order.id)).toEqual([])
      await run()
    })

    it('ORDER_AUTO_CONFIRM_DAYS sets the timer (default 10)', () => {
      expect(loadConfig({}).autoConfirmDays).toBe(DEFAULT_AUTO_CONFIRM_DAYS)
      expect(loadConfig({ ORDER_AUTO_CONFIRM_DAYS: '7' }).autoConfirmDays).toBe(7)
      expect(() => loadConfig({ ORDER_AUTO_CONFIRM_DAYS: '0' })).toThrow()
    })

    it('two workers at once send an upload once (leases, SKIP LOCKED)', async () => {
      const p = await paidOrder('weapp', await mugOnly())
      expect((await admin('POST', `/api/admin/orders/${p.order.id}/ship`, { carrier: 'YD', trackingNo: 'YD0000000001' })).status).toBe(200)
      const other = createShippingWorker({ db: ctx.t.db, now: () => new Date(clock), facets: { wechat: sandbox(), alipay: sandbox() }, owner: 'second' })
      await Promise.all([run(), other.runOnce(), run(), other.runOnce()])
      expect(await sandbox().calls({ transactionId: p.tradeId })).toHaveLength(1)
      expect((await uploads(p.order.id))[0]).toMatchObject({ status: 'sent', attempts: 1 })
    })

    it('carriers: the domain list in the sandbox', async () => {
      const c = await admin<{ items: { code: string; name: string }[] }>('GET', '/api/admin/carriers')
      expect(c.body.items[0]).toEqual({ code: 'SF', name: '顺丰速运' })
      expect(c.body.items.map((x) => x.code)).toContain('JTSD')
    })

    it('auto-confirm: shipped orders past ORDER_AUTO_CONFIRM_DAYS are confirmed once, even by two sweeps at once', async () => {
      // Later than every order shipped before in this file, which the first sweep below confirms.
      clock += 1000
      const p = await paidOrder('weapp', await mugOnly())
      const p2 = await paidOrder('alipay', await mugOnly())
      expect((await admin('POST', `/api/admin/orders/${p.order.id}/ship`, { carrier: 'SF', trackingNo: 'SF4000000001' })).status).toBe(200)
      expect((await admin('POST', `/api/admin/orders/${p2.order.id}/ship`, { kind: 'pickup' })).status).toBe(200)
      clock += 10 * 86_400_000 - 1000
      // Orders shipped earlier in this file are due now; these two not yet.
      await ctx.app.shipping.autoConfirm()
      const status = async () => (await ctx.t.db.query<{ status: string }>('SELECT status FROM orders WHERE id = ANY($1::int[]) ORDER BY id', [[p.order.id, p2.order.id]])).rows.map((r) => r.status)
      expect(await status()).toEqual(['shipped', 'shipped'])
      clock += 1000
      const [a, b] = await Promise.all([ctx.app.shipping.autoConfirm(), ctx.app.shipping.autoConfirm()])
      expect(a + b).toBe(2)
      expect(await status()).toEqual(['completed', 'completed'])
      // The Alipay order's confirm is synced once too.
      expect((await uploads(p2.order.id)).filter((u) => u.action === 'merchant.order.sync:confirm')).toHaveLength(1)
      expect((await ctx.t.db.query("SELECT order_id FROM order_events WHERE status = 'completed' GROUP BY order_id HAVING count(*) > 1")).rows).toEqual([])
      const events = await ctx.t.db.query<{ actor: string; note: string }>("SELECT actor, note FROM order_events WHERE order_id = $1 AND status = 'completed'", [p.order.id])
      expect(events.rows).toEqual([{ actor: 'system', note: '发货 10 天未确认，系统自动确认收货' }])
      const o = await ctx.t.db.one<{ status: string; received_at: Date }>('SELECT status, received_at FROM orders WHERE id = $1', [p.order.id])
      expect([o.status, new Date(o.received_at).getTime()]).toEqual(['completed', clock])
      expect(await ctx.app.shipping.autoConfirm()).toBe(0)
    })
  },
  { now: () => new Date(clock), sandboxNotifyDelayMs: null },
)
