import { z } from 'zod'
import type { FastifyInstance } from 'fastify'
import { parse } from '../../lib/validate'
import { dashboard, DASHBOARD_RANGES } from './service'

const DashboardQuery = z.object({
  range: z.enum(DASHBOARD_RANGES, { error: 'range 只能是 today、7d、30d' }).optional(),
  lowStock: z
    .string()
    .regex(/^\d{1,5}$/, '库存预警值必须是 0 到 99999 的整数')
    .transform(Number)
    .optional(),
})

/** The dashboard; inside the admin scope (../admin/scope.ts). */
export async function reportAdminRoutes(app: FastifyInstance): Promise<void> {
  app.get('/admin/dashboard', { config: { permission: 'dashboard:read' } }, async (req) => {
    const q = parse(DashboardQuery, req.query)
    return dashboard(app.db, { range: q.range ?? 'today', lowStock: q.lowStock ?? 5, now: app.now() })
  })
}
