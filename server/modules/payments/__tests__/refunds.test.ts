import { expect, it } from 'vitest'
import type { Refund } from '../../../../src/domain/contract'
import { ADMIN_TOKEN, call, describeEachDb, skuId, stockOf } from '../../../test/helpers'
import type { SandboxPay } from '../../../platforms'
import { platformUser, postNotify } from './helpers'

let seq = 0
const key = () => `refund-${process.pid}-${Date.now()}-${++seq}`
const admin = ADMIN_TOKEN

const post = postNotify

// Refund notifies are delivered by hand here (sandboxNotifyDelayMs: null), so each test decides when the platform answers.
describeEachDb(
  'refunds',
  (ctx) => {
    const sandbox = () => ctx.app.payments.providers.sandbox as SandboxPay
    const sku = {
      mug: () => skuId(ctx.t.db, 'mug', { 颜色: '米白' }),
      tee: () => skuId(ctx.t.db, 'tee', { 颜色: '白色', 尺码: 'M' }),
    }

    /** An order paid through the platform's signed notify. */
    async function paidOrder(platform: 'weapp' | 'alipay', items: { skuId: number; quantity: number }[]) {
      const token = await platformUser(ctx.app, platform)
      const o = await call(ctx.app, 'POST', '/api/orders', { token, body: { items, idempotencyKey: key() } })
      expect(o.status).toBe(201)
      expect((await call(ctx.app, 'POST', `/api/orders/${o.body.id}/pay`, { token })).status).toBe(200)
      const out = (await ctx.t.db.one<{ out_trade_no: string }>('SELECT out_trade_no FROM payments WHERE order_id = $1', [o.body.id])).out_trade_no
      sandbox().settle(out)
      const n = platform === 'weapp' ? sandbox().wechatNotify(out) : sandbox().alipayNotify(out)
      expect((await post(ctx.app, platform === 'weapp' ? 'wechat' : 'alipay', n)).statusCode).toBeLessThan(300)
      return { token, id: o.body.id as number, total: o.body.total as number, out }
    }

    /** An unpaid order with a payment attempt open on the platform. */
    async function unpaidAttempt(platform: 'weapp' | 'alipay') {
      const token = await platformUser(ctx.app, platform)
      const o = (await call(ctx.app, 'POST', '/api/orders', { token, body: { items: [{ skuId: await sku.mug(), quantity: 1 }], idempotencyKey: key() } })).body
      expect((await call(ctx.app, 'POST', `/api/orders/${o.id}/pay`, { token })).status).toBe(200)
      const out = (await ctx.t.db.one<{ out_trade_no: string }>('SELECT out_trade_no FROM payments WHERE order_id = $1', [o.id])).out_trade_no
      return { token, o: o as { id: number; total: number }, out }
    }

    const orderOf = async (token: string, id: number) => (await call(ctx.app, 'GET', `/api/orders/${id}`, { token })).body
    const refundAsk = (orderId: number, body: unknown) => call<Refund & { code?: string; message?: string }>(ctx.app, 'POST', `/api/admin/orders/${orderId}/refunds`, { token: admin, body })

    it('weapp, whole order: refunding until the signed REFUND.SUCCESS notify, then refunded with the stock back, once', async () => {
      const mug = await sku.mug()
      const stock = await stockOf(ctx.t.db, mug)
      const o = await paidOrder('weapp', [{ skuId: mug, quantity: 2 }])
      expect(await stockOf(ctx.t.db, mug)).toBe(stock - 2)

      const r = await refundAsk(o.id, { reason: '买家不想要了' })
      expect(r.status).toBe(201)
      // WeChat refunds asynchronously: the platform said PROCESSING.
      expect(r.body).toMatchObject({ orderId: o.id, kind: 'order', status: 'pending', amount: o.total, restock: true, lines: [{ skuId: mug, quantity: 2, amount: 7800 }] })
      expect(r.body.outRefundNo).toMatch(/R01$/)
      expect((await orderOf(o.token, o.id)).status).toBe('refunding')
      expect(await stockOf(ctx.t.db, mug)).toBe(stock - 2)

      const n = sandbox().wechatRefundNotify(r.body.outRefundNo)
      const answers = await Promise.all(Array.from({ length: 20 }, () => post(ctx.app, 'wechat', n)))
      expect(answers.map((a) => a.statusCode)).toEqual(Array(20).fill(204))
      const after = await orderOf(o.token, o.id)
      expect(after.status).toBe('refunded')
      expect(after.timeline.map((e: { status: string }) => e.status)).toEqual(['created', 'paid', 'refunding', 'refunded'])
      expect(await stockOf(ctx.t.db, mug)).toBe(stock)
      const outcomes = (await ctx.t.db.query<{ outcome: string }>('SELECT outcome FROM payment_notifies WHERE out_trade_no = $1 AND outcome IN ($2, $3)', [o.out, 'refunded', 'duplicate'])).rows
      expect(outcomes.filter((x) => x.outcome === 'refunded')).toHaveLength(1)
      const got = await call<Refund>(ctx.app, 'GET', `/api/admin/refunds/${r.body.id}`, { token: admin })
      expect(got.body).toMatchObject({ status: 'succeeded', failure: null })
      expect(got.body.succeededAt).not.toBeNull()
      // Nothing left to refund.
      const again = await refundAsk(o.id, { reason: '再退一次' })
      expect(again.status).toBe(409)
    })

    it('alipay, per line: one line back at once (trade.refund answers synchronously), then the rest with shipping; the sums are the total', async () => {
      const [mug, tee] = [await sku.mug(), await sku.tee()]
      const teeStock = await stockOf(ctx.t.db, tee)
      // 39.00 + 49.00 < 99: 10.00 shipping, total 98.00.
      const o = await paidOrder('alipay', [
        { skuId: mug, quantity: 1 },
        { skuId: tee, quantity: 1 },
      ])
      expect(o.total).toBe(9800)

      const first = await refundAsk(o.id, { lines: [{ skuId: tee, quantity: 1 }], reason: '尺码不合适' })
      expect(first.status).toBe(201)
      expect(first.body).toMatchObject({ status: 'succeeded', amount: 4900, lines: [{ skuId: tee, quantity: 1, amount: 4900 }] })
      // A partial refund leaves the order where it was: it can still ship. The shopper sees the refund on the order.
      const seen = await orderOf(o.token, o.id)
      expect(seen.status).toBe('paid')
      expect(seen.refundedTotal).toBe(4900)
      expect(seen.items.map((i: { skuId: number; refundedQuantity: number }) => [i.skuId, i.refundedQuantity])).toEqual([
        [mug, 0],
        [tee, 1],
      ])
      expect(seen.refunds).toEqual([{ amount: 4900, status: 'succeeded', reason: '尺码不合适', lines: [{ skuId: tee, quantity: 1, amount: 4900 }], createdAt: expect.any(String), succeededAt: expect.any(String) }])
      expect(await stockOf(ctx.t.db, tee)).toBe(teeStock)

      expect((await refundAsk(o.id, { lines: [{ skuId: tee, quantity: 1 }], reason: 'x' })).body).toMatchObject({ code: 'TOO_MANY' })
      const rest = await refundAsk(o.id, { reason: '整单退款', restock: false })
      expect(rest.body).toMatchObject({ status: 'succeeded', amount: 4900, restock: false, lines: [{ skuId: mug, quantity: 1, amount: 3900 }] })
      expect((await orderOf(o.token, o.id)).status).toBe('refunded')
      const all = await call<{ items: Refund[] }>(ctx.app, 'GET', `/api/admin/refunds?orderId=${o.id}`, { token: admin })
      expect(all.body.items.reduce((n, r) => n + r.amount, 0)).toBe(o.total)
      // The platform's own notify for each refund afterwards is a duplicate.
      for (const r of all.body.items) expect((await post(ctx.app, 'alipay', sandbox().alipayRefundNotify(r.outRefundNo))).body).toBe('success')
      expect((await ctx.t.db.one<{ n: number }>("SELECT count(*)::int AS n FROM order_events WHERE order_id = $1 AND status = 'refunded'", [o.id])).n).toBe(1)
    })

    it('refuses refunds of unpaid or unknown orders and bad input, without admin token or with, changing nothing', async () => {
      const mug = await sku.mug()
      const token = await platformUser(ctx.app, 'weapp')
      const unpaid = await call(ctx.app, 'POST', '/api/orders', { token, body: { items: [{ skuId: mug, quantity: 1 }], idempotencyKey: key() } })
      expect((await refundAsk(unpaid.body.id, { reason: '退款' })).body).toMatchObject({ code: 'INVALID_STATE' })
      expect((await refundAsk(999999, { reason: '退款' })).status).toBe(404)
      const o = await paidOrder('weapp', [{ skuId: mug, quantity: 1 }])
      const bad: [unknown, number][] = [
        [{}, 400],
        [{ reason: '' }, 400],
        [{ reason: 'x'.repeat(81) }, 400],
        [{ reason: '退', lines: [] }, 400],
        [{ reason: '退', lines: [{ skuId: mug, quantity: 0 }] }, 400],
        [{ reason: '退', lines: [{ skuId: mug, quantity: 2 }] }, 400],
        [{ reason: '退', lines: [{ skuId: 123456, quantity: 1 }] }, 400],
        [{ reason: '退', restock: 'yes' }, 400],
      ]
      for (const [body, status] of bad) expect((await refundAsk(o.id, body)).status, JSON.stringify(body)).toBe(status)
      expect((await call(ctx.app, 'POST', `/api/admin/orders/${o.id}/refunds`, { token: o.token, body: { reason: '退' } })).status).toBe(401)
      expect((await ctx.t.db.one<{ n: number }>('SELECT count(*)::int AS n FROM refunds WHERE order_id = $1', [o.id])).n).toBe(0)
      expect((await orderOf(o.token, o.id)).status).toBe('paid')
    })

    it('refund notifies: a forged one is refused, a wrong amount or unknown refund changes nothing, ABNORMAL fails the refund until a retry succeeds', async () => {
      const mug = await sku.mug()
      const o = await paidOrder('weapp', [{ skuId: mug, quantity: 1 }])
      const r = (await refundAsk(o.id, { reason: '质量问题' })).body
      const good = sandbox().wechatRefundNotify(r.outRefundNo)
      const forged = { headers: { ...good.headers, 'wechatpay-signature': 'AAAA' }, body: good.body }
      expect((await post(ctx.app, 'wechat', forged)).statusCode).toBe(401)
      expect((await post(ctx.app, 'wechat', sandbox().wechatRefundNotify(r.outRefundNo, { amount: 1 }))).statusCode).toBe(400)
      expect((await post(ctx.app, 'wechat', sandbox().wechatRefundNotify(`${r.outRefundNo}9`, { outTradeNo: o.out, amount: r.amount }))).statusCode).toBe(400)
      expect((await orderOf(o.token, o.id)).status).toBe('refunding')

      expect((await post(ctx.app, 'wechat', sandbox().wechatRefundNotify(r.outRefundNo, { status: 'ABNORMAL' }))).statusCode).toBe(204)
      const failed = await call<{ items: Refund[] }>(ctx.app, 'GET', '/api/admin/refunds?status=failed', { token: admin })
      expect(failed.body.items.find((x) => x.id === r.id)).toMatchObject({ status: 'failed' })
      expect((await orderOf(o.token, o.id)).status).toBe('refunding')

      // The merchant fixed it on the platform; asking again with the same number finds it done.
      const retry = await call<Refund>(ctx.app, 'POST', `/api/admin/refunds/${r.id}/retry`, { token: admin })
      expect(retry.body).toMatchObject({ status: 'succeeded', failure: null })
      expect((await orderOf(o.token, o.id)).status).toBe('refunded')
      const outcomes = (await ctx.t.db.query<{ outcome: string }>('SELECT outcome FROM payment_notifies WHERE out_trade_no = $1 ORDER BY id', [o.out])).rows.map((x) => x.outcome)
      expect(outcomes).toEqual(['paid', 'mismatch', 'unknown_refund', 'refund_failed'])
    })

    it('a platform outage leaves the refund pending with a note; the reconciler asks again with the same number and finishes it once', async () => {
      const mug = await sku.mug()
      const stock = await stockOf(ctx.t.db, mug)
      const o = await paidOrder('alipay', [{ skuId: mug, quantity: 3 }])
      sandbox().outage = true
      try {
        const r = await refundAsk(o.id, { lines: [{ skuId: mug, quantity: 1 }], reason: '缺货' })
        expect(r.status).toBe(201)
        expect(r.body).toMatchObject({ status: 'pending', failure: '支付平台暂时无法连接，将自动重试' })
        expect(await ctx.app.payments.refunds.reconcile(0)).toBe(0)
      } finally {
        sandbox().outage = false
      }
      expect(await ctx.app.payments.refunds.reconcile(0)).toBe(1)
      expect(await ctx.app.payments.refunds.reconcile(0)).toBe(0)
      expect(await stockOf(ctx.t.db, mug)).toBe(stock - 2)
      const list = await call<{ items: Refund[] }>(ctx.app, 'GET', `/api/admin/refunds?orderId=${o.id}`, { token: admin })
      expect(list.body.items).toHaveLength(1)
      expect(list.body.items[0]).toMatchObject({ status: 'succeeded', amount: 3900 })
    })

    it('one refund that throws on every ask neither stops nor starves the reconciler: the others finish, the broken one is reported', async () => {
      const mug = await sku.mug()
      const a = await paidOrder('alipay', [{ skuId: mug, quantity: 1 }])
      const b = await paidOrder('alipay', [{ skuId: mug, quantity: 1 }])
      sandbox().outage = true
      try {
        for (const o of [a, b]) expect((await refundAsk(o.id, { reason: '缺货' })).body.status).toBe('pending')
      } finally {
        sandbox().outage = false
      }
      const broken = (await ctx.t.db.one<{ out_refund_no: string }>('SELECT r.out_refund_no FROM refunds r WHERE r.order_id = $1', [a.id])).out_refund_no
      const facet = ctx.app.payments.providers.byId.alipay!
      const real = facet.refund.bind(facet)
      facet.refund = async (order) => {
        if (order.outRefundNo === broken) throw new TypeError('a bad row')
        return real(order)
      }
      try {
        expect(await ctx.app.payments.refunds.reconcile(0)).toBe(1)
      } finally {
        facet.refund = real
      }
      const status = async (orderId: number) => (await ctx.t.db.one<{ status: string }>('SELECT status FROM refunds WHERE order_id = $1', [orderId])).status
      expect(await status(b.id)).toBe('succeeded')
      expect(await status(a.id)).toBe('pending')
      expect(await ctx.app.payments.refunds.reconcile(0)).toBe(1)
      expect(await status(a.id)).toBe('succeeded')
    })

    it('money that arrives for a cancelled order is refunded automatically, in full, without touching stock twice', async () => {
      const mug = await sku.mug()
      const stock = await stockOf(ctx.t.db, mug)
      const { token, o, out } = await unpaidAttempt('weapp')
      // The shopper pays on the platform, then cancels before the notify arrives.
      sandbox().settle(out)
      expect((await call(ctx.app, 'POST', `/api/orders/${o.id}/cancel`, { token })).status).toBe(200)
      expect((await post(ctx.app, 'wechat', sandbox().wechatNotify(out))).statusCode).toBe(204)
      expect((await orderOf(token, o.id)).status).toBe('cancelled')
      const r = await ctx.t.db.one<{ id: number; kind: string; amount: number; status: string; out_refund_no: string }>('SELECT id, kind, amount, status, out_refund_no FROM refunds WHERE order_id = $1', [o.id])
      expect(r).toMatchObject({ kind: 'unpayable', amount: o.total, status: 'pending' })
      expect((await post(ctx.app, 'wechat', sandbox().wechatRefundNotify(r.out_refund_no))).statusCode).toBe(204)
      expect((await ctx.t.db.one<{ status: string }>('SELECT status FROM refunds WHERE id = $1', [r.id])).status).toBe('succeeded')
      expect((await orderOf(token, o.id)).status).toBe('cancelled')
      expect(await stockOf(ctx.t.db, mug)).toBe(stock)
    })

    it('ending an unpaid order closes its open attempt on the platform; a refund that is impossible is flagged for the admin', async () => {
      const { token, o, out } = await unpaidAttempt('weapp')
      expect((await call(ctx.app, 'POST', `/api/orders/${o.id}/cancel`, { token })).status).toBe(200)
      expect((await ctx.t.db.one<{ status: string }>('SELECT status FROM payments WHERE out_trade_no = $1', [out])).status).toBe('closed')
      expect(sandbox().trade(out)?.state).toBe('closed')
      // A notify for it anyway (the platform says paid, but holds no paid trade to refund): flagged.
      expect((await post(ctx.app, 'wechat', sandbox().wechatNotify(out))).statusCode).toBe(204)
      const failed = await call<{ items: Refund[] }>(ctx.app, 'GET', '/api/admin/refunds?status=failed', { token: admin })
      const flagged = failed.body.items.find((x) => x.orderId === o.id)
      expect(flagged).toMatchObject({ kind: 'unpayable', amount: o.total })
      expect(flagged?.failure).toMatch(/RESOURCE_NOT_EXISTS/)
    })

    it('the unpaid-order sweeper closes the platform trade too', async () => {
      const { token, o, out } = await unpaidAttempt('alipay')
      await ctx.t.db.query("UPDATE orders SET expires_at = now() - interval '1 minute' WHERE id = $1", [o.id])
      expect(await ctx.app.sweepExpiredOrders()).toBeGreaterThanOrEqual(1)
      expect((await orderOf(token, o.id)).status).toBe('closed')
      expect(sandbox().trade(out)?.state).toBe('closed')
    })
  },
  { sandboxNotifyDelayMs: null },
)
