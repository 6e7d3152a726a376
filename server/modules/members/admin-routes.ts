import { z } from 'zod'
import type { FastifyInstance } from 'fastify'
import { badInput, notFound } from '../../lib/errors'
import { idText, parse, text } from '../../lib/validate'
import { userExists } from '../auth'
import { activate, end } from './repository'

const Params = z.object({ userId: idText })
const Body = z.object({
  source: text(30, '来源', { min: 1 }).optional(),
  endsAt: z.iso.datetime({ offset: true, error: 'endsAt 必须是 ISO 时间' }).nullable().optional(),
})

/** Admin: make a user a member (PUT) or end it (DELETE). Registered inside the admin scope. */
export async function memberAdminRoutes(app: FastifyInstance): Promise<void> {
  app.put('/admin/members/:userId', { config: { permission: 'marketing:write' } }, async (req) => {
    const { userId } = parse(Params, req.params)
    const input = parse(Body, req.body ?? {})
    const now = app.now()
    const endsAt = input.endsAt ? new Date(input.endsAt) : null
    if (endsAt && endsAt <= now) throw badInput('endsAt: 会员到期时间必须晚于现在')
    if (!(await userExists(app.db, userId))) throw notFound('用户', 'USER_NOT_FOUND')
    const m = await activate(app.db, userId, { source: input.source ?? 'admin', endsAt, now })
    return m
  })

  app.delete('/admin/members/:userId', { config: { permission: 'marketing:write' } }, async (req) => {
    const { userId } = parse(Params, req.params)
    const m = await end(app.db, userId, app.now())
    if (!m) throw notFound('会员', 'MEMBER_NOT_FOUND')
    return m
  })
}
