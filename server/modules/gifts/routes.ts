import { z } from 'zod'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { id, parse } from '../../lib/validate'
import { bearerToken } from '../../plugins/auth'

// The code's format is the service's check (a bad one is 404 GIFT_NOT_FOUND, like an unknown one).
const CodeParams = z.object({ code: z.string().max(64) })
const ClaimBody = z.object({ addressId: id })
const RoleQuery = z.object({ role: z.enum(['sent', 'received'], { error: 'role 只能是 sent 或 received' }).default('sent') })

/**
 * The gift card (送礼): anyone holding the link may look at it (signed in or not), a signed-in
 * shopper claims a share with one of their addresses, and 我的礼物 lists what they sent and got.
 */
export async function giftRoutes(app: FastifyInstance): Promise<void> {
  /** Signed in when a token comes with the request (a bad one is still a 401); anonymous otherwise. */
  const viewer = async (req: FastifyRequest): Promise<number | null> => {
    if (!bearerToken(req)) return null
    await app.authenticate(req)
    return req.userId
  }

  app.get('/gifts', { preHandler: app.authenticate }, async (req) => app.gifts.mine(req.userId, parse(RoleQuery, req.query).role))

  app.get('/gifts/:code', async (req) => app.gifts.view(parse(CodeParams, req.params).code, await viewer(req)))

  app.post('/gifts/:code/claim', { preHandler: app.authenticate }, async (req) => {
    const { code } = parse(CodeParams, req.params)
    return app.gifts.claim(code, req.userId, parse(ClaimBody, req.body).addressId)
  })
}
