import type { Ctx } from '../../../test/helpers'
import { payThroughAlipay, shipAndReceive as receive, shipOrder, shopperWithAddress } from '../../../test/orders'
import { pointsService } from '../../points'

/** Helpers of the points mall and referral tests: shoppers, points, paying and receiving orders. */

let n = 0
export const ADDRESS = { name: '王积分', phone: '13900139001', region: ['浙江省', '杭州市', '西湖区'], detail: '文三路 8 号' }
export const key = () => `mall-${process.pid}-${++n}`

/** An Alipay shopper (its sandbox refunds answer at once) with a session and one address. */
export const shopper = (ctx: Ctx, nickname = `积分用户${++n}`) => shopperWithAddress(ctx.app, nickname, ADDRESS)

/** Points for a shopper, through the ledger as any module earns them. */
export async function grant(ctx: Ctx, userId: number, points: number, at = ctx.app.now()): Promise<void> {
  const ledger = pointsService(ctx.t.db, { now: ctx.app.now })
  await ctx.t.db.tx((q) => ledger.creditIn(q, { userId, points, kind: 'admin', key: `test-grant-${process.pid}-${++n}`, title: '测试赠送', at }))
}

export async function balance(ctx: Ctx, userId: number): Promise<number> {
  return pointsService(ctx.t.db, { now: ctx.app.now }).balanceOf(userId)
}

/** Pays an order through the sandbox's signed Alipay notify (server/test/orders.ts). */
export const payOrder = (ctx: Ctx, token: string, orderId: number) => payThroughAlipay(ctx.app, token, orderId)

export const ship = (ctx: Ctx, orderId: number) => shipOrder(ctx.app, orderId)

/** The merchant ships; the shopper confirms receipt (the after-sales window starts). */
export const shipAndReceive = (ctx: Ctx, token: string, orderId: number) => receive(ctx.app, token, orderId)
