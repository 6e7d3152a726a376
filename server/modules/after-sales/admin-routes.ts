import type { FastifyInstance } from 'fastify'
import { idParams, parse } from '../../lib/validate'
import { adminOf } from '../staff'
import { AdminQuery, Note, Refuse, Shipment } from './schemas'
import type { AfterSaleService } from './service'

/** The console's after-sales (inside the admin scope, which checks the caller and the permission). */
export async function afterSaleAdminRoutes(app: FastifyInstance): Promise<void> {
  const read = { config: { permission: 'orders:read' as const } }
  const write = { config: { permission: 'aftersales:write' as const } }
  const s = (): AfterSaleService => app.afterSales

  app.get('/admin/after-sales', read, async (req) => {
    const q = parse(AdminQuery, req.query)
    return s().adminList({ status: q.status, type: q.type, orderId: q.orderId, page: q.page ?? 1, pageSize: q.pageSize ?? 20 })
  })
  app.get('/admin/after-sales/:id', read, async (req) => s().adminGet(parse(idParams, req.params).id))
  app.post('/admin/after-sales/:id/approve', write, async (req) => s().approve(adminOf(req), parse(idParams, req.params).id, parse(Note, req.body ?? {}).note))
  app.post('/admin/after-sales/:id/refuse', write, async (req) => s().refuse(adminOf(req), parse(idParams, req.params).id, parse(Refuse, req.body ?? {}).reason))
  app.post('/admin/after-sales/:id/received', write, async (req) => s().received(adminOf(req), parse(idParams, req.params).id, parse(Note, req.body ?? {}).note))
  app.post('/admin/after-sales/:id/resend', write, async (req) => s().resend(adminOf(req), parse(idParams, req.params).id, parse(Shipment, req.body ?? {})))
}
