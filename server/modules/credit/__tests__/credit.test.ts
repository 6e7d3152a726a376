import { expect, it } from 'vitest'
import { ADMIN_TOKEN, call, describeEachDb, login, productId, skuId, stockOf } from '../../../test/helpers'
import { platformUser } from '../../payments/__tests__/helpers'
import type { SandboxCredit } from '../../../platforms'
import type { RawNotify } from '../../../platforms/types'
import { creditFacts, templateData } from '../../messages/template-data'

let seq = 0
const key = () => `credit-${process.pid}-${Date.now()}-${++seq}`
const DAY = 86_400_000

describeEachDb('credit', (ctx) => {
  const clock = Date.now()
  const sandbox = () => ctx.app.credit.providers.sandbox as SandboxCredit
  const post = (channel: 'wechat' | 'alipay', n: RawNotify) => ctx.app.inject({ method: 'POST', url: `/api/credit/notify/${channel}`, headers: n.headers as Record<string, string>, payload: n.body })
  const admin = (method: 'GET' | 'POST', url: string) => call(ctx.app, method, url, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })

  async function rentable(): Promise<number> {
    const pid = await productId(ctx.t.db, 'hoodie')
    // 30.00 deposit, 5.00 a day, 1-5 days (the tiny catalog's hoodie, rented here; mugs stay goods).
    await ctx.t.db.query('INSERT INTO product_rentals (product_id, deposit, daily_rate, min_days, max_days) VALUES ($1, 3000, 500, 1, 5) ON CONFLICT DO NOTHING', [pid])
    return skuId(ctx.t.db, 'hoodie', { 尺码: 'L' })
  }
  async function rent(token: string, days = 3) {
    const res = await call(ctx.app, 'POST', '/api/rentals', { token, body: { skuId: await rentable(), days, idempotencyKey: key() } })
    expect(res.status).toBe(201)
    return res.body
  }
  const ledgerSum = (ledger: { kind: string; amount: number }[], kinds: string[]) => ledger.filter((e) => kinds.includes(e.kind)).reduce((s, e) => s + e.amount, 0)

  it('alipay rental, partial waiver: freeze notify (RSA2) sets the cover once under 20 duplicates; return charges the fee and releases the rest', async () => {
    const token = await platformUser(ctx.app, 'alipay')
    const sku = await rentable()
    const stock = await stockOf(ctx.t.db, sku)
    const start = await rent(token, 3)
    expect(start.credit.state).toBe('created')
    expect(typeof start.confirm.orderStr).toBe('string')
    expect(start.confirm.orderStr).toContain('alipay.fund.auth.order.app.freeze')
    expect(await stockOf(ctx.t.db, sku)).toBe(stock - 1)
    const out = start.credit.rentalNo
    const decided = sandbox().decide(out, 'partial')
    expect(decided?.channel).toBe('alipay')
    const n = decided?.notify as RawNotify
    const answers = await Promise.all(Array.from({ length: 20 }, () => post('alipay', n)))
    expect(answers.every((a) => a.body === 'success')).toBe(true)
    let r = (await call(ctx.app, 'GET', `/api/rentals/${start.credit.id}`, { token })).body
    expect(r.state).toBe('authorized')
    expect(r.cover).toEqual({ deposit: 3000, waived: 1500, frozen: 1500 })
    expect(r.ledger.map((e: { kind: string }) => e.kind).sort()).toEqual(['deposit_frozen', 'deposit_waived'])

    // Pickup and return are the shop's to confirm: the shopper can't start the rental, and their
    // return is only a request (no charge, no release, no stock back) until the shop has the goods.
    const refused = await call(ctx.app, 'POST', `/api/rentals/${r.id}/start`, { token })
    expect(refused.status).toBe(403)
    expect(refused.body.code).toBe('SHOP_CONFIRMS')
    expect((await call(ctx.app, 'GET', `/api/rentals/${r.id}`, { token })).body.state).toBe('authorized')
    expect((await admin('POST', `/api/admin/rentals/${r.id}/start`)).body.state).toBe('in_use')
    r = (await call(ctx.app, 'POST', `/api/rentals/${r.id}/return`, { token })).body
    expect(r.state).toBe('in_use')
    expect(typeof r.returnRequestedAt).toBe('string')
    expect(r.ledger.map((e: { kind: string }) => e.kind).sort()).toEqual(['deposit_frozen', 'deposit_waived'])
    expect(await stockOf(ctx.t.db, sku)).toBe(stock - 1)
    // Asking twice keeps the first time; another shopper can't ask for this rental.
    expect((await call(ctx.app, 'POST', `/api/rentals/${r.id}/return`, { token })).body.returnRequestedAt).toBe(r.returnRequestedAt)
    expect((await call(ctx.app, 'POST', `/api/rentals/${r.id}/return`, { token: await platformUser(ctx.app, 'alipay') })).status).toBe(404)
    // The shop's desk lists it, then confirms the return with the goods in hand.
    const desk = (await admin('GET', '/api/admin/rentals?returnRequested=true')).body
    expect(desk.items.map((x: { id: number }) => x.id)).toContain(r.id)
    r = (await admin('POST', `/api/admin/rentals/${r.id}/return`)).body
    expect(r.state).toBe('completed')
    expect((await admin('GET', '/api/admin/rentals?returnRequested=true')).body.items.map((x: { id: number }) => x.id)).not.toContain(r.id)
    expect(r.settlement).toMatchObject({ days: 1, fee: 500, charge: 500, release: 2500, unfreeze: 1000 })
    expect(ledgerSum(r.ledger, ['charge', 'unfreeze', 'release'])).toBe(3000)
    expect(await stockOf(ctx.t.db, sku)).toBe(stock)
    const msgs = await ctx.t.db.query("SELECT event FROM message_outbox WHERE credit_order_id = $1", [r.id])
    expect(msgs.rows).toEqual([{ event: 'credit_charged' }])
    // What the worker sends for it: the charge and the rental's page.
    const facts = await creditFacts(ctx.t.db, r.id, 'credit_charged', new Date())
    expect(facts).toMatchObject({ orderNo: out, amount: '¥5.00', page: `pkg-credit/rental/index?id=${r.id}` })
    expect(templateData('wechat', 'credit_charged', facts as NonNullable<typeof facts>)).toMatchObject({ amount2: '¥5.00' })
  })

  it('weapp rental, full waiver through Pay Score: extraData signed, USER_CONFIRM verified, complete + USER_PAID once', async () => {
    const token = await platformUser(ctx.app, 'weapp')
    const start = await rent(token, 2)
    expect(start.confirm.businessType).toBe('wxpayScoreUse')
    expect(Object.keys(start.confirm.extraData).sort()).toEqual(['mch_id', 'nonce_str', 'package', 'sign', 'sign_type', 'timestamp'])
    expect(start.confirm.extraData.sign).toMatch(/^[0-9A-F]{64}$/)
    const d = sandbox().decide(start.credit.rentalNo, 'full')
    expect(d?.channel).toBe('wechat')
    // A probe with a bad signature (WeChat sends them on purpose) is refused and changes nothing.
    const n = d?.notify as RawNotify
    const probe = await post('wechat', { ...n, headers: { ...n.headers, 'wechatpay-signature': `WECHATPAY/SIGNTEST/${n.headers['wechatpay-signature']}` } })
    expect(probe.statusCode).toBe(401)
    expect((await call(ctx.app, 'GET', `/api/rentals/${start.credit.id}`, { token })).body.state).toBe('created')
    expect((await post('wechat', d?.notify as RawNotify)).statusCode).toBe(204)
    expect((await post('wechat', d?.notify as RawNotify)).statusCode).toBe(204)
    const id = start.credit.id
    expect((await admin('POST', `/api/admin/rentals/${id}/start`)).body.state).toBe('in_use')
    const r = (await admin('POST', `/api/admin/rentals/${id}/return`)).body
    expect(r).toMatchObject({ state: 'completed', cover: { waived: 3000, frozen: 0 } })
    expect(r.ledger.filter((e: { kind: string }) => e.kind === 'charge')).toHaveLength(1)
    // The platform's later USER_PAID changes nothing more.
    expect((await post('wechat', sandbox().wechatPaid(start.credit.rentalNo))).statusCode).toBe(204)
    const again = (await call(ctx.app, 'GET', `/api/rentals/${id}`, { token })).body
    expect(again.ledger).toHaveLength(r.ledger.length)
    expect(ledgerSum(again.ledger, ['charge', 'unfreeze', 'release'])).toBe(3000)
  })

  it('deny (nothing waived) on H5: the whole deposit is frozen; bad signatures are refused and change nothing; another user gets 404', async () => {
    const token = await login(ctx.app)
    const start = await rent(token)
    expect(start.confirm.platform).toBe('h5')
    const page = await ctx.app.inject({ method: 'GET', url: start.confirm.confirmUrl })
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('不免押')
    const d = sandbox().decide(start.credit.rentalNo, 'deny')
    const n = d?.notify as RawNotify
    const forged = { ...n, body: n.body.replace(/credit_amount=[^&]*/, 'credit_amount=30.00') }
    expect((await post('alipay', forged)).body).toBe('fail')
    expect((await call(ctx.app, 'GET', `/api/rentals/${start.credit.id}`, { token })).body.state).toBe('created')
    expect((await post('alipay', n)).body).toBe('success')
    const r = (await call(ctx.app, 'GET', `/api/rentals/${start.credit.id}`, { token })).body
    expect(r.cover).toEqual({ deposit: 3000, waived: 0, frozen: 3000 })
    const other = await login(ctx.app)
    expect((await call(ctx.app, 'GET', `/api/rentals/${start.credit.id}`, { token: other })).status).toBe(404)
    expect((await call(ctx.app, 'POST', `/api/rentals/${start.credit.id}/cancel`, { token: other })).status).toBe(404)
    const verdicts = await ctx.t.db.query<{ outcome: string }>('SELECT outcome FROM credit_notifies WHERE body LIKE $1 ORDER BY id', [`%${start.credit.rentalNo}%`])
    expect(verdicts.rows.map((x) => x.outcome)).toEqual(['bad_signature', 'applied'])
  })

  it('cancel before use releases the unit; a repeated idempotency key answers the same rental', async () => {
    const token = await login(ctx.app)
    const sku = await rentable()
    const stock = await stockOf(ctx.t.db, sku)
    const k = key()
    const a = await call(ctx.app, 'POST', '/api/rentals', { token, body: { skuId: sku, days: 2, idempotencyKey: k } })
    const b = await call(ctx.app, 'POST', '/api/rentals', { token, body: { skuId: sku, days: 2, idempotencyKey: k } })
    expect([a.status, b.status]).toEqual([201, 200])
    expect(b.body.credit.id).toBe(a.body.credit.id)
    expect(await stockOf(ctx.t.db, sku)).toBe(stock - 1)
    expect((await call(ctx.app, 'POST', `/api/rentals/${a.body.credit.id}/cancel`, { token })).body.state).toBe('cancelled')
    expect(await stockOf(ctx.t.db, sku)).toBe(stock)
    expect((await call(ctx.app, 'POST', `/api/rentals/${a.body.credit.id}/cancel`, { token })).status).toBe(409)
    expect((await call(ctx.app, 'POST', '/api/rentals', { token, body: { skuId: sku, days: 99, idempotencyKey: key() } })).status).toBe(400)
  })

  it('overdue then default: the timer charges the whole deposit', async () => {
    const token = await platformUser(ctx.app, 'alipay')
    const start = await rent(token, 2)
    await post('alipay', sandbox().decide(start.credit.rentalNo, 'partial')?.notify as RawNotify)
    await admin('POST', `/api/admin/rentals/${start.credit.id}/start`)
    const id = start.credit.id
    // Move the rental's clock back: due 2 days after start, default after ceil(3000/500) = 6 days.
    const shift = async (days: number) => ctx.t.db.query("UPDATE rentals SET started_at = started_at - $2 * interval '1 day', due_at = due_at - $2 * interval '1 day' WHERE credit_order_id = $1", [id, days])
    await shift(3)
    await ctx.app.credit.sweep()
    expect((await call(ctx.app, 'GET', `/api/rentals/${id}`, { token })).body.state).toBe('overdue')
    await shift(4)
    // Two servers' sweepers at once: one default, one charge, one set of ledger entries.
    await Promise.all([ctx.app.credit.sweep(), ctx.app.credit.sweep()])
    await ctx.app.credit.sweep()
    const r = (await call(ctx.app, 'GET', `/api/rentals/${id}`, { token })).body
    expect(r.state).toBe('completed')
    expect(r.settlement).toMatchObject({ charge: 3000, release: 0 })
    expect(ledgerSum(r.ledger, ['charge'])).toBe(3000)
    expect(r.ledger.filter((e: { kind: string }) => e.kind === 'charge')).toHaveLength(1)
    // Not returned: the unit stays with the shopper. And a rental product can't be bought as goods.
    const buy = await call(ctx.app, 'POST', '/api/orders', { token, body: { items: [{ skuId: r.item.skuId, quantity: 1 }], idempotencyKey: key() } })
    expect(buy.status).toBe(400)
  })

  it('pay after use: confirm pays the order, it ships, confirm receipt collects once; the timer path collects too', async () => {
    const mug = await skuId(ctx.t.db, 'mug', { 颜色: '米白' })
    for (const path of ['receipt', 'timer'] as const) {
      const token = await platformUser(ctx.app, path === 'receipt' ? 'alipay' : 'weapp')
      const el = await call(ctx.app, 'GET', '/api/credit/eligibility', { token })
      expect(el.body).toEqual({ payAfterUse: { available: true, reason: null } })
      const addr = await call(ctx.app, 'POST', '/api/addresses', { token, body: { name: '张三', phone: '13800000000', region: ['上海市', '上海市', '浦东新区'], detail: '世纪大道 100 号' } })
      const o = await call(ctx.app, 'POST', '/api/orders', { token, body: { items: [{ skuId: mug, quantity: 1 }], addressId: addr.body.id, idempotencyKey: key(), paymentMode: 'pay_after_use' } })
      expect(o.status).toBe(201)
      expect(o.body.credit).toMatchObject({ state: 'created', amount: o.body.total, charged: 0 })
      const s = await call(ctx.app, 'POST', `/api/orders/${o.body.id}/credit`, { token })
      expect(s.status).toBe(200)
      const out = (await ctx.t.db.one<{ out_order_no: string }>('SELECT out_order_no FROM credit_orders WHERE order_id = $1', [o.body.id])).out_order_no
      const d = sandbox().decide(out, 'full')
      const channel = path === 'receipt' ? 'alipay' : 'wechat'
      expect(d?.channel).toBe(channel)
      for (let i = 0; i < 3; i++) await post(channel, d?.notify as RawNotify)
      let order = (await call(ctx.app, 'GET', `/api/orders/${o.body.id}`, { token })).body
      expect(order.status).toBe('paid')
      expect(order.credit.state).toBe('confirmed')
      const shipped = await call(ctx.app, 'POST', `/api/admin/orders/${o.body.id}/ship`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` }, body: { carrier: '顺丰', trackingNo: 'SF1234567890' } })
      expect(shipped.status).toBe(200)
      order = (await call(ctx.app, 'GET', `/api/orders/${o.body.id}`, { token })).body
      expect(order.status).toBe('shipped')
      if (path === 'receipt') {
        order = (await call(ctx.app, 'POST', `/api/orders/${o.body.id}/confirm`, { token })).body
      } else {
        await ctx.t.db.query("UPDATE order_events SET at = at - interval '8 days' WHERE order_id = $1 AND status = 'shipped'", [o.body.id])
        await ctx.app.credit.sweep()
        await ctx.app.credit.sweep()
        order = (await call(ctx.app, 'GET', `/api/orders/${o.body.id}`, { token })).body
      }
      expect(order.credit).toMatchObject({ state: 'charged', charged: o.body.total })
      const ledger = await ctx.t.db.query("SELECT l.amount FROM credit_ledger l JOIN credit_orders c ON c.id = l.credit_order_id WHERE c.order_id = $1 AND l.kind = 'charge'", [o.body.id])
      expect(ledger.rows).toEqual([{ amount: o.body.total }])
    }
  })

  it('pay after use: cancelling the unpaid order cancels its credit order; a refused shopper is not offered it', async () => {
    const mug = await skuId(ctx.t.db, 'mug', { 颜色: '米白' })
    const token = await login(ctx.app)
    const o = await call(ctx.app, 'POST', '/api/orders', { token, body: { items: [{ skuId: mug, quantity: 1 }], idempotencyKey: key(), paymentMode: 'pay_after_use' } })
    await call(ctx.app, 'POST', `/api/orders/${o.body.id}/cancel`, { token })
    expect((await call(ctx.app, 'GET', `/api/orders/${o.body.id}`, { token })).body.credit.state).toBe('cancelled')
    const refused = await login(ctx.app)
    sandbox().refusedUsers.add(await ctx.app.sessions.verify(refused))
    expect((await call(ctx.app, 'GET', '/api/credit/eligibility', { token: refused })).body.payAfterUse.available).toBe(false)
    expect((await call(ctx.app, 'POST', '/api/orders', { token: refused, body: { items: [{ skuId: mug, quantity: 1 }], idempotencyKey: key(), paymentMode: 'pay_after_use' } })).status).toBe(409)
  })

  it('membership: join, member prices, savings, period end settles min(fee, savings) and renews; mid-period cancel settles and ends', async () => {
    const cups = (await ctx.t.db.one<{ id: number }>("SELECT id FROM categories WHERE key = 'cups'")).id
    await call(ctx.app, 'POST', '/api/admin/promotions', {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      body: { kind: 'member_price', name: '会员95折', startsAt: new Date(clock - DAY).toISOString(), endsAt: new Date(clock + 90 * DAY).toISOString(), scope: { type: 'categories', categoryIds: [cups] }, percent: 95 },
    })
    const token = await platformUser(ctx.app, 'alipay')
    expect((await call(ctx.app, 'GET', '/api/membership', { token })).body).toMatchObject({ state: null, savings: 0, willPay: 0 })
    const j = await call(ctx.app, 'POST', '/api/membership/join', { token })
    expect(j.status).toBe(200)
    const out = (await ctx.t.db.one<{ out_order_no: string }>("SELECT out_order_no FROM credit_orders WHERE kind = 'membership' ORDER BY id DESC LIMIT 1")).out_order_no
    await post('alipay', sandbox().decide(out, 'full')?.notify as RawNotify)
    expect((await call(ctx.app, 'GET', '/api/membership', { token })).body.state).toBe('active')
    // A paid order with the member price: 2 mugs (3900) at 95% saves 390.
    const mug = await skuId(ctx.t.db, 'mug', { 颜色: '米白' })
    const o = await call(ctx.app, 'POST', '/api/orders', { token, body: { items: [{ skuId: mug, quantity: 2 }], idempotencyKey: key() } })
    expect(o.body.discount).toBeGreaterThanOrEqual(390)
    await ctx.t.db.query("UPDATE orders SET status = 'paid' WHERE id = $1", [o.body.id])
    await ctx.t.db.query("INSERT INTO order_events (order_id, status, actor, note, at) VALUES ($1, 'paid', 'system', NULL, now())", [o.body.id])
    const v = (await call(ctx.app, 'GET', '/api/membership', { token })).body
    expect(v).toMatchObject({ savings: 390, willPay: 390, autoRenew: true })
    // Period end (moved into the past).
    const userId = await ctx.app.sessions.verify(token)
    await ctx.t.db.query("UPDATE memberships SET period_start = period_start - interval '31 days', period_end = now() - interval '1 minute' WHERE user_id = $1", [userId])
    await ctx.t.db.query("UPDATE order_events SET at = now() - interval '2 days' WHERE order_id = $1 AND status = 'paid'", [o.body.id])
    await ctx.t.db.query("UPDATE orders SET created_at = now() - interval '2 days' WHERE id = $1", [o.body.id])
    await ctx.app.credit.sweep()
    const after = (await call(ctx.app, 'GET', '/api/membership', { token })).body
    expect(after.state).toBe('active')
    expect(after.settlements).toHaveLength(1)
    expect(after.settlements[0]).toMatchObject({ fee: 1500, savings: 390, charge: 390 })
    // Mid-period cancel with no savings yet: settles 0 and ends; member prices stop.
    const c = (await call(ctx.app, 'POST', '/api/membership/cancel', { token })).body
    expect(c.state).toBe('ended')
    expect(c.settlements).toHaveLength(2)
    expect(c.settlements[0]).toMatchObject({ savings: 0, charge: 0 })
    const msgs = await ctx.t.db.query<{ event: string }>("SELECT event FROM message_outbox WHERE credit_order_id IS NOT NULL AND user_id = $1 ORDER BY id", [userId])
    expect(msgs.rows.map((m) => m.event)).toEqual(['credit_charged', 'membership_settled', 'membership_settled'])
  })
})

describeEachDb('credit seed', (ctx) => {
  it('seeds the rentals once under their own claim; the product detail carries the rental terms', async () => {
    const { DEMO_RENTALS, seedRentals } = await import('../../../seed/rentals')
    expect(await seedRentals(ctx.t.db, DEMO_RENTALS, new Date())).toBe(true)
    expect(await seedRentals(ctx.t.db, DEMO_RENTALS, new Date())).toBe(false)
    const camera = await productId(ctx.t.db, 'rent-camera')
    const detail = await call(ctx.app, 'GET', `/api/products/${camera}`)
    expect(detail.status).toBe(200)
    expect(detail.body.rental).toEqual({ deposit: 300000, dailyRate: 4900, minDays: 1, maxDays: 15 })
    const mug = await productId(ctx.t.db, 'mug')
    expect((await call(ctx.app, 'GET', `/api/products/${mug}`)).body.rental).toBeUndefined()
    const token = await login(ctx.app)
    const sku = await skuId(ctx.t.db, 'rent-camera', { 套装: '标准套装' })
    const r = await call(ctx.app, 'POST', '/api/rentals', { token, body: { skuId: sku, days: 16, idempotencyKey: key() } })
    expect(r.status).toBe(400)
    expect(r.body.message).toBe('最长租 15 天')
  })
})
