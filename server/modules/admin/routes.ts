import { z } from 'zod'
import type { FastifyInstance } from 'fastify'
import type { OrderStatus } from '../../../src/domain/order-state'
import { LIMITS } from '../../../src/domain/validation'
import { conflict, notFound } from '../../lib/errors'
import { id, idParams, idText, pageQuery, parse, quantity, text } from '../../lib/validate'
import { findOrder, listOrders } from '../orders'
import { StatusQuery } from '../orders'

const Ship = z.object({
  carrier: text(LIMITS.carrier, '快递公司', { min: 1 }),
  trackingNo: text(LIMITS.trackingNo, '快递单号', { min: 1 }).refine((s) => /^[A-Za-z0-9-]+$/.test(s), '快递单号只能包含字母、数字和 -'),
})

const RefundBody = z.object({
  lines: z
    .array(z.object({ skuId: id, quantity }), { error: 'lines 必须是数组' })
    .min(1, '请至少选择一件要退的商品')
    .max(100, '一次最多退 100 行')
    .optional(),
  reason: text(LIMITS.refundReason, '退款原因', { min: 1 }),
  restock: z.boolean({ error: 'restock 必须是 true 或 false' }).optional(),
})

const RefundQuery = z.object({
  ...pageQuery,
  status: z.enum(['pending', 'succeeded', 'failed'], { error: 'status 只能是 pending、succeeded、failed' }).optional(),
  orderId: idText.optional(),
})

/** Orders and refunds for the merchant; inside the admin scope (./scope.ts), which checks the caller. */
export async function adminRoutes(app: FastifyInstance): Promise<void> {

  app.get('/admin/orders', { config: { permission: 'orders:read' } }, async (req) => {
    const q = parse(StatusQuery, req.query)
    return listOrders(app.db, { status: q.status as OrderStatus | undefined, page: q.page ?? 1, pageSize: q.pageSize ?? 20 })
  })

  app.post('/admin/orders/:id/ship', { config: { permission: 'orders:write' } }, async (req) => {
    const { id } = parse(idParams, req.params)
    const input = parse(Ship, req.body)
    const order = await findOrder(app.db, id)
    if (!order) throw notFound('订单', 'ORDER_NOT_FOUND')
    if (!order.address) throw conflict('NO_ADDRESS', '订单没有收货地址，无法发货')
    return app.orders.apply(id, 'ship', 'admin', { tracking: { carrier: input.carrier, number: input.trackingNo }, note: `${input.carrier} ${input.trackingNo}` })
  })

  // Refunds: lines (or everything left) of a paid order back to the payer, through its platform.
  app.post('/admin/orders/:id/refunds', { config: { permission: 'refunds:write' } }, async (req, reply) => {
    const { id: orderId } = parse(idParams, req.params)
    const input = parse(RefundBody, req.body)
    return reply.status(201).send(await app.payments.refunds.request(orderId, input, 'admin'))
  })

  app.get('/admin/refunds', { config: { permission: 'orders:read' } }, async (req) => {
    const q = parse(RefundQuery, req.query)
    return app.payments.refunds.list({ status: q.status, orderId: q.orderId, page: q.page ?? 1, pageSize: q.pageSize ?? 20 })
  })

  app.get('/admin/refunds/:id', { config: { permission: 'orders:read' } }, async (req) => {
    const { id: refundId } = parse(idParams, req.params)
    const r = await app.payments.refunds.get(refundId)
    if (!r) throw notFound('退款', 'REFUND_NOT_FOUND')
    return r
  })

  // Asks the platform again with the same refund number: never refunds twice.
  app.post('/admin/refunds/:id/retry', { config: { permission: 'refunds:write' } }, async (req) => {
    const { id: refundId } = parse(idParams, req.params)
    return app.payments.refunds.submit(refundId)
  })
}
