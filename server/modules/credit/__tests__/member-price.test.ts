import { expect, it } from 'vitest'
import { ADMIN_TOKEN, call, describeEachDb, skuId } from '../../../test/helpers'
import { platformUser, postNotify } from '../../payments/__tests__/helpers'
import type { SandboxCredit, SandboxPay } from '../../../platforms'
import type { RawNotify } from '../../../platforms/types'

let seq = 0
const key = () => `member-price-${process.pid}-${Date.now()}-${++seq}`
const DAY = 86_400_000

describeEachDb('member price after the membership ends', (ctx) => {
  const credit = () => ctx.app.credit.providers.sandbox as SandboxCredit
  const pay = () => ctx.app.payments.providers.sandbox as SandboxPay
  let promoted = false

  async function member(): Promise<string> {
    if (!promoted) {
      const cups = (await ctx.t.db.one<{ id: number }>("SELECT id FROM categories WHERE key = 'cups'")).id
      const clock = Date.now()
      const r = await call(ctx.app, 'POST', '/api/admin/promotions', {
        headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
        body: { kind: 'member_price', name: '会员95折', startsAt: new Date(clock - DAY).toISOString(), endsAt: new Date(clock + 90 * DAY).toISOString(), scope: { type: 'categories', categoryIds: [cups] }, percent: 95 },
      })
      expect(r.status).toBe(201)
      promoted = true
    }
    const token = await platformUser(ctx.app, 'alipay')
    expect((await call(ctx.app, 'POST', '/api/membership/join', { token })).status).toBe(200)
    const userId = await ctx.app.sessions.verify(token)
    const out = (await ctx.t.db.one<{ out_order_no: string }>("SELECT out_order_no FROM credit_orders WHERE kind = 'membership' AND user_id = $1 ORDER BY id DESC LIMIT 1", [userId])).out_order_no
    const n = credit().decide(out, 'full')?.notify as RawNotify
    await ctx.app.inject({ method: 'POST', url: '/api/credit/notify/alipay', headers: n.headers as Record<string, string>, payload: n.body })
    expect((await call(ctx.app, 'GET', '/api/membership', { token })).body.state).toBe('active')
    return token
  }

  async function memberOrder(token: string, paymentMode?: 'pay_after_use') {
    const mug = await skuId(ctx.t.db, 'mug', { 颜色: '米白' })
    const o = await call(ctx.app, 'POST', '/api/orders', { token, body: { items: [{ skuId: mug, quantity: 2 }], idempotencyKey: key(), ...(paymentMode ? { paymentMode } : {}) } })
    expect(o.status).toBe(201)
    expect(o.body.discounts.some((d: { kind: string }) => d.kind === 'member_price')).toBe(true)
    return o.body as { id: number; total: number }
  }

  it('join, member-priced order, cancel (charge 0): paying the order is 409 MEMBER_PRICE_ENDED, pay after use too', async () => {
    const token = await member()
    const o = await memberOrder(token)
    const p = await memberOrder(token, 'pay_after_use')
    const c = (await call(ctx.app, 'POST', '/api/membership/cancel', { token })).body
    expect(c.state).toBe('ended')
    expect(c.settlements[0]).toMatchObject({ savings: 0, charge: 0 })
    const res = await call(ctx.app, 'POST', `/api/orders/${o.id}/pay`, { token })
    expect(res.status).toBe(409)
    expect(res.body).toEqual({ code: 'MEMBER_PRICE_ENDED', message: '会员已结束，会员价不再适用，请重新下单' })
    expect((await ctx.t.db.query('SELECT id FROM payments WHERE order_id = $1', [o.id])).rows).toHaveLength(0)
    const start = await call(ctx.app, 'POST', `/api/orders/${p.id}/credit`, { token })
    expect(start.status).toBe(409)
    expect(start.body.code).toBe('MEMBER_PRICE_ENDED')
    // An order without a member discount still pays after the membership ended.
    const tee = await skuId(ctx.t.db, 'tee', { 颜色: '白色', 尺码: 'M' })
    const plain = await call(ctx.app, 'POST', '/api/orders', { token, body: { items: [{ skuId: tee, quantity: 1 }], idempotencyKey: key() } })
    expect((await call(ctx.app, 'POST', `/api/orders/${plain.body.id}/pay`, { token })).status).toBe(200)
  })

  it('a payment opened while a member that lands after the period end stays paid and counts in that period’s savings', async () => {
    const token = await member()
    const userId = await ctx.app.sessions.verify(token)
    const o = await memberOrder(token)
    expect((await call(ctx.app, 'POST', `/api/orders/${o.id}/pay`, { token })).status).toBe(200)
    // The period ends (moved into the past, the order priced inside it), then the money arrives.
    await ctx.t.db.query("UPDATE memberships SET period_start = period_start - interval '31 days', period_end = now() - interval '1 minute' WHERE user_id = $1", [userId])
    await ctx.t.db.query("UPDATE orders SET created_at = now() - interval '2 minutes' WHERE id = $1", [o.id])
    const out = (await ctx.t.db.one<{ out_trade_no: string }>('SELECT out_trade_no FROM payments WHERE order_id = $1', [o.id])).out_trade_no
    pay().settle(out)
    expect((await postNotify(ctx.app, 'alipay', pay().alipayNotify(out))).body).toBe('success')
    expect((await call(ctx.app, 'GET', `/api/orders/${o.id}`, { token })).body.status).toBe('paid')
    await ctx.app.credit.sweep()
    const v = (await call(ctx.app, 'GET', '/api/membership', { token })).body
    expect(v.settlements).toHaveLength(1)
    expect(v.settlements[0]).toMatchObject({ savings: 390, charge: 390 })
  })

  it('a renewing member: an order priced in one period and paid after that period settled counts in the next one, once', async () => {
    const token = await member()
    const userId = await ctx.app.sessions.verify(token)
    const o = await memberOrder(token)
    expect((await call(ctx.app, 'POST', `/api/orders/${o.id}/pay`, { token })).status).toBe(200)
    await ctx.t.db.query("UPDATE memberships SET period_start = period_start - interval '31 days', period_end = now() - interval '1 minute' WHERE user_id = $1", [userId])
    await ctx.t.db.query("UPDATE orders SET created_at = now() - interval '2 minutes' WHERE id = $1", [o.id])
    // The period settles before the money arrives (nothing paid yet: savings 0), and renews.
    await ctx.app.credit.sweep()
    let v = (await call(ctx.app, 'GET', '/api/membership', { token })).body
    expect(v.state).toBe('active')
    expect(v.settlements[0]).toMatchObject({ savings: 0, charge: 0 })
    const out = (await ctx.t.db.one<{ out_trade_no: string }>('SELECT out_trade_no FROM payments WHERE order_id = $1', [o.id])).out_trade_no
    pay().settle(out)
    expect((await postNotify(ctx.app, 'alipay', pay().alipayNotify(out))).body).toBe('success')
    v = (await call(ctx.app, 'GET', '/api/membership', { token })).body
    expect(v.savings).toBe(390)
  })
})
