import type { FastifyInstance, FastifyRequest } from 'fastify'
import { parse } from '../../lib/validate'
import { bearerToken } from '../../plugins/auth'
import type { MallService } from './service'
import { RedeemBody } from './schemas'

/** The points mall (积分商城): anyone sees the items (a signed-in viewer also their own count); redeeming needs a session. */
export async function mallRoutes(app: FastifyInstance, opts: { service: MallService }): Promise<void> {
  const s = opts.service
  const viewer = async (req: FastifyRequest): Promise<number | null> => {
    if (!bearerToken(req)) return null
    await app.authenticate(req)
    return req.userId
  }

  app.get('/mall/items', async (req) => ({ items: await s.items(await viewer(req)) }))

  app.post('/points/redeem', { preHandler: app.authenticate }, async (req, reply) => {
    reply.code(201)
    return s.redeem(req.userId, parse(RedeemBody, req.body))
  })
}
