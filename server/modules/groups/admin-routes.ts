import { z } from 'zod'
import type { FastifyInstance } from 'fastify'
import { GROUP_STATUSES } from '../../../src/domain/groups'
import { id, idParams, pageQuery, parse } from '../../lib/validate'
import { adminOf } from '../staff'

const Int = z.number().int()
// Shapes only: the rules (ranges, unique SKUs, dates in order) are checkGroupDeal's, which names the field.
const DealBody = z.object({
  name: z.string().max(100),
  productId: id,
  size: Int,
  hours: Int,
  perUserLimit: Int.nullable(),
  robotFill: z.boolean().default(false),
  startsAt: z.string().max(40),
  endsAt: z.string().max(40),
  skus: z.array(z.object({ skuId: id, price: Int, stock: Int })).max(200),
})
const GroupsQuery = z.object({
  status: z.enum(GROUP_STATUSES).optional(),
  dealId: z.string().regex(/^\d{1,9}$/, 'dealId 必须是正整数').transform(Number).optional(),
  ...pageQuery,
})

/** The console's group deals (inside the admin scope, which checks the caller and the permission). */
export async function groupAdminRoutes(app: FastifyInstance): Promise<void> {
  const read = { config: { permission: 'marketing:read' as const } }
  const write = { config: { permission: 'marketing:write' as const } }

  app.get('/admin/group-deals', read, async (req) => {
    const q = parse(z.object(pageQuery), req.query)
    return app.groups.admin.listDeals(q.page ?? 1, q.pageSize ?? 20)
  })
  app.post('/admin/group-deals', write, async (req, reply) => {
    const deal = await app.groups.admin.createDeal(adminOf(req), parse(DealBody, req.body))
    reply.code(201)
    return deal
  })
  app.post('/admin/group-deals/:id/end', write, async (req) => app.groups.admin.endDeal(adminOf(req), parse(idParams, req.params).id))
  app.get('/admin/groups', read, async (req) => {
    const q = parse(GroupsQuery, req.query)
    return app.groups.admin.listGroups({ status: q.status, dealId: q.dealId, page: q.page ?? 1, pageSize: q.pageSize ?? 20 })
  })
}
