import type { FastifyInstance } from 'fastify'
import { describe, expect, it } from 'vitest'
import { call, describeEachDb, skuId } from '../../../test/helpers'
import { platformUser } from './helpers'

// The mini-programs' in-app sandbox cashier: sandbox logins from the IDEs (no injected login
// facets), the pay answer in the platform's own shape plus the sandbox ticket, and the cashier's
// calls needing the session AND the ticket of the caller's own attempt.

let seq = 0

async function ideLogin(app: FastifyInstance, platform: 'weapp' | 'alipay', deviceId: string): Promise<string> {
  const res =
    platform === 'weapp'
      ? await call(app, 'POST', '/api/auth/wechat', { body: { code: `ide-${++seq}`, deviceId } })
      : await call(app, 'POST', '/api/auth/alipay', { body: { authCode: `ide-${++seq}`, deviceId } })
  expect(res.status).toBe(200)
  return res.body.token as string
}

describeEachDb('in-app sandbox cashier', (ctx) => {
  async function attempt(platform: 'weapp' | 'alipay', device = `device-${process.pid}-${platform}-${++seq}-xxxxxxxx`) {
    const token = await ideLogin(ctx.app, platform, device)
    const mug = await skuId(ctx.t.db, 'mug', { 颜色: '米白' })
    const o = await call(ctx.app, 'POST', '/api/orders', { token, body: { items: [{ skuId: mug, quantity: 1 }], idempotencyKey: `app-cashier-${process.pid}-${++seq}` } })
    expect(o.status).toBe(201)
    const pay = await call(ctx.app, 'POST', `/api/orders/${o.body.id}/pay`, { token })
    expect(pay.status).toBe(200)
    return { token, orderId: o.body.id as number, total: o.body.total as number, pay: pay.body, out: pay.body.sandbox.outTradeNo as string, t: pay.body.sandbox.ticket as string }
  }

  for (const platform of ['weapp', 'alipay'] as const) {
    it(`${platform}: the platform's shape plus the ticket (a shopper from the IDE); paying settles through the platform's signed notify`, async () => {
      const a = await attempt(platform)
      if (platform === 'weapp') expect(Object.keys(a.pay).sort()).toEqual(['nonceStr', 'package', 'paySign', 'sandbox', 'signType', 'timeStamp'])
      else expect(Object.keys(a.pay).sort()).toEqual(['sandbox', 'tradeNO'])
      const view = await call(ctx.app, 'GET', `/api/payments/sandbox/app-cashier?out=${a.out}&t=${encodeURIComponent(a.t)}`, { token: a.token })
      expect(view.status).toBe(200)
      expect(view.body).toMatchObject({ outTradeNo: a.out, orderId: a.orderId, amount: a.total, status: 'pending' })
      for (const decision of ['fail', 'cancel'] as const) {
        const r = await call(ctx.app, 'POST', '/api/payments/sandbox/app-cashier', { token: a.token, body: { out: a.out, t: a.t, decision } })
        expect(r.body).toEqual({ orderId: a.orderId, result: decision === 'fail' ? 'failed' : 'cancelled' })
      }
      expect((await call(ctx.app, 'GET', `/api/orders/${a.orderId}`, { token: a.token })).body.status).toBe('created')
      const paid = await call(ctx.app, 'POST', '/api/payments/sandbox/app-cashier', { token: a.token, body: { out: a.out, t: a.t, decision: 'pay' } })
      expect(paid.body).toEqual({ orderId: a.orderId, result: 'paid' })
      expect((await call(ctx.app, 'GET', `/api/orders/${a.orderId}`, { token: a.token })).body.status).toBe('paid')
      const notify = await ctx.t.db.one<{ channel: string }>('SELECT provider AS channel FROM payment_notifies WHERE out_trade_no = $1 ORDER BY id DESC LIMIT 1', [a.out])
      expect(notify.channel).toBe(platform === 'weapp' ? 'wechat' : 'alipay')
      // Again: paid, nothing twice.
      expect((await call(ctx.app, 'POST', '/api/payments/sandbox/app-cashier', { token: a.token, body: { out: a.out, t: a.t, decision: 'pay' } })).body.result).toBe('paid')
    })
  }

  it("no one can see, pay or fail another's attempt: session and ticket both needed", async () => {
    const a = await attempt('weapp')
    const mallory = await ideLogin(ctx.app, 'weapp', `mallory-${process.pid}-device-0000`)
    const body = { out: a.out, t: a.t, decision: 'pay' }
    // Another shopper holding the ticket: 404.
    expect((await call(ctx.app, 'POST', '/api/payments/sandbox/app-cashier', { token: mallory, body })).status).toBe(404)
    expect((await call(ctx.app, 'GET', `/api/payments/sandbox/app-cashier?out=${a.out}&t=${encodeURIComponent(a.t)}`, { token: mallory })).status).toBe(404)
    // No session: 401. The owner with a wrong ticket: 404.
    expect((await call(ctx.app, 'POST', '/api/payments/sandbox/app-cashier', { body })).status).toBe(401)
    expect((await call(ctx.app, 'POST', '/api/payments/sandbox/app-cashier', { token: a.token, body: { ...body, t: `${a.t.slice(0, -2)}xx` } })).status).toBe(404)
    expect((await call(ctx.app, 'POST', '/api/payments/sandbox/app-cashier', { token: a.token, body: { ...body, decision: 'steal' } })).status).toBe(400)
    expect((await call(ctx.app, 'GET', `/api/orders/${a.orderId}`, { token: a.token })).body.status).toBe('created')
    // The H5 cashier's page doesn't take a mini-program attempt either.
    expect((await ctx.app.inject({ method: 'GET', url: `/api/payments/sandbox/cashier?out=${a.out}&t=${encodeURIComponent(a.t)}` })).statusCode).toBe(404)
  })

  it('a shopper with a real platform identity gets the platform answer alone', async () => {
    const token = await platformUser(ctx.app, 'weapp')
    const mug = await skuId(ctx.t.db, 'mug', { 颜色: '米白' })
    const o = await call(ctx.app, 'POST', '/api/orders', { token, body: { items: [{ skuId: mug, quantity: 1 }], idempotencyKey: `app-cashier-${process.pid}-${++seq}` } })
    const pay = await call(ctx.app, 'POST', `/api/orders/${o.body.id}/pay`, { token })
    expect(Object.keys(pay.body).sort()).toEqual(['nonceStr', 'package', 'paySign', 'signType', 'timeStamp'])
  })

  it('a cancelled order cannot be paid at the cashier', async () => {
    const a = await attempt('alipay')
    expect((await call(ctx.app, 'POST', `/api/orders/${a.orderId}/cancel`, { token: a.token })).status).toBe(200)
    const r = await call(ctx.app, 'POST', '/api/payments/sandbox/app-cashier', { token: a.token, body: { out: a.out, t: a.t, decision: 'pay' } })
    expect(r.status).toBe(409)
    expect((await call(ctx.app, 'GET', `/api/orders/${a.orderId}`, { token: a.token })).body.status).toBe('cancelled')
  })
})

describe('live mode', () => {
  it('has no in-app cashier and no ticket', async () => {
    const { buildApp } = await import('../../../app')
    const app = await buildApp({ env: {}, logger: false, sweeper: false, config: { dataDir: 'memory://', wechat: { appId: 'wx1', secret: 's' }, rateLimit: 0 } })
    try {
      const r = await app.inject({ method: 'POST', url: '/api/payments/sandbox/app-cashier', payload: { out: 'x', t: 'y', decision: 'pay' } })
      expect(r.statusCode).toBe(404)
    } finally {
      await app.close()
    }
  })
})
