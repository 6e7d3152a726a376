import { z } from 'zod'
import type { FastifyInstance } from 'fastify'
import { badInput, notFound } from '../../lib/errors'
import { idText, pageQuery, parse, text } from '../../lib/validate'
import { userExists } from '../auth'
import { adminOf, recordAudit } from '../staff'
import { activate, end, listMembers } from './repository'

const Params = z.object({ userId: idText })
const Body = z.object({
  source: text(30, '来源', { min: 1 }).optional(),
  endsAt: z.iso.datetime({ offset: true, error: 'endsAt 必须是 ISO 时间' }).nullable().optional(),
})
const ListQuery = z.object(pageQuery)

/** Admin: list members, make a user a member (PUT) or end it (DELETE). Registered inside the admin scope. */
export async function memberAdminRoutes(app: FastifyInstance): Promise<void> {
  app.get('/admin/members', { config: { permission: 'marketing:read' } }, async (req) => {
    const q = parse(ListQuery, req.query)
    return listMembers(app.db, q.page ?? 1, q.pageSize ?? 20)
  })

  // Each change and its audit row in one transaction.
  app.put('/admin/members/:userId', { config: { permission: 'marketing:write' } }, async (req) => {
    const { userId } = parse(Params, req.params)
    const input = parse(Body, req.body ?? {})
    const now = app.now()
    const endsAt = input.endsAt ? new Date(input.endsAt) : null
    if (endsAt && endsAt <= now) throw badInput('endsAt: 会员到期时间必须晚于现在')
    if (!(await userExists(app.db, userId))) throw notFound('用户', 'USER_NOT_FOUND')
    return app.db.tx(async (q) => {
      const m = await activate(q, userId, { source: input.source ?? 'admin', endsAt, now })
      await recordAudit(q, adminOf(req), { action: 'member.put', entity: 'member', entityId: userId, after: m })
      return m
    })
  })

  app.delete('/admin/members/:userId', { config: { permission: 'marketing:write' } }, async (req) => {
    const { userId } = parse(Params, req.params)
    return app.db.tx(async (q) => {
      const m = await end(q, userId, app.now())
      if (!m) throw notFound('会员', 'MEMBER_NOT_FOUND')
      await recordAudit(q, adminOf(req), { action: 'member.delete', entity: 'member', entityId: userId, after: m })
      return m
    })
  })
}
