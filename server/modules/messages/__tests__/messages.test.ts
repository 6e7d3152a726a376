import { expect, it } from 'vitest'
import { ADMIN_TOKEN, call, describeEachDb, login } from '../../../test/helpers'
import type { SandboxPay } from '../../../platforms'
import { outboxOf, placeOrder, platformUser, quota, sandboxCount } from './support'

const H5_PAID = 'sandbox-h5-order-paid'

describeEachDb('subscription messages', (ctx) => {
  const subscribe = (token: string, results: Record<string, string>) => call(ctx.app, 'POST', '/api/messages/subscriptions', { token, body: { results } })

  it('answers the caller’s platform templates per event, grouped by what one call may ask (WeChat 5, Alipay 3)', async () => {
    const weapp = await platformUser(ctx.app, 'weapp')
    const w = await call(ctx.app, 'GET', '/api/messages/templates', { token: weapp.token })
    expect(w.status).toBe(200)
    expect(w.body).toMatchObject({ platform: 'weapp', maxPerRequest: 5 })
    expect(w.body.templates.map((t: { event: string }) => t.event)).toEqual(['order_paid', 'order_shipped', 'refund_done', 'order_closing_soon', 'after_sale_update', 'order_delivered', 'group_succeeded', 'group_failed', 'pickup_ready', 'pickup_reminder'])
    expect(w.body.templates[0]).toEqual({ event: 'order_paid', templateId: 'sandbox-weapp-order-paid', status: 'none', quota: 0 })
    const ids = w.body.templates.map((t: { templateId: string }) => t.templateId)
    expect(w.body.groups).toEqual([ids.slice(0, 5), ids.slice(5)])
    const alipay = await platformUser(ctx.app, 'alipay')
    const a = await call(ctx.app, 'GET', '/api/messages/templates', { token: alipay.token })
    expect(a.body).toMatchObject({ platform: 'alipay', maxPerRequest: 3 })
    expect(a.body.groups.map((g: string[]) => g.length)).toEqual([3, 3, 3, 1])
    expect((await call(ctx.app, 'GET', '/api/messages/templates')).status).toBe(401)
  })

  it('records accept (+1 each), reject and ban (asked no more), ignores filter and ids not ours', async () => {
    const u = await platformUser(ctx.app, 'weapp')
    const [paid, shipped, refund, closing, delivered] = ['order-paid', 'order-shipped', 'refund-done', 'order-closing-soon', 'order-delivered'].map((e) => `sandbox-weapp-${e}`)
    let r = await subscribe(u.token, { [paid]: 'accept', [shipped]: 'reject', [refund]: 'ban', [closing]: 'filter', 'someone-elses-id': 'accept' })
    expect(r.status).toBe(200)
    expect(r.body.ignored).toEqual(['someone-elses-id'])
    const byEvent = (body: { templates: { event: string; status: string; quota: number }[] }) => Object.fromEntries(body.templates.map((t) => [t.event, [t.status, t.quota]]))
    expect(byEvent(r.body)).toEqual({ order_paid: ['accept', 1], order_shipped: ['reject', 0], refund_done: ['ban', 0], order_closing_soon: ['none', 0], after_sale_update: ['none', 0], order_delivered: ['none', 0], group_succeeded: ['none', 0], group_failed: ['none', 0], pickup_ready: ['none', 0], pickup_reminder: ['none', 0] })
    // Rejected and banned templates are no longer offered.
    expect(r.body.groups).toEqual([[paid, closing, 'sandbox-weapp-after-sale-update', delivered, 'sandbox-weapp-group-succeeded'], ['sandbox-weapp-group-failed', 'sandbox-weapp-pickup-ready', 'sandbox-weapp-pickup-reminder']])
    r = await subscribe(u.token, { [paid]: 'accept' })
    expect(byEvent(r.body).order_paid).toEqual(['accept', 2])
    expect(await quota(ctx.t.db, u.id, paid)).toMatchObject({ remaining: 2, accepted_total: 2, sent_total: 0 })
    // Another shopper's ledger is their own.
    const other = await platformUser(ctx.app, 'weapp')
    expect(byEvent((await call(ctx.app, 'GET', '/api/messages/templates', { token: other.token })).body).order_paid).toEqual(['none', 0])
  })

  it('refuses bad subscription input clearly', async () => {
    const token = await login(ctx.app)
    for (const body of [{}, { results: [] }, { results: {} }, { results: { [H5_PAID]: 'yes' } }, { results: { 'bad id!': 'accept' } }, { results: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`t${i}`, 'accept'])) }]) {
      const r = await call(ctx.app, 'POST', '/api/messages/subscriptions', { token, body })
      expect(r.status, JSON.stringify(body)).toBe(400)
      expect(r.body.code).toBe('BAD_INPUT')
    }
    expect((await call(ctx.app, 'POST', '/api/messages/subscriptions', { body: { results: { [H5_PAID]: 'accept' } } })).status).toBe(401)
  })

  it('writes the outbox row with the order change; the dedupe key stops a second enqueue; no quota ends as skipped_no_quota', async () => {
    const token = await login(ctx.app)
    const o = await placeOrder(ctx.app, ctx.t.db, token)
    await ctx.app.orders.apply(o.id, 'pay', 'system')
    // A second pay is refused by the state machine; a direct second enqueue by the unique key.
    await expect(ctx.app.orders.apply(o.id, 'pay', 'system')).rejects.toThrow()
    const { enqueueOrderEvent } = await import('../outbox')
    expect(await enqueueOrderEvent(ctx.t.db, o.id, 'order_paid', new Date())).toBe(false)
    expect(await outboxOf(ctx.t.db, o.id)).toMatchObject([{ event: 'order_paid', status: 'pending' }])
    await ctx.app.messages.worker.runOnce()
    expect(await outboxOf(ctx.t.db, o.id)).toMatchObject([{ event: 'order_paid', status: 'skipped_no_quota', quota_taken: false }])
    expect(await sandboxCount(ctx.t.db, o.id)).toBe(0)
  })

  it('rolls the outbox row back with a transition that rolls back', async () => {
    const token = await login(ctx.app)
    const o = await placeOrder(ctx.app, ctx.t.db, token)
    await expect(
      ctx.t.db.tx(async (q) => {
        await ctx.app.orders.transitionIn(q, o.id, 'pay', 'system', new Date())
        throw new Error('boom after the change')
      }),
    ).rejects.toThrow('boom')
    expect(await outboxOf(ctx.t.db, o.id)).toEqual([])
  })

  it('quota ledger: each accept allows one send, each send spends one', async () => {
    const token = await login(ctx.app)
    const userId = await ctx.app.sessions.verify(token)
    await subscribe(token, { [H5_PAID]: 'accept' })
    const orders = [await placeOrder(ctx.app, ctx.t.db, token), await placeOrder(ctx.app, ctx.t.db, token)]
    for (const o of orders) await ctx.app.orders.apply(o.id, 'pay', 'system')
    await ctx.app.messages.worker.runOnce()
    expect((await outboxOf(ctx.t.db, orders[0].id))[0].status).toBe('sent')
    expect((await outboxOf(ctx.t.db, orders[1].id))[0].status).toBe('skipped_no_quota')
    expect(await quota(ctx.t.db, userId, H5_PAID)).toMatchObject({ remaining: 0, accepted_total: 1, sent_total: 1 })
  })

  it('pays an order through the sandbox payment and shows the sandbox’s order_paid message on GET /api/admin/messages', async () => {
    const token = await login(ctx.app)
    await subscribe(token, { [H5_PAID]: 'accept' })
    const o = await placeOrder(ctx.app, ctx.t.db, token)
    const pay = await call(ctx.app, 'POST', `/api/orders/${o.id}/pay`, { token })
    expect(pay.body.platform).toBe('h5')
    const form = { 'content-type': 'application/x-www-form-urlencoded' }
    const paid = await ctx.app.inject({ method: 'POST', url: '/api/payments/sandbox/cashier/pay', headers: form, payload: new URL(pay.body.cashierUrl, 'http://x').searchParams.toString() })
    expect(paid.statusCode).toBeLessThan(400)
    expect((await call(ctx.app, 'GET', `/api/orders/${o.id}`, { token })).body.status).toBe('paid')
    await ctx.app.messages.worker.runOnce()

    const admin = { authorization: `Bearer ${ADMIN_TOKEN}` }
    const list = await call(ctx.app, 'GET', `/api/admin/messages?orderId=${o.id}`, { headers: admin })
    expect(list.status).toBe(200)
    expect(list.body.total).toBe(1)
    expect(list.body.items[0]).toMatchObject({
      platform: 'h5',
      event: 'order_paid',
      templateId: H5_PAID,
      page: `pkg-order/order-detail/index?id=${o.id}`,
      data: { character_string1: o.orderNo, amount2: `¥${(o.total / 100).toFixed(2)}`, thing3: '陶瓷马克杯' },
    })
    expect(list.body.items[0].data.time4).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/)
    const outbox = await call(ctx.app, 'GET', `/api/admin/messages/outbox?orderId=${o.id}`, { headers: admin })
    expect(outbox.body.items).toMatchObject([{ event: 'order_paid', status: 'sent', attempts: 1, channel: 'sandbox' }])
    expect((await call(ctx.app, 'GET', '/api/admin/messages')).status).toBe(401)
    expect((await call(ctx.app, 'GET', '/api/admin/messages?orderId=x', { headers: admin })).status).toBe(400)
  })

  it('weapp and alipay shoppers paid by signed notifies get the message in their platform’s template fields', async () => {
    const sandboxPay = ctx.app.payments.providers.sandbox as SandboxPay
    for (const [platform, channel] of [['weapp', 'wechat'], ['alipay', 'alipay']] as const) {
      const u = await platformUser(ctx.app, platform)
      await subscribe(u.token, { [`sandbox-${platform}-order-paid`]: 'accept' })
      const o = await placeOrder(ctx.app, ctx.t.db, u.token)
      expect((await call(ctx.app, 'POST', `/api/orders/${o.id}/pay`, { token: u.token })).status).toBe(200)
      const out = (await ctx.t.db.one<{ out_trade_no: string }>('SELECT out_trade_no FROM payments WHERE order_id = $1 ORDER BY id DESC LIMIT 1', [o.id])).out_trade_no
      sandboxPay.settle(out)
      const n = channel === 'wechat' ? sandboxPay.wechatNotify(out) : sandboxPay.alipayNotify(out)
      const res = await ctx.app.inject({ method: 'POST', url: `/api/payments/notify/${channel}`, headers: n.headers as Record<string, string>, payload: n.body })
      expect(res.statusCode).toBeLessThan(300)
      await ctx.app.messages.worker.runOnce()
      const [m] = (await ctx.app.messages.sandbox.list({ orderId: o.id, page: 1, pageSize: 5 })).items
      expect(m).toMatchObject({ platform, event: 'order_paid', templateId: `sandbox-${platform}-order-paid` })
      expect(m.data).toMatchObject(platform === 'weapp' ? { character_string1: o.orderNo, thing3: '陶瓷马克杯' } : { keyword1: o.orderNo, keyword3: '陶瓷马克杯' })
      if (platform !== 'alipay') continue
      // Alipay answers a refund at once: the whole order refunded sends refund_done with the money back.
      await subscribe(u.token, { 'sandbox-alipay-refund-done': 'accept' })
      const refund = await call(ctx.app, 'POST', `/api/admin/orders/${o.id}/refunds`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` }, body: { reason: '不想要了' } })
      expect(refund.body).toMatchObject({ status: 'succeeded', amount: o.total })
      await ctx.app.messages.worker.runOnce()
      const done = (await ctx.app.messages.sandbox.list({ orderId: o.id, page: 1, pageSize: 5 })).items.find((x) => x.event === 'refund_done')
      expect(done?.data).toMatchObject({ keyword1: o.orderNo, keyword2: `¥${(o.total / 100).toFixed(2)}`, keyword3: '陶瓷马克杯' })
    }
  })

  it('ships with its message: carrier and tracking number in it', async () => {
    const token = await login(ctx.app)
    await subscribe(token, { [H5_PAID]: 'accept', 'sandbox-h5-order-shipped': 'accept' })
    const addr = await call(ctx.app, 'POST', '/api/addresses', { token, body: { name: '张三', phone: '13800138000', region: ['浙江省', '杭州市', '西湖区'], detail: '文三路 1 号' } })
    const mug = (await ctx.t.db.one<{ id: number }>("SELECT k.id FROM skus k JOIN products p ON p.id = k.product_id WHERE p.key = 'mug' ORDER BY k.id LIMIT 1")).id
    const o = (await call(ctx.app, 'POST', '/api/orders', { token, body: { items: [{ skuId: mug, quantity: 1 }], addressId: addr.body.id, idempotencyKey: `ship-${Date.now()}` } })).body
    await ctx.app.orders.apply(o.id, 'pay', 'system')
    await ctx.app.orders.apply(o.id, 'ship', 'admin', { tracking: { carrier: '顺丰速运', number: 'SF1234567890' } })
    await ctx.app.messages.worker.runOnce()
    const shipped = (await ctx.app.messages.sandbox.list({ orderId: o.id, page: 1, pageSize: 10 })).items.find((m) => m.event === 'order_shipped')
    expect(shipped?.data).toMatchObject({ character_string1: o.orderNo, thing2: '陶瓷马克杯', thing3: '顺丰速运', character_string4: 'SF1234567890' })
  })
}, { env: { MESSAGE_CONSENT_WAIT: '0' } })
