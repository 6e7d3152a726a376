import { expect } from 'vitest'
import type { Ctx } from '../../../test/helpers'
import { ADMIN_TOKEN, call } from '../../../test/helpers'
import type { SandboxPay } from '../../../platforms'
import { pointsService } from '../../points'

/** Helpers of the points mall and referral tests: shoppers, points, paying and receiving orders. */

let n = 0
export const ADDRESS = { name: '王积分', phone: '13900139001', region: ['浙江省', '杭州市', '西湖区'], detail: '文三路 8 号' }
export const key = () => `mall-${process.pid}-${++n}`

/** An Alipay shopper (its sandbox refunds answer at once) with a session and one address. */
export async function shopper(ctx: Ctx, nickname = `积分用户${n + 1}`): Promise<{ id: number; token: string; addressId: number }> {
  const externalId = `2088${String(process.pid).slice(-4).padStart(4, '0')}${String(++n).padStart(8, '0')}`
  const u = await ctx.t.db.one<{ id: number }>("INSERT INTO users (platform, external_id, nickname) VALUES ('alipay', $1, $2) RETURNING id", [externalId, nickname])
  const token = (await ctx.app.sessions.sign(u.id)).token
  const a = await call(ctx.app, 'POST', '/api/addresses', { token, body: ADDRESS })
  expect(a.status).toBe(201)
  return { id: u.id, token, addressId: a.body.id as number }
}

/** Points for a shopper, through the ledger as any module earns them. */
export async function grant(ctx: Ctx, userId: number, points: number, at = ctx.app.now()): Promise<void> {
  const ledger = pointsService(ctx.t.db, { now: ctx.app.now })
  await ctx.t.db.tx((q) => ledger.creditIn(q, { userId, points, kind: 'admin', key: `test-grant-${process.pid}-${++n}`, title: '测试赠送', at }))
}

export async function balance(ctx: Ctx, userId: number): Promise<number> {
  return pointsService(ctx.t.db, { now: ctx.app.now }).balanceOf(userId)
}

/** Pays an order through the sandbox's signed Alipay notify, as the payments tests do. */
export async function payOrder(ctx: Ctx, token: string, orderId: number): Promise<void> {
  const started = await call(ctx.app, 'POST', `/api/orders/${orderId}/pay`, { token })
  expect(started.status, JSON.stringify(started.body)).toBe(200)
  const { out_trade_no: out } = await ctx.t.db.one<{ out_trade_no: string }>('SELECT out_trade_no FROM payments WHERE order_id = $1 ORDER BY id DESC LIMIT 1', [orderId])
  const sandbox = ctx.app.payments.providers.sandbox as SandboxPay
  sandbox.settle(out)
  const notify = sandbox.alipayNotify(out)
  const res = await ctx.app.inject({ method: 'POST', url: '/api/payments/notify/alipay', headers: notify.headers as Record<string, string>, payload: notify.body })
  expect(res.statusCode).toBeLessThan(300)
}

export async function ship(ctx: Ctx, orderId: number): Promise<void> {
  const r = await call(ctx.app, 'POST', `/api/admin/orders/${orderId}/ship`, { token: ADMIN_TOKEN, body: { carrier: '顺丰速运', trackingNo: `SF${process.pid}${++n}` } })
  expect(r.status, JSON.stringify(r.body)).toBe(200)
}

/** The merchant ships; the shopper confirms receipt (the after-sales window starts). */
export async function shipAndReceive(ctx: Ctx, token: string, orderId: number): Promise<void> {
  await ship(ctx, orderId)
  const r = await call(ctx.app, 'POST', `/api/orders/${orderId}/confirm`, { token })
  expect(r.status, JSON.stringify(r.body)).toBe(200)
}
