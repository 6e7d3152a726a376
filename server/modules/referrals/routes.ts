import { z } from 'zod'
import type { FastifyInstance } from 'fastify'
import { parse } from '../../lib/validate'
import type { ReferralService } from './service'

// The code's format is the service's check (a bad one is {accepted: false}, like an unknown one).
const AcceptBody = z.object({ code: z.string({ error: 'code 必须是文字' }).max(64, 'code 过长') })

/** Referral (老带新): the shopper's invite link and friends; the app accepts the link's code right after login. */
export async function referralRoutes(app: FastifyInstance, opts: { service: ReferralService }): Promise<void> {
  const s = opts.service
  app.addHook('preHandler', app.authenticate)
  app.get('/referrals/me', async (req) => s.me(req.userId))
  app.post('/referrals/accept', async (req) => s.accept(req.userId, parse(AcceptBody, req.body).code))
}
