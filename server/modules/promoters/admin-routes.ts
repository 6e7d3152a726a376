import type { FastifyInstance } from 'fastify'
import { idParams, parse } from '../../lib/validate'
import { adminOf } from '../staff'
import { AdminQuery, CommissionQuery, RatesBody, Reject, SettingsBody } from './schemas'

/** The console's promoters (inside the admin scope, which checks the caller and the permission). */
export async function promoterAdminRoutes(app: FastifyInstance): Promise<void> {
  const read = { config: { permission: 'promoters:read' as const } }
  const write = { config: { permission: 'promoters:write' as const } }
  const s = () => app.promoters

  app.get('/admin/promoters/settings', read, async () => s().settings())
  app.put('/admin/promoters/settings', write, async (req) => s().saveSettings(adminOf(req), parse(SettingsBody, req.body)))
  app.get('/admin/products/:id/commission-rates', read, async (req) => s().productRates(parse(idParams, req.params).id))
  app.put('/admin/products/:id/commission-rates', write, async (req) => s().setProductRates(adminOf(req), parse(idParams, req.params).id, parse(RatesBody, req.body)))

  app.get('/admin/promoters', read, async (req) => {
    const q = parse(AdminQuery, req.query)
    return s().adminList({ status: q.status, q: q.q || undefined, page: q.page ?? 1, pageSize: q.pageSize ?? 20 })
  })
  app.post('/admin/promoters/:id/approve', write, async (req) => s().decide(adminOf(req), parse(idParams, req.params).id, 'approve'))
  app.post('/admin/promoters/:id/reject', write, async (req) => s().decide(adminOf(req), parse(idParams, req.params).id, 'reject', parse(Reject, req.body ?? {}).reason))
  app.post('/admin/promoters/:id/disable', write, async (req) => s().decide(adminOf(req), parse(idParams, req.params).id, 'disable'))
  app.get('/admin/promoters/:id/commissions', read, async (req) => {
    const q = parse(CommissionQuery, req.query)
    return s().adminCommissions(parse(idParams, req.params).id, { state: q.state, page: q.page ?? 1, pageSize: q.pageSize ?? 20 })
  })
}
