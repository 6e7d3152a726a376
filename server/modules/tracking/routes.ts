import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { OrderTracking } from '../../../src/domain/shipping'
import { idParams, parse } from '../../lib/validate'
import type { RawNotify } from '../../platforms/types'
import { adminOf } from '../staff'

/** GET /api/orders/:id/tracking: the shopper's own orders only (someone else's is a 404). */
export async function trackingRoutes(app: FastifyInstance): Promise<void> {
  app.addHook('preHandler', app.authenticate)
  app.get('/orders/:id/tracking', async (req): Promise<OrderTracking> => app.tracking.forOrder(parse(idParams, req.params).id, req.userId))
}

/**
 * Kuaidi100's push (or the sandbox's, signed the same way): form-encoded param + sign, kept as
 * the exact text that arrived. A bad signature is answered 400 {result:false} and changes
 * nothing; a good one {"result":true,"returnCode":"200","message":"成功"}, also for a parcel we
 * don't know (Kuaidi100 would otherwise push it again and again).
 */
export async function trackingNotifyRoutes(app: FastifyInstance): Promise<void> {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => done(null, body))
  app.post('/tracking/notify/kuaidi100', async (req: FastifyRequest, reply) => {
    const raw: RawNotify = { headers: { 'content-type': req.headers['content-type'] }, body: typeof req.body === 'string' ? req.body : '' }
    const r = await app.tracking.handlePush(raw)
    if (!r.accepted) req.log.warn({ outcome: r.outcome }, 'tracking push refused')
    const answer = app.tracking.pushAnswer(r)
    return reply.status(answer.status).send(answer.body)
  })
}

/** The console: the same trace as the shopper's, and a refresh that asks the provider now. */
export async function trackingAdminRoutes(app: FastifyInstance): Promise<void> {
  app.get('/admin/orders/:id/tracking', { config: { permission: 'orders:read' } }, async (req): Promise<OrderTracking> => app.tracking.forOrder(parse(idParams, req.params).id))
  app.post('/admin/orders/:id/tracking/refresh', { config: { permission: 'orders:write' } }, async (req): Promise<OrderTracking> =>
    app.tracking.refresh(parse(idParams, req.params).id, adminOf(req)),
  )
}
