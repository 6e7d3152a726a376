import { z } from 'zod'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { id, idParams, parse } from '../../lib/validate'
import { bearerToken } from '../../plugins/auth'

const Key = z.string().min(1).max(64)
const CreateBody = z.object({ promotionId: id, skuId: id, addressId: id, idempotencyKey: Key })
const JoinBody = z.object({ skuId: id, addressId: id, idempotencyKey: Key })
const DealsQuery = z.object({ productId: z.string().regex(/^\d{1,9}$/, 'productId 必须是正整数').transform(Number).optional() })

/**
 * Group buying (拼团) for shoppers: live deals and a product's open groups (public), starting
 * and joining a group (an ordinary unpaid order at the group price), a group's page (public,
 * with the viewer's own seat when signed in), 我的拼团 and the share card.
 */
export async function groupRoutes(app: FastifyInstance): Promise<void> {
  /** Signed in when a token comes with the request (a bad one is still a 401); anonymous otherwise. */
  const viewer = async (req: FastifyRequest): Promise<number | null> => {
    if (!bearerToken(req)) return null
    await app.authenticate(req)
    return req.userId
  }

  app.get('/group-deals', async (req) => app.groups.deals(parse(DealsQuery, req.query).productId))
  app.get('/products/:id/groups', async (req) => app.groups.openOf(parse(idParams, req.params).id))
  // Before /groups/:id, so "mine" is never read as an id.
  app.get('/groups/mine', { preHandler: app.authenticate }, async (req) => app.groups.mine(req.userId))
  app.get('/groups/:id', async (req) => app.groups.view(parse(idParams, req.params).id, await viewer(req)))
  app.get('/groups/:id/share', { preHandler: app.authenticate }, async (req) => app.groups.share(parse(idParams, req.params).id, req.userId))

  app.post('/groups', { preHandler: app.authenticate }, async (req, reply) => {
    reply.code(201)
    return app.groups.create(req.userId, parse(CreateBody, req.body))
  })
  app.post('/groups/:id/join', { preHandler: app.authenticate }, async (req, reply) => {
    const groupId = parse(idParams, req.params).id
    reply.code(201)
    return app.groups.join(req.userId, groupId, parse(JoinBody, req.body))
  })
}
