import { z } from 'zod'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { unauthorized } from '../../lib/errors'
import { idParams, pageQuery, parse } from '../../lib/validate'
import { bearerToken } from '../../plugins/auth'
import { sameToken } from '../admin/routes'
import { memberAdminRoutes } from '../members/admin-routes'
import { createCouponBatch, createPromotion, endCouponBatch, endPromotion, listCouponBatches, listPromotions } from './admin'
import { CouponBatchInput, PromotionInput } from './schemas'

const ListQuery = z.object(pageQuery)

/** Registered only with ADMIN_TOKEN, behind the same token check as /api/admin. */
export async function promotionAdminRoutes(app: FastifyInstance, opts: { token: string }): Promise<void> {
  app.addHook('preHandler', async (req: FastifyRequest) => {
    const token = bearerToken(req)
    if (!token || !sameToken(token, opts.token)) throw unauthorized('需要管理员令牌', 'ADMIN_ONLY')
  })
  // Every change drops this server's copy of the live promotions: prices follow at once.
  const changed = () => {
    app.promotions.clear()
    app.catalogCache.clear()
  }

  app.post('/admin/promotions', async (req, reply) => {
    const input = parse(PromotionInput, req.body)
    const p = await createPromotion(app.db, input, app.now())
    changed()
    return reply.status(201).send(p)
  })

  app.get('/admin/promotions', async (req) => {
    const q = parse(ListQuery, req.query)
    return listPromotions(app.db, q.page ?? 1, q.pageSize ?? 20, app.now())
  })

  app.post('/admin/promotions/:id/end', async (req) => {
    const { id } = parse(idParams, req.params)
    const p = await endPromotion(app.db, id, app.now())
    changed()
    return p
  })

  app.post('/admin/coupon-batches', async (req, reply) => {
    const input = parse(CouponBatchInput, req.body)
    const b = await createCouponBatch(app.db, input, app.now())
    return reply.status(201).send(b)
  })

  app.get('/admin/coupon-batches', async (req) => {
    const q = parse(ListQuery, req.query)
    return listCouponBatches(app.db, q.page ?? 1, q.pageSize ?? 20)
  })

  app.post('/admin/coupon-batches/:id/end', async (req) => {
    const { id } = parse(idParams, req.params)
    return endCouponBatch(app.db, id, app.now())
  })

  await app.register(memberAdminRoutes)
}
