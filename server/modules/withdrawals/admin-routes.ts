import type { FastifyInstance } from 'fastify'
import { idParams, parse } from '../../lib/validate'
import { adminOf } from '../staff'
import { AdminQuery, RejectBody } from './schemas'

/** The console's withdrawals (inside the admin scope, which checks the caller and the permission). */
export async function withdrawalAdminRoutes(app: FastifyInstance): Promise<void> {
  const read = { config: { permission: 'promoters:read' as const } }
  const review = { config: { permission: 'withdrawals:review' as const } }

  app.get('/admin/withdrawals', read, async (req) => {
    const q = parse(AdminQuery, req.query)
    return app.withdrawals.adminList({ status: q.status, page: q.page ?? 1, pageSize: q.pageSize ?? 20 })
  })
  app.post('/admin/withdrawals/:id/approve', review, async (req) => app.withdrawals.approve(adminOf(req), parse(idParams, req.params).id))
  app.post('/admin/withdrawals/:id/reject', review, async (req) => app.withdrawals.reject(adminOf(req), parse(idParams, req.params).id, parse(RejectBody, req.body ?? {}).reason))
}
