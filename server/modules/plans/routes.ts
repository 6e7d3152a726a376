import { z } from 'zod'
import type { FastifyInstance } from 'fastify'
import { PLAN_INTERVALS } from '../../../src/domain/plans'
import { id, idParams, idText, parse } from '../../lib/validate'

// Shapes only: the offer's rules (interval, deliveries, first date) are the service's, which names the field.
const Terms = {
  skuId: id,
  deliveries: z.number({ error: 'deliveries 必须是整数' }).int().min(1).max(52),
  interval: z.enum(PLAN_INTERVALS, { error: `interval 只能是 ${PLAN_INTERVALS.join('、')}` }),
  firstDate: z.string({ error: '请选择首次配送日期' }).max(10),
  quantity: z.number().int().min(1).max(99).optional(),
}
const PreviewBody = z.object(Terms)
const CreateBody = z.object({ ...Terms, addressId: id, idempotencyKey: z.string().min(1).max(64) })
const DeliveryParams = z.object({ id: idText, n: idText })
const AddressBody = z.object({ addressId: id })
const PostponeBody = z.object({ date: z.string({ error: '请选择顺延到的日期' }).max(10) })
const OffersQuery = z.object({ productId: idText })

/** Periodic purchase (周期购) for shoppers: a product's offer (public), the quote, buying, 我的周期购, skip, postpone, address, cancel. */
export async function planRoutes(app: FastifyInstance): Promise<void> {
  app.get('/products/:id/plan', async (req) => app.plans.offer(parse(idParams, req.params).id))
  // The product page asks this of every product: most have no offer, which is an empty list, not a 404.
  app.get('/plan-offers', async (req) => app.plans.offers(parse(OffersQuery, req.query).productId))
  app.post('/plans/preview', async (req) => app.plans.preview(parse(PreviewBody, req.body)))
  app.post('/plans', { preHandler: app.authenticate }, async (req, reply) => {
    reply.code(201)
    return app.plans.create(req.userId, parse(CreateBody, req.body))
  })
  app.get('/plans', { preHandler: app.authenticate }, async (req) => app.plans.mine(req.userId))
  app.get('/plans/:id', { preHandler: app.authenticate }, async (req) => app.plans.view(req.userId, parse(idParams, req.params).id))
  app.post('/plans/:id/deliveries/:n/skip', { preHandler: app.authenticate }, async (req) => {
    const p = parse(DeliveryParams, req.params)
    return app.plans.skip(req.userId, p.id, p.n)
  })
  app.post('/plans/:id/deliveries/:n/postpone', { preHandler: app.authenticate }, async (req) => {
    const p = parse(DeliveryParams, req.params)
    return app.plans.postpone(req.userId, p.id, p.n, parse(PostponeBody, req.body).date)
  })
  app.post('/plans/:id/address', { preHandler: app.authenticate }, async (req) => app.plans.changeAddress(req.userId, parse(idParams, req.params).id, parse(AddressBody, req.body).addressId))
  app.post('/plans/:id/cancel', { preHandler: app.authenticate }, async (req) => app.plans.cancel(req.userId, parse(idParams, req.params).id))
}
