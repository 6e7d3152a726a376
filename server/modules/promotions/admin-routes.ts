import { z } from 'zod'
import type { FastifyInstance } from 'fastify'
import { idParams, pageQuery, parse } from '../../lib/validate'
import { adminOf } from '../staff'
import { createCouponBatchByAdmin, createPromotionByAdmin, endCouponBatchByAdmin, endPromotionByAdmin, listCouponBatches, listPromotions } from './admin'
import { CouponBatchInput, PromotionInput } from './schemas'

const ListQuery = z.object(pageQuery)
const NO_USAGE = { orders: 0, units: 0, discount: 0 }

/** Promotions and coupon batches; inside the admin scope (../admin/scope.ts). */
export async function promotionAdminRoutes(app: FastifyInstance): Promise<void> {
  // Every change drops this server's copy of the live promotions: prices follow at once.
  const changed = () => {
    app.promotions.clear()
    app.catalogCache.clear()
  }

  app.post('/admin/promotions', { config: { permission: 'marketing:write' } }, async (req, reply) => {
    const input = parse(PromotionInput, req.body)
    const p = await createPromotionByAdmin(app.db, adminOf(req), input, app.now())
    changed()
    return reply.status(201).send({ ...p, usage: NO_USAGE })
  })

  app.get('/admin/promotions', { config: { permission: 'marketing:read' } }, async (req) => {
    const q = parse(ListQuery, req.query)
    const list = await listPromotions(app.db, q.page ?? 1, q.pageSize ?? 20, app.now())
    // Usage on paid orders is the orders module's to count (it reads their stored breakdowns).
    const usage = await app.orders.promotionUsage(list.items.map((p) => p.id))
    return { ...list, items: list.items.map((p) => ({ ...p, usage: usage.get(p.id) ?? NO_USAGE })) }
  })

  app.post('/admin/promotions/:id/end', { config: { permission: 'marketing:write' } }, async (req) => {
    const { id } = parse(idParams, req.params)
    const p = await endPromotionByAdmin(app.db, adminOf(req), id, app.now())
    changed()
    return { ...p, usage: (await app.orders.promotionUsage([id])).get(id) ?? NO_USAGE }
  })

  app.post('/admin/coupon-batches', { config: { permission: 'marketing:write' } }, async (req, reply) => {
    const input = parse(CouponBatchInput, req.body)
    return reply.status(201).send(await createCouponBatchByAdmin(app.db, adminOf(req), input, app.now()))
  })

  app.get('/admin/coupon-batches', { config: { permission: 'marketing:read' } }, async (req) => {
    const q = parse(ListQuery, req.query)
    return listCouponBatches(app.db, q.page ?? 1, q.pageSize ?? 20)
  })

  app.post('/admin/coupon-batches/:id/end', { config: { permission: 'marketing:write' } }, async (req) => {
    const { id } = parse(idParams, req.params)
    return endCouponBatchByAdmin(app.db, adminOf(req), id, app.now())
  })
}
