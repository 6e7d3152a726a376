import { expect, it } from 'vitest'
import { ADMIN_TOKEN, call, describeEachDb, skuId, stockOf } from '../../../test/helpers'
import { platformUser, postNotify } from '../../payments/__tests__/helpers'
import type { SandboxCredit, SandboxPay } from '../../../platforms'
import type { RawNotify } from '../../../platforms/types'

let seq = 0
const key = () => `pau-${process.pid}-${Date.now()}-${++seq}`

describeEachDb('pay after use and idempotency keys', (ctx) => {
  const pay = () => ctx.app.payments.providers.sandbox as SandboxPay
  const credit = () => ctx.app.credit.providers.sandbox as SandboxCredit
  const admin = { authorization: `Bearer ${ADMIN_TOKEN}` }

  /** A pay-after-use order confirmed on the platform (paid, nothing charged yet). */
  async function confirmedOrder() {
    const token = await platformUser(ctx.app, 'alipay')
    const mug = await skuId(ctx.t.db, 'mug', { 颜色: '米白' })
    const addr = await call(ctx.app, 'POST', '/api/addresses', { token, body: { name: '张三', phone: '13800000000', region: ['上海市', '上海市', '浦东新区'], detail: '世纪大道 100 号' } })
    const o = await call(ctx.app, 'POST', '/api/orders', { token, body: { items: [{ skuId: mug, quantity: 2 }], addressId: addr.body.id, idempotencyKey: key(), paymentMode: 'pay_after_use' } })
    expect(o.status).toBe(201)
    expect((await call(ctx.app, 'POST', `/api/orders/${o.body.id}/credit`, { token })).status).toBe(200)
    const out = (await ctx.t.db.one<{ out_order_no: string }>('SELECT out_order_no FROM credit_orders WHERE order_id = $1', [o.body.id])).out_order_no
    const n = credit().decide(out, 'full')?.notify as RawNotify
    await ctx.app.inject({ method: 'POST', url: '/api/credit/notify/alipay', headers: n.headers as Record<string, string>, payload: n.body })
    expect((await call(ctx.app, 'GET', `/api/orders/${o.body.id}`, { token })).body.status).toBe('paid')
    return { token, id: o.body.id as number, total: o.body.total as number, out, mug }
  }

  it('refund of an uncollected pay-after-use order cancels its charge: order refunded, credit order cancelled, units back, nothing collected later', async () => {
    const o = await confirmedOrder()
    const stock = await stockOf(ctx.t.db, o.mug)
    const partial = await call(ctx.app, 'POST', `/api/admin/orders/${o.id}/refunds`, { headers: admin, body: { reason: '缺货', lines: [{ skuId: o.mug, quantity: 1 }] } })
    expect(partial.status).toBe(409)
    expect(partial.body.code).toBe('PAY_AFTER_USE_WHOLE_ONLY')
    const r = await call(ctx.app, 'POST', `/api/admin/orders/${o.id}/refunds`, { headers: admin, body: { reason: '缺货' } })
    expect(r.status).toBe(201)
    expect(r.body).toMatchObject({ orderId: o.id, amount: o.total, status: 'succeeded' })
    const order = (await call(ctx.app, 'GET', `/api/orders/${o.id}`, { token: o.token })).body
    expect(order.status).toBe('refunded')
    expect(order.credit).toMatchObject({ state: 'cancelled', charged: 0 })
    expect(await stockOf(ctx.t.db, o.mug)).toBe(stock + 2)
    expect(credit().order(o.out)?.state).toBe('cancelled')
    // Nothing collects it afterwards, and a second refund finds nothing.
    await ctx.app.credit.payAfterUse.collect(o.id, 'system')
    expect((await ctx.t.db.query("SELECT l.id FROM credit_ledger l JOIN credit_orders c ON c.id = l.credit_order_id WHERE c.order_id = $1 AND l.kind = 'charge'", [o.id])).rows).toHaveLength(0)
    expect((await call(ctx.app, 'POST', `/api/admin/orders/${o.id}/refunds`, { headers: admin, body: { reason: '再退' } })).status).toBe(409)
  })

  it('refund of a collected pay-after-use order is refused with 409 CREDIT_REFUND_UNSUPPORTED (the credit facet has no refund call); nothing changes', async () => {
    const o = await confirmedOrder()
    expect((await call(ctx.app, 'POST', `/api/admin/orders/${o.id}/ship`, { headers: admin, body: { carrier: '顺丰', trackingNo: 'SF1234567890' } })).status).toBe(200)
    const done = (await call(ctx.app, 'POST', `/api/orders/${o.id}/confirm`, { token: o.token })).body
    expect(done.credit).toMatchObject({ state: 'charged', charged: o.total })
    const r = await call(ctx.app, 'POST', `/api/admin/orders/${o.id}/refunds`, { headers: admin, body: { reason: '质量问题' } })
    expect(r.status).toBe(409)
    expect(r.body.code).toBe('CREDIT_REFUND_UNSUPPORTED')
    expect(r.body.message).toContain('信用服务')
    const order = (await call(ctx.app, 'GET', `/api/orders/${o.id}`, { token: o.token })).body
    expect(order.status).toBe('completed')
    expect(order.credit.state).toBe('charged')
  })

  it('a repeated idempotency key with paymentMode pay_after_use answers the paid order and attaches no credit order to it', async () => {
    const token = await platformUser(ctx.app, 'alipay')
    const mug = await skuId(ctx.t.db, 'mug', { 颜色: '米白' })
    const k = key()
    const first = await call(ctx.app, 'POST', '/api/orders', { token, body: { items: [{ skuId: mug, quantity: 1 }], idempotencyKey: k } })
    expect(first.status).toBe(201)
    expect((await call(ctx.app, 'POST', `/api/orders/${first.body.id}/pay`, { token })).status).toBe(200)
    const out = (await ctx.t.db.one<{ out_trade_no: string }>('SELECT out_trade_no FROM payments WHERE order_id = $1', [first.body.id])).out_trade_no
    pay().settle(out)
    expect((await postNotify(ctx.app, 'alipay', pay().alipayNotify(out))).body).toBe('success')
    const again = await call(ctx.app, 'POST', '/api/orders', { token, body: { items: [{ skuId: mug, quantity: 1 }], idempotencyKey: k, paymentMode: 'pay_after_use' } })
    expect(again.status).toBe(200)
    expect(again.body.id).toBe(first.body.id)
    expect(again.body.status).toBe('paid')
    expect(again.body.credit).toBeUndefined()
    expect((await ctx.t.db.query('SELECT id FROM credit_orders WHERE order_id = $1', [first.body.id])).rows).toHaveLength(0)
    const row = await ctx.t.db.one<{ payment_mode: string; credit_order_id: number | null }>('SELECT payment_mode, credit_order_id FROM orders WHERE id = $1', [first.body.id])
    expect(row).toEqual({ payment_mode: 'pay_now', credit_order_id: null })
  })

  it('the same signed Alipay credit callback 20 times at once: one effect, 19 recorded duplicates (notify_id claimed once)', async () => {
    const token = await platformUser(ctx.app, 'alipay')
    const mug = await skuId(ctx.t.db, 'mug', { 颜色: '米白' })
    const o = await call(ctx.app, 'POST', '/api/orders', { token, body: { items: [{ skuId: mug, quantity: 1 }], idempotencyKey: key(), paymentMode: 'pay_after_use' } })
    expect((await call(ctx.app, 'POST', `/api/orders/${o.body.id}/credit`, { token })).status).toBe(200)
    const out = (await ctx.t.db.one<{ out_order_no: string }>('SELECT out_order_no FROM credit_orders WHERE order_id = $1', [o.body.id])).out_order_no
    const n = credit().decide(out, 'full')?.notify as RawNotify
    const notifyId = new URLSearchParams(n.body).get('notify_id')
    expect(notifyId).toBeTruthy()
    const answers = await Promise.all(Array.from({ length: 20 }, () => ctx.app.inject({ method: 'POST', url: '/api/credit/notify/alipay', headers: n.headers as Record<string, string>, payload: n.body })))
    expect(answers.map((a) => a.body)).toEqual(Array(20).fill('success'))
    expect((await ctx.t.db.one<{ n: number }>("SELECT count(*)::int AS n FROM order_events WHERE order_id = $1 AND status = 'paid'", [o.body.id])).n).toBe(1)
    const rows = (await ctx.t.db.query<{ outcome: string; notify_id: string | null }>('SELECT outcome, notify_id FROM credit_notifies WHERE out_order_no = $1 ORDER BY id', [out])).rows
    expect(rows).toHaveLength(20)
    expect(rows.filter((r) => r.outcome === 'applied')).toEqual([{ outcome: 'applied', notify_id: notifyId }])
    expect(rows.filter((r) => r.outcome === 'duplicate' && r.notify_id === null)).toHaveLength(19)
  })
})
