import { createHash } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { expect, it } from 'vitest'
import { call, describeEachDb, login, skuId, stockOf } from '../../../test/helpers'
import type { SandboxPay } from '../../../platforms'
import { platformUser, postNotify } from './helpers'

let seq = 0
const sha256 = (body: string) => createHash('sha256').update(body).digest('hex')
const key = () => `pay-${process.pid}-${Date.now()}-${++seq}`

const post = postNotify

const paidEvents = async (app: FastifyInstance, orderId: number) =>
  (await app.db.one<{ n: number }>("SELECT count(*)::int AS n FROM order_events WHERE order_id = $1 AND status = 'paid'", [orderId])).n
const notifies = async (app: FastifyInstance, out: string) =>
  (await app.db.query<{ verified: boolean; outcome: string; body: string }>('SELECT verified, outcome, body FROM payment_notifies WHERE out_trade_no = $1 OR body LIKE $2 ORDER BY id', [out, `%${out}%`])).rows

describeEachDb('payments', (ctx) => {
  const sandbox = () => ctx.app.payments.providers.sandbox as SandboxPay

  async function order(token: string, quantity = 1): Promise<{ id: number; total: number }> {
    const mug = await skuId(ctx.t.db, 'mug', { 颜色: '米白' })
    const res = await call(ctx.app, 'POST', '/api/orders', { token, body: { items: [{ skuId: mug, quantity }], idempotencyKey: key() } })
    expect(res.status).toBe(201)
    return res.body
  }
  async function outTradeNo(orderId: number): Promise<string> {
    return (await ctx.t.db.one<{ out_trade_no: string }>('SELECT out_trade_no FROM payments WHERE order_id = $1 ORDER BY id DESC LIMIT 1', [orderId])).out_trade_no
  }

  it('weapp: answers the five requestPayment fields; a sandbox-signed WeChat notify pays the order once', async () => {
    const token = await platformUser(ctx.app, 'weapp')
    const o = await order(token, 2)
    const pay = await call(ctx.app, 'POST', `/api/orders/${o.id}/pay`, { token })
    expect(pay.status).toBe(200)
    expect(Object.keys(pay.body).sort()).toEqual(['nonceStr', 'package', 'paySign', 'signType', 'timeStamp'])
    expect(pay.body.signType).toBe('RSA')
    expect(pay.body.package).toMatch(/^prepay_id=wx/)
    // paySign verifies with the merchant public key over "appId\ntimeStamp\nnonceStr\npackage\n".
    const crypto = await import('node:crypto')
    const msg = `wxsandbox00000000\n${pay.body.timeStamp}\n${pay.body.nonceStr}\n${pay.body.package}\n`
    expect(crypto.createVerify('RSA-SHA256').update(msg).verify(sandbox().keys.wechatMerchantPublic, pay.body.paySign, 'base64')).toBe(true)
    // Paying again offers the same prepay_id (one platform order per attempt).
    const again = await call(ctx.app, 'POST', `/api/orders/${o.id}/pay`, { token })
    expect(again.body.package).toBe(pay.body.package)

    const out = await outTradeNo(o.id)
    const before = await call(ctx.app, 'GET', `/api/orders/${o.id}/payment`, { token })
    expect(before.body).toMatchObject({ orderStatus: 'created', payment: { provider: 'wechat', status: 'pending', amount: o.total } })

    sandbox().settle(out)
    const n = sandbox().wechatNotify(out)
    const first = await post(ctx.app, 'wechat', n)
    expect(first.statusCode).toBe(204)
    const dup = await post(ctx.app, 'wechat', n)
    expect(dup.statusCode).toBe(204)
    const other = await post(ctx.app, 'wechat', sandbox().wechatNotify(out))
    expect(other.statusCode).toBe(204)
    expect(await paidEvents(ctx.app, o.id)).toBe(1)
    const after = await call(ctx.app, 'GET', `/api/orders/${o.id}`, { token })
    expect(after.body.status).toBe('paid')
    expect(after.body.timeline.filter((e: { status: string }) => e.status === 'paid')).toHaveLength(1)
    expect((await notifies(ctx.app, out)).map((r) => r.outcome)).toEqual(['paid', 'duplicate', 'duplicate'])
    const state = await call(ctx.app, 'GET', `/api/orders/${o.id}/payment`, { token })
    expect(state.body).toMatchObject({ orderStatus: 'paid', payment: { status: 'paid', outTradeNo: out } })
    // A paid order can't be paid again.
    expect((await call(ctx.app, 'POST', `/api/orders/${o.id}/pay`, { token })).status).toBe(409)
  })

  it('two pay taps at once both get parameters with distinct attempt numbers (no unique-key error)', async () => {
    const token = await platformUser(ctx.app, 'weapp')
    const o = await order(token)
    const [a, b] = await Promise.all([call(ctx.app, 'POST', `/api/orders/${o.id}/pay`, { token }), call(ctx.app, 'POST', `/api/orders/${o.id}/pay`, { token })])
    expect([a.status, b.status]).toEqual([200, 200])
    const outs = (await ctx.t.db.query<{ out_trade_no: string }>('SELECT out_trade_no FROM payments WHERE order_id = $1 ORDER BY id', [o.id])).rows.map((r) => r.out_trade_no)
    expect(new Set(outs).size).toBe(outs.length)
    expect(outs[0]).toMatch(/P01$/)
  })

  it('10 concurrent pay taps share one live attempt with one platform order (lookup-or-create under the order lock)', async () => {
    for (const platform of ['weapp', 'alipay'] as const) {
      const token = await platformUser(ctx.app, platform)
      const o = await order(token)
      const answers = await Promise.all(Array.from({ length: 10 }, () => call(ctx.app, 'POST', `/api/orders/${o.id}/pay`, { token })))
      expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200))
      const rows = (await ctx.t.db.query<{ status: string; platform_ref: string | null }>('SELECT status, platform_ref FROM payments WHERE order_id = $1', [o.id])).rows
      expect(rows).toHaveLength(1)
      expect(rows[0].status).toBe('pending')
      expect(rows[0].platform_ref).toBeTruthy()
      // Every tap was handed the same platform order.
      const refs = answers.map((a) => (platform === 'weapp' ? a.body.package : a.body.tradeNO))
      expect(new Set(refs).size).toBe(1)
    }
  })

  it('the same signed Alipay notify 20 times at once: one effect, 19 recorded duplicates (notify_id claimed once)', async () => {
    const token = await platformUser(ctx.app, 'alipay')
    const o = await order(token)
    await call(ctx.app, 'POST', `/api/orders/${o.id}/pay`, { token })
    const out = await outTradeNo(o.id)
    sandbox().settle(out)
    const n = sandbox().alipayNotify(out)
    const notifyId = new URLSearchParams(n.body).get('notify_id')
    expect(notifyId).toBeTruthy()
    const answers = await Promise.all(Array.from({ length: 20 }, () => post(ctx.app, 'alipay', n)))
    expect(answers.map((a) => a.body)).toEqual(Array(20).fill('success'))
    expect(await paidEvents(ctx.app, o.id)).toBe(1)
    const rows = (await ctx.t.db.query<{ outcome: string; notify_id: string | null }>('SELECT outcome, notify_id FROM payment_notifies WHERE out_trade_no = $1 ORDER BY id', [out])).rows
    expect(rows).toHaveLength(20)
    expect(rows.filter((r) => r.outcome === 'paid')).toEqual([{ outcome: 'paid', notify_id: notifyId }])
    expect(rows.filter((r) => r.outcome === 'duplicate' && r.notify_id === null)).toHaveLength(19)
    // A later replay is answered from the index alone and recorded too.
    expect((await post(ctx.app, 'alipay', n)).body).toBe('success')
    expect(await paidEvents(ctx.app, o.id)).toBe(1)
    expect((await ctx.t.db.one<{ n: number }>("SELECT count(*)::int AS n FROM payment_notifies WHERE out_trade_no = $1 AND outcome = 'duplicate'", [out])).n).toBe(20)
  })

  it('makes one transition under 20 concurrent duplicate WeChat notifies', async () => {
    const token = await platformUser(ctx.app, 'weapp')
    const o = await order(token)
    await call(ctx.app, 'POST', `/api/orders/${o.id}/pay`, { token })
    const out = await outTradeNo(o.id)
    sandbox().settle(out)
    const n = sandbox().wechatNotify(out)
    const answers = await Promise.all(Array.from({ length: 20 }, () => post(ctx.app, 'wechat', n)))
    expect(answers.map((a) => a.statusCode)).toEqual(Array(20).fill(204))
    expect(await paidEvents(ctx.app, o.id)).toBe(1)
    const outcomes = (await notifies(ctx.app, out)).map((r) => r.outcome)
    expect(outcomes.filter((x) => x === 'paid')).toHaveLength(1)
    expect(outcomes.filter((x) => x === 'duplicate')).toHaveLength(19)
  })

  it('refuses a tampered body, a bad signature, a stale timestamp and an unknown serial; keeps them; changes nothing', async () => {
    const token = await platformUser(ctx.app, 'weapp')
    const o = await order(token)
    await call(ctx.app, 'POST', `/api/orders/${o.id}/pay`, { token })
    const out = await outTradeNo(o.id)
    sandbox().settle(out)
    const good = sandbox().wechatNotify(out)
    const tampered = { headers: good.headers, body: good.body.replace('"summary":"支付成功"', '"summary":"x"') }
    expect(tampered.body).not.toBe(good.body)
    const probe = { headers: { ...good.headers, 'wechatpay-signature': `WECHATPAY/SIGNTEST/${good.headers['wechatpay-signature']}` }, body: good.body }
    const stale = sandbox().wechatNotify(out, { skewSec: -600 })
    const serial = { headers: { ...good.headers, 'wechatpay-serial': 'PUB_KEY_ID_SOMEONE_ELSE' }, body: good.body }
    for (const n of [tampered, probe, stale, serial]) {
      const res = await post(ctx.app, 'wechat', n)
      expect(res.statusCode).toBe(401)
      expect(res.json()).toMatchObject({ code: 'FAIL' })
    }
    expect(await paidEvents(ctx.app, o.id)).toBe(0)
    expect((await call(ctx.app, 'GET', `/api/orders/${o.id}`, { token })).body.status).toBe('created')
    // Unverified notifies keep the body's hash, length and a prefix (migration 010): found by hash.
    const kept = (await ctx.t.db.query<{ verified: boolean; outcome: string }>("SELECT verified, outcome FROM payment_notifies WHERE provider = 'wechat' AND body_sha256 = ANY($1::text[]) AND verified = false", [[good.body, tampered.body].map(sha256)])).rows
    expect(kept.length).toBeGreaterThanOrEqual(3)
    expect(kept.every((r) => r.outcome === 'bad_signature')).toBe(true)
    // The genuine notify still works afterwards.
    expect((await post(ctx.app, 'wechat', good)).statusCode).toBe(204)
    expect(await paidEvents(ctx.app, o.id)).toBe(1)
  })

  it('refuses a correctly signed notify with the wrong amount, appid or mchid, and one for an unknown order', async () => {
    const token = await platformUser(ctx.app, 'weapp')
    const o = await order(token)
    await call(ctx.app, 'POST', `/api/orders/${o.id}/pay`, { token })
    const out = await outTradeNo(o.id)
    for (const n of [
      sandbox().wechatNotify(out, { amount: 1 }),
      sandbox().wechatNotify(out, { appId: 'wx0000000000000000' }),
      sandbox().wechatNotify(out, { merchantId: '1234567890' }),
      sandbox().wechatNotify(`${out}X`),
    ]) {
      const res = await post(ctx.app, 'wechat', n)
      expect(res.statusCode).toBe(400)
      expect(res.json().code).toBe('FAIL')
    }
    expect(await paidEvents(ctx.app, o.id)).toBe(0)
    const outcomes = (await ctx.t.db.query<{ outcome: string }>('SELECT outcome FROM payment_notifies WHERE out_trade_no LIKE $1 ORDER BY id', [`${out}%`])).rows.map((r) => r.outcome)
    expect(outcomes).toEqual(['mismatch', 'mismatch', 'mismatch', 'unknown_order'])
  })

  it('alipay: answers {tradeNO}; a sandbox RSA2 form notify pays once; tampered, wrong amount refused with fail', async () => {
    const token = await platformUser(ctx.app, 'alipay')
    const o = await order(token)
    const pay = await call(ctx.app, 'POST', `/api/orders/${o.id}/pay`, { token })
    expect(pay.status).toBe(200)
    expect(Object.keys(pay.body)).toEqual(['tradeNO'])
    const out = await outTradeNo(o.id)
    sandbox().settle(out)
    const good = sandbox().alipayNotify(out)
    const tampered = { headers: good.headers, body: good.body.replace(/total_amount=[^&]+/, 'total_amount=0.01') }
    expect(tampered.body).not.toBe(good.body)
    const bad = await post(ctx.app, 'alipay', tampered)
    expect(bad.body).toBe('fail')
    const wrongAmount = await post(ctx.app, 'alipay', sandbox().alipayNotify(out, { amount: o.total - 1 }))
    expect(wrongAmount.body).toBe('fail')
    const wrongSeller = await post(ctx.app, 'alipay', sandbox().alipayNotify(out, { merchantId: '2088999999999999' }))
    expect(wrongSeller.body).toBe('fail')
    expect(await paidEvents(ctx.app, o.id)).toBe(0)

    const first = await post(ctx.app, 'alipay', good)
    expect(first.statusCode).toBe(200)
    expect(first.body).toBe('success')
    expect((await post(ctx.app, 'alipay', good)).body).toBe('success')
    expect(await paidEvents(ctx.app, o.id)).toBe(1)
    expect((await call(ctx.app, 'GET', `/api/orders/${o.id}`, { token })).body.status).toBe('paid')
    const rows = (await ctx.t.db.query<{ verified: boolean; outcome: string }>("SELECT verified, outcome FROM payment_notifies WHERE provider = 'alipay' AND (out_trade_no = $1 OR body LIKE $2 OR body_sha256 = $3) ORDER BY id", [out, `%${out}%`, sha256(tampered.body)])).rows
    expect(rows).toEqual([
      { verified: false, outcome: 'bad_signature' },
      { verified: true, outcome: 'mismatch' },
      { verified: true, outcome: 'mismatch' },
      { verified: true, outcome: 'paid' },
      { verified: true, outcome: 'duplicate' },
    ])
  })

  it('GET payment asks the platform while pending: a settled trade with no notify still pays once', async () => {
    const token = await platformUser(ctx.app, 'alipay')
    const o = await order(token)
    await call(ctx.app, 'POST', `/api/orders/${o.id}/pay`, { token })
    const out = await outTradeNo(o.id)
    expect((await call(ctx.app, 'GET', `/api/orders/${o.id}/payment`, { token })).body.orderStatus).toBe('created')
    sandbox().settle(out)
    const s = await call(ctx.app, 'GET', `/api/orders/${o.id}/payment`, { token })
    expect(s.body).toMatchObject({ orderStatus: 'paid', payment: { status: 'paid' } })
    // The notify that follows the query is a duplicate.
    expect((await post(ctx.app, 'alipay', sandbox().alipayNotify(out))).body).toBe('success')
    expect(await paidEvents(ctx.app, o.id)).toBe(1)
  })

  it('h5: the sandbox cashier page pays the order through a signed notify; a forged ticket is refused', async () => {
    const token = await login(ctx.app)
    const mug = await skuId(ctx.t.db, 'mug', { 颜色: '米白' })
    const stock = await stockOf(ctx.t.db, mug)
    const o = await order(token)
    const pay = await call(ctx.app, 'POST', `/api/orders/${o.id}/pay`, { token })
    expect(pay.status).toBe(200)
    expect(pay.body).toMatchObject({ platform: 'h5', amount: o.total })
    const url = new URL(pay.body.cashierUrl, 'http://x')
    const page = await ctx.app.inject({ method: 'GET', url: pay.body.cashierUrl })
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain(`¥${(o.total / 100).toFixed(2)}`)
    const out = url.searchParams.get('out') as string
    const form = { 'content-type': 'application/x-www-form-urlencoded' }
    const forged = await ctx.app.inject({ method: 'POST', url: '/api/payments/sandbox/cashier/pay', headers: form, payload: new URLSearchParams({ out, t: 'forged' }).toString() })
    expect(forged.statusCode).toBe(404)
    expect((await ctx.app.inject({ method: 'GET', url: `/api/payments/sandbox/cashier?out=${out}&t=x` })).statusCode).toBe(404)
    const cancel = await ctx.app.inject({ method: 'POST', url: '/api/payments/sandbox/cashier/cancel', headers: form, payload: url.searchParams.toString() })
    expect(cancel.statusCode).toBe(303)
    expect(cancel.headers.location).toBe(`/#/pkg-order/order-detail/index?id=${o.id}&pay=cancelled`)
    expect((await call(ctx.app, 'GET', `/api/orders/${o.id}`, { token })).body.status).toBe('created')
    const res = await ctx.app.inject({ method: 'POST', url: '/api/payments/sandbox/cashier/pay', headers: form, payload: url.searchParams.toString() })
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe(`/#/pkg-order/order-detail/index?id=${o.id}&pay=paid`)
    expect((await call(ctx.app, 'GET', `/api/orders/${o.id}`, { token })).body.status).toBe('paid')
    expect(await paidEvents(ctx.app, o.id)).toBe(1)
    // Paying doesn't move stock again (it was reserved when the order was placed).
    expect(await stockOf(ctx.t.db, mug)).toBe(stock - 1)
  })

  it("another user's order: 404 on pay and on payment state; nothing created", async () => {
    const owner = await platformUser(ctx.app, 'weapp')
    const o = await order(owner)
    const other = await platformUser(ctx.app, 'weapp')
    const pay = await call(ctx.app, 'POST', `/api/orders/${o.id}/pay`, { token: other })
    expect(pay.status).toBe(404)
    expect(pay.body.code).toBe('ORDER_NOT_FOUND')
    expect((await call(ctx.app, 'GET', `/api/orders/${o.id}/payment`, { token: other })).status).toBe(404)
    expect((await call(ctx.app, 'POST', `/api/orders/${o.id}/pay`)).status).toBe(401)
    expect((await ctx.t.db.one<{ n: number }>('SELECT count(*)::int AS n FROM payments WHERE order_id = $1', [o.id])).n).toBe(0)
  })

  it('a cancelled order cannot be paid; money that arrives for it anyway is flagged, not lost', async () => {
    const token = await platformUser(ctx.app, 'weapp')
    const o = await order(token)
    await call(ctx.app, 'POST', `/api/orders/${o.id}/pay`, { token })
    const out = await outTradeNo(o.id)
    expect((await call(ctx.app, 'POST', `/api/orders/${o.id}/cancel`, { token })).status).toBe(200)
    expect((await call(ctx.app, 'POST', `/api/orders/${o.id}/pay`, { token })).status).toBe(409)
    sandbox().settle(out)
    expect((await post(ctx.app, 'wechat', sandbox().wechatNotify(out))).statusCode).toBe(204)
    expect((await call(ctx.app, 'GET', `/api/orders/${o.id}`, { token })).body.status).toBe('cancelled')
    expect((await ctx.t.db.one<{ status: string }>('SELECT status FROM payments WHERE out_trade_no = $1', [out])).status).toBe('paid_unpayable')
  })
})
