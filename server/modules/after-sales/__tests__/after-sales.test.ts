import type { FastifyInstance } from 'fastify'
import sharp from 'sharp'
import { expect, it } from 'vitest'
import type { AdminAfterSale } from '../../../../src/domain/admin-contract'
import type { AfterSale } from '../../../../src/domain/after-sales'
import { DAY_MS } from '../../../../src/domain/after-sales'
import type { Refund } from '../../../../src/domain/contract'
import { ADMIN_TOKEN, call, describeEachDb, skuId, stockOf } from '../../../test/helpers'
import type { SandboxCredit, SandboxPay } from '../../../platforms'
import type { RawNotify } from '../../../platforms/types'

const admin = ADMIN_TOKEN
const HOME = { name: '张三', phone: '13800138000', region: ['广东省', '深圳市', '南山区'], detail: '科技园南路 1 号' }
let seq = 0
const key = () => `as-${process.pid}-${Date.now()}-${++seq}`

/** A mini-program user as the platform login would store it (payments' own test helper does the same). */
async function platformUser(app: FastifyInstance, platform: 'weapp' | 'alipay'): Promise<string> {
  const ext = platform === 'weapp' ? `o-as-${process.pid}-${++seq}` : `2088${String(Date.now()).slice(-8)}${String(++seq).padStart(4, '0')}`
  const u = await app.db.one<{ id: number }>('INSERT INTO users (platform, external_id, open_id, nickname) VALUES ($1, $2, $3, $4) RETURNING id', [
    platform,
    ext,
    platform === 'weapp' ? ext : null,
    `${platform}-buyer`,
  ])
  return (await app.sessions.sign(u.id)).token
}

const postNotify = (app: FastifyInstance, channel: 'wechat' | 'alipay', n: RawNotify) =>
  app.inject({ method: 'POST', url: `/api/payments/notify/${channel}`, headers: n.headers as Record<string, string>, payload: n.body })

/** The test clock: timers are tested by moving it. */
let clock = new Date('2026-06-01T02:00:00Z')
const advance = (ms: number) => {
  clock = new Date(clock.getTime() + ms)
}

describeEachDb(
  'after-sales',
  (ctx) => {
    const sandbox = () => ctx.app.payments.providers.sandbox as SandboxPay
    const mug = () => skuId(ctx.t.db, 'mug', { 颜色: '米白' }) // 3900
    const tee = () => skuId(ctx.t.db, 'tee', { 颜色: '白色', 尺码: 'M' }) // 4900

    /** An order paid by the platform's signed notify; shipped and/or received when asked. */
    async function order(platform: 'weapp' | 'alipay', items: { skuId: number; quantity: number }[], stage: 'paid' | 'shipped' | 'completed' = 'paid') {
      const token = await platformUser(ctx.app, platform)
      const addr = await call(ctx.app, 'POST', '/api/addresses', { token, body: HOME })
      const o = await call(ctx.app, 'POST', '/api/orders', { token, body: { items, addressId: addr.body.id, idempotencyKey: key() } })
      expect(o.status).toBe(201)
      expect((await call(ctx.app, 'POST', `/api/orders/${o.body.id}/pay`, { token })).status).toBe(200)
      const out = (await ctx.t.db.one<{ out_trade_no: string }>('SELECT out_trade_no FROM payments WHERE order_id = $1', [o.body.id])).out_trade_no
      sandbox().settle(out)
      const n = platform === 'weapp' ? sandbox().wechatNotify(out) : sandbox().alipayNotify(out)
      expect((await postNotify(ctx.app, platform === 'weapp' ? 'wechat' : 'alipay', n)).statusCode).toBeLessThan(300)
      if (stage !== 'paid') expect((await call(ctx.app, 'POST', `/api/admin/orders/${o.body.id}/ship`, { token: admin, body: { carrier: '顺丰速运', trackingNo: 'SF100200' } })).status).toBe(200)
      if (stage === 'completed') expect((await call(ctx.app, 'POST', `/api/orders/${o.body.id}/confirm`, { token })).status).toBe(200)
      const items2 = (await call(ctx.app, 'GET', `/api/orders/${o.body.id}`, { token })).body.items as { id: number; skuId: number }[]
      return { token, id: o.body.id as number, total: o.body.total as number, out, itemOf: (sku: number) => (items2.find((i) => i.skuId === sku) as { id: number }).id }
    }

    const ask = (token: string, orderId: number, body: unknown) => call<{ id: number; status: string; code?: string; message?: string }>(ctx.app, 'POST', `/api/orders/${orderId}/after-sales`, { token, body })
    const act = (id: number, what: string, body: unknown = {}) => call<AdminAfterSale & { code?: string; message?: string }>(ctx.app, 'POST', `/api/admin/after-sales/${id}/${what}`, { token: admin, body })
    const mine = (token: string, id: number) => call<AfterSale>(ctx.app, 'GET', `/api/after-sales/${id}`, { token })
    const orderOf = async (token: string, id: number) => (await call(ctx.app, 'GET', `/api/orders/${id}`, { token })).body
    const counts = async () => ctx.t.db.one<{ a: number; l: number; s: number }>('SELECT (SELECT count(*)::int FROM after_sales) AS a, (SELECT count(*)::int FROM after_sale_lines) AS l, (SELECT count(*)::int FROM after_sale_steps) AS s')

    it('refund only on a paid order: approve → the refund (alipay answers at once) → refunded, the order refunded, the stock back, each step messaged', async () => {
      const sku = await mug()
      const stock = await stockOf(ctx.t.db, sku)
      const o = await order('alipay', [{ skuId: sku, quantity: 2 }])
      expect(await stockOf(ctx.t.db, sku)).toBe(stock - 2)
      const types = await call(ctx.app, 'GET', `/api/orders/${o.id}/after-sales`, { token: o.token })
      expect(types.body).toEqual({ types: ['refund'], windowEndsAt: null, items: [] })

      const r = await ask(o.token, o.id, { type: 'refund', lines: [{ orderItemId: o.itemOf(sku), quantity: 2 }], reason: '不想要了' })
      expect(r.status).toBe(201)
      expect(r.body).toEqual({ id: r.body.id, status: 'requested' })
      const before = await mine(o.token, r.body.id)
      expect(before.body).toMatchObject({ status: 'requested', type: 'refund', amount: 7800 + 1000, refund: null, returnAddress: null, deadline: { event: 'approve', at: new Date(clock.getTime() + 2 * DAY_MS).toISOString() } })
      expect(before.body.lines).toEqual([{ orderItemId: o.itemOf(sku), skuId: sku, title: expect.any(String), specs: '米白', image: expect.any(String), quantity: 2, amount: 7800 }])

      const ok = await act(r.body.id, 'approve', { note: '同意退款' })
      expect(ok.status).toBe(200)
      expect(ok.body).toMatchObject({ status: 'refunded', refund: { status: 'succeeded', failure: null }, buyer: 'alipay-buyer', platform: 'alipay' })
      expect(ok.body.steps.map((s) => [s.status, s.actor])).toEqual([
        ['requested', 'shopper'],
        ['refunding', 'admin'],
        ['refunded', 'system'],
      ])
      const after = await orderOf(o.token, o.id)
      expect(after).toMatchObject({ status: 'refunded', refundedTotal: o.total })
      expect(after.refunds).toEqual([expect.objectContaining({ amount: o.total, status: 'succeeded', reason: `售后 #${r.body.id}：不想要了` })])
      expect(await stockOf(ctx.t.db, sku)).toBe(stock)
      const msgs = await ctx.t.db.query<{ dedupe_key: string }>("SELECT dedupe_key FROM message_outbox WHERE order_id = $1 AND event = 'after_sale_update' ORDER BY id", [o.id])
      expect(msgs.rows.map((m) => m.dedupe_key)).toEqual(['requested', 'refunding', 'refunded'].map((s) => `after_sale:${r.body.id}:${s}`))
      const audit = await ctx.t.db.query<{ action: string }>("SELECT action FROM audit_log WHERE entity = 'after_sale' AND entity_id = $1", [String(r.body.id)])
      expect(audit.rows.map((a) => a.action)).toEqual(['after_sale.approve'])
      // A second approval is refused and refunds nothing.
      const again = await act(r.body.id, 'approve')
      expect(again.status).toBe(409)
      expect(again.body).toMatchObject({ code: 'INVALID_STATE', message: '只有待处理的售后申请可以同意' })
    })

    it('return and refund of one unit with stored line discounts: approve → ship back → received → refunded with exactly that line’s share', async () => {
      const [m, t] = [await mug(), await tee()]
      const o = await order('alipay', [{ skuId: m, quantity: 2 }, { skuId: t, quantity: 1 }], 'completed')
      // The engine's split when it was priced: 1000 of the mugs' 7800, 500 of the tee's 4900.
      await ctx.t.db.query('UPDATE order_items SET discount = CASE sku_id WHEN $2 THEN 1000 ELSE 500 END WHERE order_id = $1', [o.id, m])
      const stock = await stockOf(ctx.t.db, m)
      const r = await ask(o.token, o.id, { type: 'return', lines: [{ orderItemId: o.itemOf(m), quantity: 1 }], reason: '商品质量问题', description: '杯口有裂纹' })
      expect(r.status).toBe(201)
      expect((await mine(o.token, r.body.id)).body).toMatchObject({ amount: 3400, lines: [{ quantity: 1, amount: 3400 }] })

      const ap = await act(r.body.id, 'approve')
      expect(ap.body).toMatchObject({ status: 'awaiting_return', returnAddress: { name: 'Duet 售后组' }, deadline: { event: 'return_timeout' } })
      // The shop can't receive what was not sent.
      expect((await act(r.body.id, 'received')).status).toBe(409)
      const sent = await call<AfterSale>(ctx.app, 'POST', `/api/after-sales/${r.body.id}/return-shipment`, { token: o.token, body: { carrier: '中通快递', trackingNo: 'ZT2026001' } })
      expect(sent.status).toBe(200)
      expect(sent.body).toMatchObject({ status: 'returning', returnShipment: { carrier: '中通快递', trackingNo: 'ZT2026001' }, deadline: null })
      const got = await act(r.body.id, 'received', { note: '货已验收' })
      expect(got.body).toMatchObject({ status: 'refunded', amount: 3400, refund: { status: 'succeeded' } })
      const refunds = (await call<{ items: Refund[] }>(ctx.app, 'GET', `/api/admin/refunds?orderId=${o.id}`, { token: admin })).body.items
      expect(refunds).toHaveLength(1)
      expect(refunds[0]).toMatchObject({ amount: 3400, restock: true, lines: [{ skuId: m, quantity: 1, amount: 3400 }] })
      expect(await orderOf(o.token, o.id)).toMatchObject({ status: 'completed', refundedTotal: 3400 })
      expect(await stockOf(ctx.t.db, m)).toBe(stock + 1)
      // The other mug is still free to ask for; the refunded one is not.
      expect((await ask(o.token, o.id, { type: 'return', lines: [{ orderItemId: o.itemOf(m), quantity: 2 }], reason: '商品质量问题' })).body).toMatchObject({ code: 'TOO_MANY', message: '该商品最多还能申请 1 件' })
      expect((await ask(o.token, o.id, { type: 'return', lines: [{ orderItemId: o.itemOf(m), quantity: 1 }], reason: '商品质量问题' })).status).toBe(201)
    })

    it('exchange: approve → ship back → received → resend → exchanged, no refund', async () => {
      const t = await tee()
      const o = await order('alipay', [{ skuId: t, quantity: 1 }], 'shipped')
      const r = await ask(o.token, o.id, { type: 'exchange', lines: [{ orderItemId: o.itemOf(t), quantity: 1 }], reason: '尺码 / 规格不合适' })
      expect((await mine(o.token, r.body.id)).body.amount).toBe(0)
      await act(r.body.id, 'approve')
      await call(ctx.app, 'POST', `/api/after-sales/${r.body.id}/return-shipment`, { token: o.token, body: { carrier: '中通快递', trackingNo: 'ZT1' + '0000' } })
      expect((await act(r.body.id, 'received')).body.status).toBe('resending')
      const done = await act(r.body.id, 'resend', { carrier: '顺丰速运', trackingNo: 'SF999888' })
      expect(done.status).toBe(200)
      expect(done.body).toMatchObject({ status: 'exchanged', refund: null, resendShipment: { carrier: '顺丰速运', trackingNo: 'SF999888' } })
      expect((await call<{ total: number }>(ctx.app, 'GET', `/api/admin/refunds?orderId=${o.id}`, { token: admin })).body.total).toBe(0)
      expect((await orderOf(o.token, o.id)).status).toBe('shipped')
    })

    it('refuse needs a reason and shows it; withdraw; the shopper can’t act for the shop', async () => {
      const m = await mug()
      const o = await order('alipay', [{ skuId: m, quantity: 3 }], 'shipped')
      const a = await ask(o.token, o.id, { type: 'refund', lines: [{ orderItemId: o.itemOf(m), quantity: 1 }], reason: '未收到货' })
      expect((await act(a.body.id, 'refuse', {})).status).toBe(400)
      const no = await act(a.body.id, 'refuse', { reason: '物流显示已签收' })
      expect(no.body).toMatchObject({ status: 'refused', refusal: '物流显示已签收', deadline: null })
      expect((await call(ctx.app, 'POST', `/api/after-sales/${a.body.id}/withdraw`, { token: o.token })).body).toMatchObject({ code: 'INVALID_STATE', message: '售后申请已在处理中，不能撤销' })
      // Refused units are free again.
      const b = await ask(o.token, o.id, { type: 'return', lines: [{ orderItemId: o.itemOf(m), quantity: 3 }], reason: '商品质量问题' })
      expect(b.status).toBe(201)
      const w = await call<AfterSale>(ctx.app, 'POST', `/api/after-sales/${b.body.id}/withdraw`, { token: o.token })
      expect(w.body).toMatchObject({ status: 'withdrawn', steps: [{ status: 'requested' }, { status: 'withdrawn', actor: 'shopper' }] })
      const list = await call(ctx.app, 'GET', `/api/admin/after-sales?orderId=${o.id}&status=withdrawn`, { token: admin })
      expect(list.body).toMatchObject({ total: 1, items: [{ id: b.body.id, type: 'return' }] })
      const mineList = await call(ctx.app, 'GET', '/api/after-sales?page=1', { token: o.token })
      expect(mineList.body.items.map((x: AfterSale) => x.id)).toEqual([b.body.id, a.body.id])
      expect(mineList.body.items[0].userId).toBeUndefined()
    })

    it('bad input and races: not yours 404, twice the same line 400/409, more than bought 409, window closed 409, nothing written', async () => {
      const m = await mug()
      const o = await order('alipay', [{ skuId: m, quantity: 2 }], 'completed')
      const other = await platformUser(ctx.app, 'alipay')
      const line = o.itemOf(m)
      const before = await counts()
      expect((await ask(other, o.id, { type: 'return', lines: [{ orderItemId: line, quantity: 1 }], reason: 'x' })).body).toMatchObject({ code: 'ORDER_NOT_FOUND' })
      expect((await ask(other, o.id, { type: 'return', lines: [{ orderItemId: line, quantity: 1 }], reason: 'x' })).status).toBe(404)
      expect((await ask(o.token, o.id, { type: 'return', lines: [{ orderItemId: line, quantity: 1 }, { orderItemId: line, quantity: 1 }], reason: 'x' })).body).toMatchObject({ code: 'DUPLICATE_LINE' })
      expect((await ask(o.token, o.id, { type: 'return', lines: [{ orderItemId: line, quantity: 3 }], reason: 'x' })).body).toMatchObject({ code: 'TOO_MANY', message: '该商品最多还能申请 2 件' })
      expect((await ask(o.token, o.id, { type: 'refund', lines: [{ orderItemId: line, quantity: 1 }], reason: 'x' })).body).toMatchObject({ code: 'TYPE_NOT_ALLOWED' })
      expect((await ask(o.token, o.id, { type: 'return', lines: [{ orderItemId: line, quantity: 1 }], reason: 'x', photos: ['/api/uploads/0123456789abcdef0123456789abcdef.jpg'] })).status).toBe(400)
      expect(await counts()).toEqual(before)

      // Two requests for the same units at once: one 201, the other 409.
      const both = await Promise.all([1, 2].map(() => ask(o.token, o.id, { type: 'return', lines: [{ orderItemId: line, quantity: 2 }], reason: '七天无理由退货' })))
      expect(both.map((b) => b.status).sort()).toEqual([201, 409])
      expect(both.find((b) => b.status === 409)?.body).toMatchObject({ code: 'TOO_MANY', message: '该商品已在售后中或已退款' })
      const afterRace = await counts()
      expect(afterRace.a).toBe(before.a + 1)
      const won = both.find((b) => b.status === 201)?.body.id as number
      expect((await mine(other, won)).status).toBe(404)
      expect((await call(ctx.app, 'GET', `/api/orders/${o.id}/after-sales`, { token: other })).status).toBe(404)
      expect((await call(ctx.app, 'POST', `/api/after-sales/${won}/withdraw`, { token: other })).status).toBe(404)
      await call(ctx.app, 'POST', `/api/after-sales/${won}/withdraw`, { token: o.token })

      // Seven days after receipt: still open at the edge, closed after.
      const received = new Date((await orderOf(o.token, o.id)).receivedAt)
      advance(received.getTime() + 7 * DAY_MS + 1 - clock.getTime())
      const late = await ask(o.token, o.id, { type: 'return', lines: [{ orderItemId: line, quantity: 1 }], reason: 'x' })
      expect(late.status).toBe(409)
      expect(late.body).toMatchObject({ code: 'WINDOW_CLOSED', message: '已超过售后期（收货后 7 天）' })
      expect((await call(ctx.app, 'GET', `/api/orders/${o.id}/after-sales`, { token: o.token })).body).toMatchObject({ types: [], windowEndsAt: new Date(received.getTime() + 7 * DAY_MS).toISOString() })
      expect(await ctx.app.afterSales.settled(o.id)).toBe(true)
    })

    it('two approvals at once refund once', async () => {
      const m = await mug()
      const o = await order('alipay', [{ skuId: m, quantity: 2 }])
      const r = await ask(o.token, o.id, { type: 'refund', lines: [{ orderItemId: o.itemOf(m), quantity: 1 }], reason: '拍错 / 多拍' })
      const answers = await Promise.all(Array.from({ length: 4 }, () => act(r.body.id, 'approve')))
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409, 409])
      const refunds = await ctx.t.db.query('SELECT id FROM refunds WHERE order_id = $1', [o.id])
      expect(refunds.rows).toHaveLength(1)
      expect((await mine(o.token, r.body.id)).body.status).toBe('refunded')
      expect(await orderOf(o.token, o.id)).toMatchObject({ status: 'paid', refundedTotal: 3900 })
    })

    it('a refund the platform fails stays visible on the request; the admin retry finishes it', async () => {
      const m = await mug()
      const o = await order('weapp', [{ skuId: m, quantity: 1 }], 'shipped')
      const stock = await stockOf(ctx.t.db, m)
      const r = await ask(o.token, o.id, { type: 'refund', lines: [{ orderItemId: o.itemOf(m), quantity: 1 }], reason: '未收到货' })
      const ap = await act(r.body.id, 'approve')
      // WeChat answers PROCESSING; then its notify says ABNORMAL.
      expect(ap.body).toMatchObject({ status: 'refunding', refund: { status: 'pending' } })
      const refundId = ap.body.refund?.id as number
      const row = (await call<Refund>(ctx.app, 'GET', `/api/admin/refunds/${refundId}`, { token: admin })).body
      expect(row.restock).toBe(false)
      expect((await postNotify(ctx.app, 'wechat', sandbox().wechatRefundNotify(row.outRefundNo, { status: 'ABNORMAL' }))).statusCode).toBe(204)
      const failed = await mine(o.token, r.body.id)
      expect(failed.body).toMatchObject({ status: 'refunding', refund: { id: refundId, status: 'failed', failure: expect.stringContaining('退款异常') } })
      const retry = await call<Refund>(ctx.app, 'POST', `/api/admin/refunds/${refundId}/retry`, { token: admin })
      expect(retry.body).toMatchObject({ status: 'succeeded' })
      expect((await mine(o.token, r.body.id)).body).toMatchObject({ status: 'refunded', refund: { status: 'succeeded', failure: null } })
      // Refund only on a shipped order: the goods are out there, the stock stays.
      expect(await stockOf(ctx.t.db, m)).toBe(stock)
      expect((await orderOf(o.token, o.id)).status).toBe('refunded')
    })

    it('timers: an unanswered request is approved after 2 days (and refunds), a return not sent in 7 days closes', async () => {
      const m = await mug()
      const a = await order('alipay', [{ skuId: m, quantity: 1 }])
      const b = await order('alipay', [{ skuId: m, quantity: 1 }], 'shipped')
      const ra = await ask(a.token, a.id, { type: 'refund', lines: [{ orderItemId: a.itemOf(m), quantity: 1 }], reason: '不想要了' })
      const rb = await ask(b.token, b.id, { type: 'return', lines: [{ orderItemId: b.itemOf(m), quantity: 1 }], reason: '发错货' })
      advance(2 * DAY_MS - 1000)
      await ctx.app.afterSales.sweep()
      expect((await mine(a.token, ra.body.id)).body.status).toBe('requested')
      advance(1000)
      await ctx.app.afterSales.sweep()
      const approved = await mine(a.token, ra.body.id)
      expect(approved.body).toMatchObject({ status: 'refunded', refund: { status: 'succeeded' } })
      expect(approved.body.steps[1]).toMatchObject({ status: 'refunding', actor: 'system', note: '商家 2 天内未处理，系统自动同意' })
      expect((await mine(b.token, rb.body.id)).body).toMatchObject({ status: 'awaiting_return', deadline: { event: 'return_timeout', at: new Date(clock.getTime() + 7 * DAY_MS).toISOString() } })
      advance(7 * DAY_MS)
      // (Requests other tests left open are swept too: the database is shared by the file.)
      expect(await ctx.app.afterSales.sweep()).toBeGreaterThanOrEqual(1)
      expect((await mine(b.token, rb.body.id)).body).toMatchObject({ status: 'closed', steps: [{ status: 'requested' }, { status: 'awaiting_return', actor: 'system' }, { status: 'closed', actor: 'system' }] })
      expect(await ctx.app.afterSales.sweep()).toBe(0)
    })

    it('photos: jpeg/png/webp only, by content, within the size; EXIF stripped; a request takes only its shopper’s photos', async () => {
      const token = await platformUser(ctx.app, 'alipay')
      const upload = (data: Buffer, filename = 'a.jpg', who = token) => {
        const boundary = '----as' + seq++
        const body = Buffer.concat([
          Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: image/jpeg\r\n\r\n`),
          data,
          Buffer.from(`\r\n--${boundary}--\r\n`),
        ])
        return ctx.app.inject({ method: 'POST', url: '/api/uploads/after-sales', headers: { authorization: `Bearer ${who}`, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: body })
      }
      const jpeg = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#c33' } }).jpeg().withMetadata({ exif: { IFD0: { Copyright: 'secret-camera' } } }).toBuffer()
      expect((await sharp(jpeg).metadata()).exif).toBeDefined()
      const ok = await upload(jpeg)
      expect(ok.statusCode).toBe(201)
      const url = ok.json().url as string
      expect(url).toMatch(/^\/api\/uploads\/[a-f0-9]{32}\.jpg$/)
      const stored = await ctx.app.inject({ method: 'GET', url })
      expect(stored.statusCode).toBe(200)
      expect((await sharp(stored.rawPayload).metadata()).exif).toBeUndefined()

      const gif = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } }).gif().toBuffer()
      expect((await upload(gif, 'x.gif')).json()).toMatchObject({ code: 'BAD_IMAGE_TYPE' })
      expect((await upload(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'x.png')).statusCode).toBe(415)
      const big = Buffer.concat([jpeg, Buffer.alloc(5 * 1024 * 1024)])
      expect((await upload(big)).json()).toMatchObject({ code: 'FILE_TOO_LARGE' })
      expect((await ctx.app.inject({ method: 'POST', url: '/api/uploads/after-sales', payload: {} })).statusCode).toBe(401)

      const m = await mug()
      const o = await order('alipay', [{ skuId: m, quantity: 1 }])
      const line = [{ orderItemId: o.itemOf(m), quantity: 1 }]
      // Someone else's upload is not this shopper's photo.
      expect((await ask(o.token, o.id, { type: 'refund', lines: line, reason: 'x', photos: [url] })).body).toMatchObject({ code: 'BAD_INPUT' })
      const own = (await upload(jpeg, 'b.jpg', o.token)).json().url
      expect((await ask(o.token, o.id, { type: 'refund', lines: line, reason: 'x', photos: Array(7).fill(own) })).status).toBe(400)
      const r = await ask(o.token, o.id, { type: 'refund', lines: line, reason: '拍错 / 多拍', photos: [own] })
      expect(r.status).toBe(201)
      expect((await mine(o.token, r.body.id)).body.photos).toEqual([own])
    })

    it('pay after use: only the whole order; approval cancels the charge through credit and the request ends refunded', async () => {
      const token = await platformUser(ctx.app, 'alipay')
      const m = await mug()
      const stock = await stockOf(ctx.t.db, m)
      const addr = await call(ctx.app, 'POST', '/api/addresses', { token, body: HOME })
      const o = await call(ctx.app, 'POST', '/api/orders', { token, body: { items: [{ skuId: m, quantity: 2 }], addressId: addr.body.id, idempotencyKey: key(), paymentMode: 'pay_after_use' } })
      expect((await call(ctx.app, 'POST', `/api/orders/${o.body.id}/credit`, { token })).status).toBe(200)
      const out = (await ctx.t.db.one<{ out_order_no: string }>('SELECT out_order_no FROM credit_orders WHERE order_id = $1', [o.body.id])).out_order_no
      const n = (ctx.app.credit.providers.sandbox as SandboxCredit).decide(out, 'full')?.notify as RawNotify
      await ctx.app.inject({ method: 'POST', url: '/api/credit/notify/alipay', headers: n.headers as Record<string, string>, payload: n.body })
      const line = (await orderOf(token, o.body.id)).items[0].id as number
      expect((await ask(token, o.body.id, { type: 'refund', lines: [{ orderItemId: line, quantity: 1 }], reason: '不想要了' })).body).toMatchObject({ code: 'PAY_AFTER_USE_WHOLE_ONLY' })
      const r = await ask(token, o.body.id, { type: 'refund', lines: [{ orderItemId: line, quantity: 2 }], reason: '不想要了' })
      expect(r.status).toBe(201)
      const ok = await act(r.body.id, 'approve')
      expect(ok.body).toMatchObject({ status: 'refunded', refund: null })
      expect(await orderOf(token, o.body.id)).toMatchObject({ status: 'refunded', refundedTotal: o.body.total })
      expect(await stockOf(ctx.t.db, m)).toBe(stock)
      // Nothing left for the sweep to ask again.
      expect(await ctx.t.db.one('SELECT refund_reserved FROM after_sales WHERE id = $1', [r.body.id])).toEqual({ refund_reserved: true })
    })

    it('admin: permissions, 404, list filters', async () => {
      expect((await call(ctx.app, 'GET', '/api/admin/after-sales/999999', { token: admin })).status).toBe(404)
      expect((await call(ctx.app, 'POST', '/api/admin/after-sales/999999/approve', { token: admin, body: {} })).status).toBe(404)
      expect((await call(ctx.app, 'GET', '/api/admin/after-sales?status=nope', { token: admin })).status).toBe(400)
      expect((await call(ctx.app, 'GET', '/api/admin/after-sales')).status).toBe(401)
      const all = await call(ctx.app, 'GET', '/api/admin/after-sales?type=exchange&pageSize=5', { token: admin })
      expect(all.body).toMatchObject({ page: 1, pageSize: 5 })
      expect(all.body.items.every((x: AdminAfterSale) => x.type === 'exchange')).toBe(true)
    })
  },
  { now: () => clock, sandboxNotifyDelayMs: null },
)
