import { z } from 'zod'
import type { FastifyInstance } from 'fastify'
import { ORDER_STATUSES, type OrderStatus } from '../../../src/domain/order-state'
import { LIMITS } from '../../../src/domain/validation'
import { id, idParams, parse, text } from '../../lib/validate'
import { CouponIds, LineItems } from '../pricing'
import { StatusQuery } from './queries'
import { countByStatus, listOrders } from './repository'
import { confirmReceipt, placeOrder, previewOrder, shopperOrder } from './shopper'

const Items = LineItems.min(1, '请至少选择一件商品')
// Points to spend (积分抵扣); the limits are the points module's (400 POINTS_OVER_LIMIT, 409 POINTS_NOT_ENOUGH).
const Points = z.number({ error: 'points 必须是整数' }).int('points 必须是整数').min(0, 'points 不能为负').max(100_000_000, 'points 过大').optional()

// Delivery (the default) or pickup at a store in a slot; the slot's format and the store are checked by the pickup module (400 / 404 / 409).
const Fulfilment = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('delivery') }),
    z.object({ type: z.literal('pickup'), storeId: id, slot: z.string({ error: '请选择自提时间' }).max(40, '自提时间格式不对') }),
  ], { error: 'fulfilment.type 只能是 delivery 或 pickup' })
  .optional()

export const CreateOrder = z.object({
  items: Items,
  addressId: id.optional(),
  idempotencyKey: z
    .string({ error: '缺少 idempotencyKey' })
    .min(8, 'idempotencyKey 至少 8 个字符')
    .max(LIMITS.idempotencyKey, `idempotencyKey 最多 ${LIMITS.idempotencyKey} 个字符`)
    .regex(/^[\w.:-]+$/, 'idempotencyKey 只能包含字母、数字和 _ . : -'),
  fromCart: z.boolean({ error: 'fromCart 必须是 true 或 false' }).optional(),
  note: text(LIMITS.note, '备注').optional(),
  couponIds: CouponIds,
  points: Points,
  fulfilment: Fulfilment,
  paymentMode: z.enum(['pay_now', 'pay_after_use'], { error: 'paymentMode 只能是 pay_now 或 pay_after_use' }).optional(),
  // Shapes only: the limits (message length, 1–20 recipients, an even split) are checkGift's, with its codes.
  gift: z
    .object({
      message: z.string({ error: '请填写祝福语' }).max(1000, '祝福语太长'),
      recipients: z.number({ error: 'recipients 必须是整数' }).int('recipients 必须是整数'),
    })
    .optional(),
})

const Preview = z.object({ items: Items, addressId: id.optional(), couponIds: CouponIds, points: Points, fulfilment: Fulfilment })


export async function orderRoutes(app: FastifyInstance): Promise<void> {
  app.addHook('preHandler', app.authenticate)

  app.post('/orders/preview', async (req) => {
    return previewOrder(app, req.userId, parse(Preview, req.body))
  })

  app.post('/orders', async (req, reply) => {
    const { order, created } = await placeOrder(app, req.userId, parse(CreateOrder, req.body))
    // A repeated key answers 200 with the first order: the client can't tell a retry from a success, and needn't.
    return reply.status(created ? 201 : 200).send(order)
  })

  app.get('/orders', async (req) => {
    const q = parse(StatusQuery, req.query)
    return listOrders(app.db, { userId: req.userId, status: q.status as OrderStatus | undefined, page: q.page ?? 1, pageSize: q.pageSize ?? 10 })
  })

  app.get('/orders/counts', async (req) => {
    const counts = await countByStatus(app.db, req.userId)
    return Object.fromEntries(ORDER_STATUSES.map((s) => [s, counts.get(s) ?? 0]))
  })

  app.get('/orders/:id', async (req) => {
    const { id: orderId } = parse(idParams, req.params)
    return shopperOrder(app, req.userId, orderId)
  })

  app.post('/orders/:id/cancel', async (req) => {
    const { id: orderId } = parse(idParams, req.params)
    return app.orders.apply(orderId, 'cancel', 'shopper', { userId: req.userId, note: '买家取消订单' })
  })

  app.post('/orders/:id/confirm', async (req) => {
    const { id: orderId } = parse(idParams, req.params)
    return confirmReceipt(app, req.userId, orderId)
  })
}
