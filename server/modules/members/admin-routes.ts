import { z } from 'zod'
import type { FastifyInstance } from 'fastify'
import { idText, pageQuery, parse, text } from '../../lib/validate'
import { adminOf } from '../staff'
import { endMember, putMember } from './admin'
import { listMembers } from './repository'

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

  app.put('/admin/members/:userId', { config: { permission: 'marketing:write' } }, async (req) => {
    const { userId } = parse(Params, req.params)
    const input = parse(Body, req.body ?? {})
    return putMember(app.db, adminOf(req), userId, { source: input.source, endsAt: input.endsAt ? new Date(input.endsAt) : null }, app.now())
  })

  app.delete('/admin/members/:userId', { config: { permission: 'marketing:write' } }, async (req) => {
    const { userId } = parse(Params, req.params)
    return endMember(app.db, adminOf(req), userId, app.now())
  })
}
