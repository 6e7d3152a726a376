import { z } from 'zod'
import type { FastifyInstance } from 'fastify'
import { PLAN_STATUSES } from '../../../src/domain/plans'
import { idParams, idText, pageQuery, parse } from '../../lib/validate'
import { adminOf } from '../staff'

// Shapes only; the ranges are checkPlanOffer's (src/domain/plans.ts), which names the field.
const OfferBody = z.object({
  enabled: z.boolean(),
  intervals: z.array(z.string()).max(10),
  options: z.array(z.object({ deliveries: z.number().int(), percentOff: z.number().int() })).max(20),
  cutoffHours: z.number().int(),
})
const SettingsBody = z.object({ holidays: z.array(z.string().max(20)).max(1000) })
const ListQuery = z.object({ status: z.enum(PLAN_STATUSES).optional(), ...pageQuery })
const DateQuery = z.object({ date: z.string({ error: '请选择日期' }).max(10) })
const DeliveryParams = z.object({ id: idText, n: idText })
const ShipBody = z.object({ carrier: z.string({ error: '请填写快递公司' }).trim(), trackingNo: z.string({ error: '请填写快递单号' }).trim() })

/** The console's periodic purchase (inside the admin scope, which checks the caller and the permission). */
export async function planAdminRoutes(app: FastifyInstance): Promise<void> {
  const read = { config: { permission: 'plans:read' as const } }
  const write = { config: { permission: 'plans:write' as const } }

  app.get('/admin/products/:id/plan', read, async (req) => app.plans.admin.offer(parse(idParams, req.params).id))
  app.put('/admin/products/:id/plan', write, async (req) => {
    const b = parse(OfferBody, req.body)
    return app.plans.admin.saveOffer(adminOf(req), { productId: parse(idParams, req.params).id, ...b, intervals: b.intervals as never })
  })
  app.get('/admin/plan-settings', read, async () => app.plans.admin.settings())
  app.put('/admin/plan-settings', write, async (req) => app.plans.admin.saveSettings(adminOf(req), parse(SettingsBody, req.body)))
  app.get('/admin/plans', read, async (req) => {
    const q = parse(ListQuery, req.query)
    return app.plans.admin.list({ status: q.status, page: q.page ?? 1, pageSize: q.pageSize ?? 20 })
  })
  app.get('/admin/plan-deliveries', read, async (req) => app.plans.admin.deliveriesOn(parse(DateQuery, req.query).date))
  app.post('/admin/plans/:id/deliveries/:n/ship', write, async (req) => {
    const p = parse(DeliveryParams, req.params)
    return app.plans.admin.ship(adminOf(req), p.id, p.n, parse(ShipBody, req.body))
  })
}
