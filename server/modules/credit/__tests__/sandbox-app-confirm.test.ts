import type { FastifyInstance } from 'fastify'
import { expect, it } from 'vitest'
import { call, describeEachDb, productId, skuId } from '../../../test/helpers'
import { platformUser } from '../../payments/__tests__/helpers'

// The mini-programs' in-app sandbox credit confirm: a sandbox shopper (logged in from an IDE)
// gets the platform's confirm plus the order's ticket; the sandbox's decide endpoint takes that
// ticket and the platform's signed callback moves the rental.

let seq = 0

async function ideLogin(app: FastifyInstance, platform: 'weapp' | 'alipay'): Promise<string> {
  const device = `credit-device-${process.pid}-${++seq}-xxxxxxxx`
  const res = platform === 'weapp' ? await call(app, 'POST', '/api/auth/wechat', { body: { code: `c${seq}`, deviceId: device } }) : await call(app, 'POST', '/api/auth/alipay', { body: { authCode: `c${seq}`, deviceId: device } })
  expect(res.status).toBe(200)
  return res.body.token as string
}

describeEachDb('in-app sandbox credit confirm', (ctx) => {
  async function rent(token: string) {
    const pid = await productId(ctx.t.db, 'hoodie')
    await ctx.t.db.query('INSERT INTO product_rentals (product_id, deposit, daily_rate, min_days, max_days) VALUES ($1, 3000, 500, 1, 5) ON CONFLICT DO NOTHING', [pid])
    const sku = await skuId(ctx.t.db, 'hoodie', { 尺码: 'L' })
    const res = await call(ctx.app, 'POST', '/api/rentals', { token, body: { skuId: sku, days: 2, idempotencyKey: `app-confirm-${process.pid}-${++seq}` } })
    expect(res.status).toBe(201)
    return res.body
  }

  for (const platform of ['weapp', 'alipay'] as const) {
    it(`${platform}: the platform's confirm plus the ticket; full through the decide endpoint confirms the rental`, async () => {
      const token = await ideLogin(ctx.app, platform)
      const start = await rent(token)
      if (platform === 'weapp') expect(start.confirm.businessType).toBe('wxpayScoreUse')
      else expect(start.confirm.orderStr).toEqual(expect.any(String))
      const ticket = start.confirm.sandbox
      expect(ticket).toMatchObject({ outOrderNo: start.credit.rentalNo, kind: 'rental', amount: 3000, ticket: expect.any(String) })
      // Without the ticket, or with another order's: refused.
      expect((await call(ctx.app, 'POST', `/api/sandbox/credit/${ticket.outOrderNo}/decide`, { token, body: { decision: 'full' } })).status).toBe(400)
      const d = await call(ctx.app, 'POST', `/api/sandbox/credit/${ticket.outOrderNo}/decide`, { token, body: { decision: 'full', t: ticket.ticket } })
      expect(d.status).toBe(200)
      const rental = await call(ctx.app, 'GET', `/api/rentals/${start.credit.id}`, { token })
      expect(rental.body.state).not.toBe('created')
    })
  }

  it('a shopper with a real platform identity gets the platform confirm alone', async () => {
    const token = await platformUser(ctx.app, 'weapp')
    const start = await rent(token)
    expect(start.confirm.sandbox).toBeUndefined()
    expect(Object.keys(start.confirm).sort()).toEqual(['businessType', 'extraData'])
  })
})
