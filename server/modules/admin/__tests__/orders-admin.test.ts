import { expect, it } from 'vitest'
import type { Refund } from '../../../../src/domain/contract'
import { ADMIN_TOKEN, call, describeEachDb, login, productId, skuId } from '../../../test/helpers'
import type { SandboxCredit, SandboxPay } from '../../../platforms'
import type { RawNotify } from '../../../platforms/types'
import { platformUser, postNotify } from '../../payments/__tests__/helpers'
import { createBatch, createPromotion } from '../../promotions/__tests__/support'

let seq = 0
const key = () => `oa-${process.pid}-${Date.now()}-${++seq}`
const address = (phone: string) => ({ name: '李四', phone, region: ['广东省', '深圳市', '南山区'], detail: '科技园南路 1 号' })
const NOTE = '=HYPERLINK("http://evil.example")\n第二行, 请放门口'

// Refund notifies are delivered by hand (sandboxNotifyDelayMs: null), as in payments' refund tests.
describeEachDb(
  'admin orders, marketing and outbox',
  (ctx) => {
    const admin = <T = any>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown) => call<T>(ctx.app, method, url, { token: ADMIN_TOKEN, body }) // eslint-disable-line @typescript-eslint/no-explicit-any
    const sandbox = () => ctx.app.payments.providers.sandbox as SandboxPay
    const audit = async (action: string, entityId: number | string) =>
      (await ctx.t.db.query<{ actor_name: string; entity: string; after: unknown }>('SELECT actor_name, entity, after FROM audit_log WHERE action = $1 AND entity_id = $2', [action, String(entityId)])).rows
    const sku = {
      mug: () => skuId(ctx.t.db, 'mug', { 颜色: '米白' }),
      tee: () => skuId(ctx.t.db, 'tee', { 颜色: '白色', 尺码: 'M' }),
      hoodieXL: () => skuId(ctx.t.db, 'hoodie', { 尺码: 'XL' }),
    }

    async function place(token: string, items: { skuId: number; quantity: number }[], extra: Record<string, unknown> = {}) {
      const o = await call(ctx.app, 'POST', '/api/orders', { token, body: { items, idempotencyKey: key(), ...extra } })
      expect(o.status, JSON.stringify(o.body)).toBe(201)
      return o.body as { id: number; orderNo: string; total: number }
    }
    /** Paid through the platform's signed notify, as a real payment is. */
    async function pay(token: string, orderId: number, platform: 'weapp' | 'alipay') {
      expect((await call(ctx.app, 'POST', `/api/orders/${orderId}/pay`, { token })).status).toBe(200)
      const out = (await ctx.t.db.one<{ out_trade_no: string }>('SELECT out_trade_no FROM payments WHERE order_id = $1 ORDER BY id DESC LIMIT 1', [orderId])).out_trade_no
      sandbox().settle(out)
      const n = platform === 'weapp' ? sandbox().wechatNotify(out) : sandbox().alipayNotify(out)
      expect((await postNotify(ctx.app, platform === 'weapp' ? 'wechat' : 'alipay', n)).statusCode).toBeLessThan(300)
      return out
    }
    async function withAddress(platform: 'weapp' | 'alipay', phone: string) {
      const token = await platformUser(ctx.app, platform)
      const addr = await call(ctx.app, 'POST', '/api/addresses', { token, body: address(phone) })
      expect(addr.status).toBe(201)
      return { token, addressId: addr.body.id as number }
    }

    const o = {} as Record<'paid' | 'unpaid' | 'bare' | 'toShip', { id: number; orderNo: string; total: number }>
    let out = ''

    it('lists with filters that each narrow: status, phone, order number (exact and prefix), platform, shop-time dates', async () => {
      const a = await withAddress('weapp', '13800000001')
      const b = await withAddress('alipay', '13900000002')
      const h5 = await login(ctx.app)
      o.paid = await place(a.token, [{ skuId: await sku.mug(), quantity: 2 }], { addressId: a.addressId })
      out = await pay(a.token, o.paid.id, 'weapp')
      o.toShip = await place(a.token, [{ skuId: await sku.tee(), quantity: 1 }], { addressId: a.addressId })
      await pay(a.token, o.toShip.id, 'weapp')
      o.unpaid = await place(b.token, [{ skuId: await sku.tee(), quantity: 1 }, { skuId: await sku.hoodieXL(), quantity: 1 }], { addressId: b.addressId, note: NOTE })
      o.bare = await place(h5, [{ skuId: await sku.mug(), quantity: 1 }])

      const ids = async (query: string) => {
        const res = await admin<{ items: { id: number }[]; total: number }>('GET', `/api/admin/orders${query}`)
        expect(res.status, JSON.stringify(res.body)).toBe(200)
        return { ids: res.body.items.map((x) => x.id), total: res.body.total }
      }
      const all = await ids('?pageSize=50')
      expect(all.ids).toEqual(expect.arrayContaining([o.paid.id, o.toShip.id, o.unpaid.id, o.bare.id]))
      const paid = await ids('?status=paid&pageSize=50')
      expect(paid.ids).toContain(o.paid.id)
      expect(paid.ids).not.toContain(o.unpaid.id)
      expect(paid.ids).not.toContain(o.bare.id)
      expect(await ids('?phone=13800000001')).toEqual({ ids: [o.toShip.id, o.paid.id], total: 2 })
      expect(await ids('?phone=13800000001&status=created')).toEqual({ ids: [], total: 0 })
      expect(await ids(`?orderNo=${o.unpaid.orderNo}`)).toEqual({ ids: [o.unpaid.id], total: 1 })
      expect((await ids(`?orderNo=${o.unpaid.orderNo.slice(0, -1)}&pageSize=50`)).ids).toContain(o.unpaid.id)
      expect(await ids('?orderNo=ZZ9')).toEqual({ ids: [], total: 0 })
      const alipay = await ids('?platform=alipay&pageSize=50')
      expect(alipay.ids).toContain(o.unpaid.id)
      expect(alipay.ids).not.toContain(o.paid.id)
      expect((await ids('?platform=h5&pageSize=50')).ids).toEqual([o.bare.id])

      // 2025-01-01 16:30 UTC is 00:30 on 2 January in Beijing: the shop's day, not UTC's.
      await ctx.t.db.query("UPDATE orders SET created_at = '2025-01-01T16:30:00Z' WHERE id = $1", [o.bare.id])
      expect(await ids('?from=2025-01-02&to=2025-01-02')).toEqual({ ids: [o.bare.id], total: 1 })
      expect(await ids('?from=2025-01-01&to=2025-01-01')).toEqual({ ids: [], total: 0 })
      expect((await ids('?from=2025-01-03')).ids).not.toContain(o.bare.id)
      expect((await ids('?to=2025-01-02')).ids).toEqual([o.bare.id])

      // The existing fields, plus who bought it and where.
      const list = await admin('GET', '/api/admin/orders?phone=13900000002')
      expect(list.body).toMatchObject({ total: 1, page: 1, pageSize: 20 })
      expect(list.body.items[0]).toMatchObject({ id: o.unpaid.id, orderNo: o.unpaid.orderNo, status: 'created', platform: 'alipay', buyer: 'alipay-user', phone: '13900000002', itemCount: 2, paidAt: null })
      expect(list.body.items[0].items).toHaveLength(2)

      for (const [query, field] of [['?orderNo=12%25', 'orderNo'], ['?from=2025-13-01', 'from'], ['?from=2025-02-02&to=2025-02-01', 'from'], ['?platform=ios', 'platform'], ['?status=lost', 'status']]) {
        const bad = await admin('GET', `/api/admin/orders${query}`)
        expect([query, bad.status, bad.body.field]).toEqual([query, 400, field])
        expect(bad.body.message).toMatch(/[\u4e00-\u9fa5]/)
      }
    })

    it('detail: the order, its buyer, the timeline as moves, payments, refunds and messages; a refund request is audited', async () => {
      const r = await admin<Refund>('POST', `/api/admin/orders/${o.paid.id}/refunds`, { reason: '质量问题' })
      expect(r.status).toBe(201)
      const d = await admin('GET', `/api/admin/orders/${o.paid.id}`)
      expect(d.status).toBe(200)
      expect(d.body.order).toMatchObject({ id: o.paid.id, status: 'refunding', total: o.paid.total })
      expect(d.body.buyer).toMatchObject({ platform: 'weapp', nickname: 'weapp-user' })
      expect(d.body.events.map((e: { from: string | null; to: string; actor: string }) => [e.from, e.to, e.actor])).toEqual([
        [null, 'created', 'shopper'],
        ['created', 'paid', 'system'],
        ['paid', 'refunding', 'admin'],
      ])
      expect(d.body.payments).toEqual([expect.objectContaining({ outTradeNo: out, status: 'paid', amount: o.paid.total, provider: 'wechat' })])
      expect(d.body.refunds).toEqual([expect.objectContaining({ id: r.body.id, amount: o.paid.total, status: 'pending', reason: '质量问题' })])
      const outbox = await ctx.t.db.query<{ id: number }>('SELECT id FROM message_outbox WHERE order_id = $1 ORDER BY id DESC', [o.paid.id])
      expect(outbox.rows.length).toBeGreaterThan(0)
      expect(d.body.messages.map((m: { id: number }) => m.id)).toEqual(outbox.rows.map((x) => x.id))
      expect(await audit('refund.request', o.paid.id)).toEqual([expect.objectContaining({ actor_name: 'ADMIN_TOKEN', entity: 'order', after: expect.objectContaining({ refundId: r.body.id, amount: o.paid.total }) })])
      expect((await admin('GET', '/api/admin/orders/999999')).status).toBe(404)
    })

    it('a failed refund retried is audited', async () => {
      const r = (await admin<{ items: Refund[] }>('GET', `/api/admin/refunds?orderId=${o.paid.id}`)).body.items[0]
      expect((await postNotify(ctx.app, 'wechat', sandbox().wechatRefundNotify(r.outRefundNo, { status: 'ABNORMAL' }))).statusCode).toBe(204)
      const retry = await admin<Refund>('POST', `/api/admin/refunds/${r.id}/retry`)
      expect(retry.body.status).toBe('succeeded')
      expect(await audit('refund.retry', r.id)).toEqual([expect.objectContaining({ entity: 'refund', after: { status: 'succeeded', failure: null } })])
    })

    it('cancels an unpaid order (409 once paid, 404 unknown), audited; ships with an audit row', async () => {
      const c = await admin('POST', `/api/admin/orders/${o.unpaid.id}/cancel`, { reason: '缺货' })
      expect(c.status).toBe(200)
      expect(c.body.status).toBe('cancelled')
      expect(c.body.timeline.at(-1)).toMatchObject({ status: 'cancelled', note: '商家取消：缺货' })
      expect(await audit('order.cancel', o.unpaid.id)).toEqual([expect.objectContaining({ after: { status: 'cancelled', reason: '缺货' } })])
      const paid = await admin('POST', `/api/admin/orders/${o.toShip.id}/cancel`)
      expect([paid.status, paid.body.code]).toEqual([409, 'INVALID_STATE'])
      expect(await audit('order.cancel', o.toShip.id)).toEqual([])
      expect((await admin('POST', '/api/admin/orders/999999/cancel', {})).status).toBe(404)

      const s = await admin('POST', `/api/admin/orders/${o.toShip.id}/ship`, { carrier: '顺丰速运', trackingNo: 'SF100200' })
      expect(s.body.status).toBe('shipped')
      expect(await audit('order.ship', o.toShip.id)).toEqual([expect.objectContaining({ after: { status: 'shipped', kind: 'express', parcels: [{ carrier: '顺丰速运', trackingNo: 'SF100200' }] } })])
    })

    it('packing list: receiver, the lines still owed with specs and code, the note', async () => {
      const p = await admin('GET', `/api/admin/orders/${o.toShip.id}/packing-list`)
      expect(p.status).toBe(200)
      expect(p.body).toEqual({
        orderNo: o.toShip.orderNo,
        createdAt: expect.any(String),
        receiver: { name: '李四', phone: '13800000001', address: '广东省 深圳市 南山区 科技园南路 1 号' },
        lines: [{ title: '纯棉短袖T恤', specs: '白色 / M', code: null, quantity: 1 }],
        note: null,
      })
      // Refunded units are not packed.
      const refunded = await admin('GET', `/api/admin/orders/${o.paid.id}/packing-list`)
      expect(refunded.body.lines).toEqual([])
      expect((await admin('GET', '/api/admin/orders/999999/packing-list')).status).toBe(404)
    })

    it('CSV: BOM, header, one row per order line on one line each, formula cells neutralised, quoting', async () => {
      const res = await ctx.app.inject({ method: 'GET', url: '/api/admin/orders.csv?phone=13900000002', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })
      expect(res.statusCode).toBe(200)
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8')
      expect(res.headers['content-disposition']).toContain('attachment')
      expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
      const text = res.rawPayload.toString('utf8').slice(1)
      const lines = text.split('\r\n')
      expect(lines.at(-1)).toBe('')
      expect(lines).toHaveLength(4)
      expect(lines[0]).toBe('订单号,下单时间,付款时间,状态,平台,买家,收货人,电话,地址,商品,规格,单价,数量,小计,行优惠,已退数量,订单实付,运费,快递公司,快递单号,备注')
      expect(lines[1].startsWith(`${o.unpaid.orderNo},`)).toBe(true)
      expect(lines[1]).toContain(',已取消,支付宝,alipay-user,李四,13900000002,')
      expect(lines[1]).toContain(',纯棉短袖T恤,白色 / M,49.00,1,49.00,0.00,0,')
      expect(lines[2]).toContain(',加绒连帽卫衣,XL,189.00,1,189.00,')
      // The note: newline gone, the formula shown as text (leading '), quoted for its comma and quotes.
      expect(lines[1].endsWith(',"\'=HYPERLINK(""http://evil.example"") 第二行, 请放门口"')).toBe(true)
      expect(text).not.toMatch(/,=/)

      const all = await ctx.app.inject({ method: 'GET', url: '/api/admin/orders.csv', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })
      const lineCount = await ctx.t.db.one<{ n: number }>('SELECT count(*)::int AS n FROM order_items')
      expect(all.rawPayload.toString('utf8').split('\r\n').length - 2).toBe(lineCount.n)
      expect((await call(ctx.app, 'GET', '/api/admin/orders.csv')).status).toBe(401)
    })

    it('notifies: payment and credit callbacks with source and verified filters', async () => {
      const good = sandbox().wechatNotify(out)
      expect((await postNotify(ctx.app, 'wechat', { headers: { ...good.headers, 'wechatpay-signature': 'AAAA' }, body: good.body })).statusCode).toBe(401)
      const pay = await admin('GET', '/api/admin/notifies?source=payment')
      expect(pay.status).toBe(200)
      expect(pay.body.items[0]).toMatchObject({ source: 'payment', provider: 'wechat', verified: false, reason: 'bad_signature' })
      const verified = await admin('GET', '/api/admin/notifies?source=payment&verified=true&pageSize=50')
      expect(verified.body.items.length).toBeGreaterThan(0)
      expect(verified.body.items.every((x: { verified: boolean }) => x.verified)).toBe(true)
      const unverified = await admin('GET', '/api/admin/notifies?verified=false')
      expect(unverified.body.total).toBe(1)
      const credit = await admin('GET', '/api/admin/notifies?source=credit')
      expect(credit.body).toMatchObject({ items: [], total: 0 })
      const both = await admin('GET', '/api/admin/notifies?pageSize=50')
      expect(both.body.total).toBe(pay.body.total)
      expect((await admin('GET', '/api/admin/notifies?source=sms')).status).toBe(400)
    })

    it('marketing: usage per promotion on paid orders, claimed and used per coupon batch, audited changes', async () => {
      const mug = await sku.mug()
      const promo = await createPromotion(ctx.app, { kind: 'limited_time', name: '马克杯秒杀', items: [{ skuId: mug, price: 1000, stock: 10 }] })
      expect(promo.usage).toEqual({ orders: 0, units: 0, discount: 0 })
      const buyer = await platformUser(ctx.app, 'weapp')
      const bought = await place(buyer, [{ skuId: mug, quantity: 2 }])
      await pay(buyer, bought.id, 'weapp')
      // An unpaid order at the offer price is not usage yet.
      await place(await platformUser(ctx.app, 'weapp'), [{ skuId: mug, quantity: 1 }])
      const list = await admin('GET', '/api/admin/promotions')
      expect(list.body.items.find((p: { id: number }) => p.id === promo.id).usage).toEqual({ orders: 1, units: 2, discount: 2 * (3900 - 1000) })
      const ended = await admin('POST', `/api/admin/promotions/${promo.id}/end`)
      expect(ended.body).toMatchObject({ status: 'ended', usage: { orders: 1, units: 2 } })
      expect((await audit('promotion.create', promo.id)).length).toBe(1)
      expect((await audit('promotion.end', promo.id)).length).toBe(1)

      const batch = await createBatch(ctx.app, { title: '满减券', value: 500, total: 10 })
      expect(batch).toMatchObject({ claimed: 0, used: 0 })
      const [c1, c2] = [await platformUser(ctx.app, 'alipay'), await platformUser(ctx.app, 'alipay')]
      for (const t of [c1, c2]) expect((await call(ctx.app, 'POST', `/api/coupons/center/${batch.id}/claim`, { token: t })).status).toBe(201)
      const used = await place(c1, [{ skuId: await sku.hoodieXL(), quantity: 1 }])
      expect(used.total).toBe(18900 - 500)
      const batches = await admin('GET', '/api/admin/coupon-batches')
      expect(batches.body.items.find((b: { id: number }) => b.id === batch.id)).toMatchObject({ issued: 2, claimed: 2, used: 1 })
      const end = await admin('POST', `/api/admin/coupon-batches/${batch.id}/end`)
      expect(end.body).toMatchObject({ claimed: 2, used: 1 })
      expect(end.body.endedAt).not.toBeNull()
      expect((await audit('coupon_batch.create', batch.id)).length).toBe(1)
      expect((await audit('coupon_batch.end', batch.id)).length).toBe(1)
    })

    it('members: list with nickname, platform, tier and expiry; put and delete audited', async () => {
      const token = await platformUser(ctx.app, 'alipay')
      const userId = await ctx.app.sessions.verify(token)
      const endsAt = new Date(ctx.app.now().getTime() + 30 * 86_400_000).toISOString()
      expect((await admin('PUT', `/api/admin/members/${userId}`, { source: 'admin', endsAt })).status).toBe(200)
      const list = await admin('GET', '/api/admin/members')
      expect(list.status).toBe(200)
      expect(list.body.items[0]).toEqual(expect.objectContaining({ userId, nickname: 'alipay-user', platform: 'alipay', tier: 'admin', status: 'active', expiresAt: endsAt }))
      expect(list.body.total).toBeGreaterThanOrEqual(1)
      expect((await admin('DELETE', `/api/admin/members/${userId}`)).body.status).toBe('ended')
      expect((await audit('member.put', userId)).length).toBe(1)
      expect((await audit('member.delete', userId)).length).toBe(1)
      expect((await admin('DELETE', '/api/admin/members/999999')).status).toBe(404)
      expect(await audit('member.delete', 999999)).toEqual([])
    })

    it('outbox requeue and rental pickup and return are audited', async () => {
      const row = await ctx.t.db.one<{ id: number }>("UPDATE message_outbox SET status = 'failed' WHERE id = (SELECT min(id) FROM message_outbox) RETURNING id")
      expect((await admin('POST', `/api/admin/messages/outbox/${row.id}/requeue`)).status).toBe(200)
      expect((await audit('outbox.requeue', row.id)).length).toBe(1)
      // A second requeue is refused, and leaves no audit row.
      expect((await admin('POST', `/api/admin/messages/outbox/${row.id}/requeue`)).status).toBe(409)
      expect((await audit('outbox.requeue', row.id)).length).toBe(1)

      const pid = await productId(ctx.t.db, 'hoodie')
      await ctx.t.db.query('INSERT INTO product_rentals (product_id, deposit, daily_rate, min_days, max_days) VALUES ($1, 3000, 500, 1, 5) ON CONFLICT DO NOTHING', [pid])
      const token = await platformUser(ctx.app, 'alipay')
      const rent = await call(ctx.app, 'POST', '/api/rentals', { token, body: { skuId: await skuId(ctx.t.db, 'hoodie', { 尺码: 'L' }), days: 3, idempotencyKey: key() } })
      expect(rent.status).toBe(201)
      const decided = (ctx.app.credit.providers.sandbox as SandboxCredit).decide(rent.body.credit.rentalNo, 'full')
      const n = decided?.notify as RawNotify
      await ctx.app.inject({ method: 'POST', url: '/api/credit/notify/alipay', headers: n.headers as Record<string, string>, payload: n.body })
      const id = rent.body.credit.id
      expect((await admin('POST', `/api/admin/rentals/${id}/start`)).body.state).toBe('in_use')
      expect((await admin('POST', `/api/admin/rentals/${id}/return`)).status).toBe(200)
      expect((await audit('rental.start', id))[0]).toMatchObject({ entity: 'rental', after: expect.objectContaining({ state: 'in_use' }) })
      expect((await audit('rental.return', id)).length).toBe(1)
      // The credit callback is listed under notifies too.
      expect((await admin('GET', '/api/admin/notifies?source=credit')).body.items[0]).toMatchObject({ source: 'credit', provider: 'alipay', verified: true })
    })
  },
  { sandboxNotifyDelayMs: null },
)
