import type { FastifyInstance } from 'fastify'
import { idParams, parse } from '../../lib/validate'
import { adminOf } from '../staff'
import { MallItemBody, PageQuery } from './schemas'

/** The console's points mall (inside the admin scope, which checks the caller and the permission). */
export async function mallAdminRoutes(app: FastifyInstance): Promise<void> {
  const read = { config: { permission: 'marketing:read' as const } }
  const write = { config: { permission: 'marketing:write' as const } }
  const s = () => app.mall

  app.get('/admin/mall-items', read, async () => s().adminItems())
  app.post('/admin/mall-items', write, async (req, reply) => {
    reply.code(201)
    return s().createItem(adminOf(req), parse(MallItemBody, req.body))
  })
  app.put('/admin/mall-items/:id', write, async (req) => s().updateItem(adminOf(req), parse(idParams, req.params).id, parse(MallItemBody, req.body)))
  app.get('/admin/mall-redemptions', read, async (req) => {
    const q = parse(PageQuery, req.query)
    return s().adminRedemptions(q.page ?? 1, q.pageSize ?? 20)
  })
}
