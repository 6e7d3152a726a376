import { z } from 'zod'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { CouponCenterEntry } from '../../../src/domain/contract'
import { idText, pageQuery, parse } from '../../lib/validate'
import { claim, couponCenter, listMine } from './coupons'

const MineQuery = z.object({
  ...pageQuery,
  status: z.enum(['usable', 'used', 'expired'], { error: 'status 只能是 usable、used、expired' }).optional(),
})
const BatchParams = z.object({ batchId: idText })

/** The caller's user id, or null for a guest (a missing or stale token reads as a guest here). */
async function optionalUser(app: FastifyInstance, req: FastifyRequest): Promise<number | null> {
  if (!req.headers.authorization) return null
  try {
    await app.authenticate(req)
    return req.userId
  } catch {
    return null
  }
}

/** The coupon centre (guests may look) and the shopper's own coupons. */
export async function couponRoutes(app: FastifyInstance): Promise<void> {
  app.get('/coupons/center', async (req): Promise<{ items: CouponCenterEntry[] }> => {
    const userId = await optionalUser(app, req)
    const live = await app.promotions.get()
    return { items: await couponCenter(app.db, userId, app.now(), live.categories) }
  })

  app.post('/coupons/center/:batchId/claim', { preHandler: app.authenticate }, async (req, reply) => {
    const { batchId } = parse(BatchParams, req.params)
    const live = await app.promotions.get()
    return reply.status(201).send(await claim(app.db, batchId, req.userId, app.now(), live.categories))
  })

  // Only the caller's own coupons: every query names req.userId.
  app.get('/coupons', { preHandler: app.authenticate }, async (req) => {
    const q = parse(MineQuery, req.query)
    const live = await app.promotions.get()
    return listMine(app.db, { userId: req.userId, status: q.status ?? 'usable', page: q.page ?? 1, pageSize: q.pageSize ?? 20, now: app.now(), categories: live.categories })
  })
}
