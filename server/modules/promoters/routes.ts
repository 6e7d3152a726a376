import type { FastifyInstance } from 'fastify'
import { parse } from '../../lib/validate'
import { CommissionQuery, PageQuery } from './schemas'

/** The shopper's side: apply, and the promoter centre's figures and lists. */
export async function promoterRoutes(app: FastifyInstance): Promise<void> {
  app.addHook('preHandler', app.authenticate)
  const s = () => app.promoters

  app.post('/promoters/apply', async (req) => s().apply(req.userId))
  app.get('/promoters/me', async (req) => s().me(req.userId))
  app.get('/promoters/me/commissions', async (req) => {
    const q = parse(CommissionQuery, req.query)
    return s().myCommissions(req.userId, { state: q.state, page: q.page ?? 1, pageSize: q.pageSize ?? 20 })
  })
  app.get('/promoters/me/customers', async (req) => {
    const q = parse(PageQuery, req.query)
    return s().myCustomers(req.userId, q.page ?? 1, q.pageSize ?? 20)
  })
  app.get('/promoters/me/recruits', async (req) => s().myRecruits(req.userId))
}
