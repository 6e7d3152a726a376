import { z } from 'zod'
import type { FastifyInstance } from 'fastify'
import { idParams, pageQuery, parse } from '../../lib/validate'
import { createCouponBatch, createPromotion, endCouponBatch, endPromotion, listCouponBatches, listPromotions } from './admin'
import { CouponBatchInput, PromotionInput } from './schemas'

const ListQuery = z.object(pageQuery)

/** Promotions and coupon batches; inside the admin scope (../admin/scope.ts). */
export async function promotionAdminRoutes(app: FastifyInstance): Promise<void> {
  // Every change drops this server's copy of the live promotions: prices follow at once.
  const changed = () => {
    app.promotions.clear()
    app.catalogCache.clear()
  }

  app.post('/admin/promotions', { config: { permission: 'marketing:write' } }, async (req, reply) => {
    const input = parse(PromotionInput, req.body)
    const p = await createPromotion(app.db, input, app.now())
    changed()
    return reply.status(201).send(p)
  })

  app.get('/admin/promotions', { config: { permission: 'marketing:read' } }, async (req) => {
    const q = parse(ListQuery, req.query)
    return listPromotions(app.db, q.page ?? 1, q.pageSize ?? 20, app.now())
  })

  app.post('/admin/promotions/:id/end', { config: { permission: 'marketing:write' } }, async (req) => {
    const { id } = parse(idParams, req.params)
    const p = await endPromotion(app.db, id, app.now())
    changed()
    return p
  })

  app.post('/admin/coupon-batches', { config: { permission: 'marketing:write' } }, async (req, reply) => {
    const input = parse(CouponBatchInput, req.body)
    const b = await createCouponBatch(app.db, input, app.now())
    return reply.status(201).send(b)
  })

  app.get('/admin/coupon-batches', { config: { permission: 'marketing:read' } }, async (req) => {
    const q = parse(ListQuery, req.query)
    return listCouponBatches(app.db, q.page ?? 1, q.pageSize ?? 20)
  })

  app.post('/admin/coupon-batches/:id/end', { config: { permission: 'marketing:write' } }, async (req) => {
    const { id } = parse(idParams, req.params)
    return endCouponBatch(app.db, id, app.now())
  })

}
