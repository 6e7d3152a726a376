import { z } from 'zod'
import type { FastifyInstance } from 'fastify'
import { PICKUP_STATUSES } from '../../../src/domain/stores'
import { id, idParams, pageQuery, parse } from '../../lib/validate'
import { adminOf } from '../staff'

/** The shopper's pickup code as a QR (GET /api/orders/:id/pickup-qr); the code itself is on the order. */
export async function pickupRoutes(app: FastifyInstance): Promise<void> {
  app.addHook('preHandler', app.authenticate)
  app.get('/orders/:id/pickup-qr', async (req) => app.pickups.qr(req.userId, parse(idParams, req.params).id))
}

const VerifyBody = z.object({
  // Typed or scanned: spaces a scanner or a hand adds are not part of it.
  code: z
    .string({ error: '请输入取货码' })
    .max(32, '取货码是 8 位数字')
    .transform((s) => s.replace(/\s+/g, ''))
    .pipe(z.string().regex(/^\d{8}$/, '取货码是 8 位数字')),
  storeId: id.optional(),
})

const ListQuery = z.object({
  storeId: z.string().regex(/^\d{1,9}$/, 'storeId 必须是正整数').transform(Number).optional(),
  status: z.enum(PICKUP_STATUSES, { error: `status 只能是 ${PICKUP_STATUSES.join('、')}` }).optional(),
  ...pageQuery,
})

const SettingsBody = z.object({
  remindAfterHours: z.number({ error: 'remindAfterHours 必须是整数' }).int('remindAfterHours 必须是整数').min(0, '提醒时间不能为负').max(168, '提醒时间最多 168 小时'),
  refundAfterDays: z.number({ error: 'refundAfterDays 必须是整数' }).int('refundAfterDays 必须是整数').min(1, '自动退款至少 1 天').max(30, '自动退款最多 30 天'),
})

/** The console's pickup desk (核销) and settings, inside the admin scope (which checks the caller and the permission). */
export async function pickupAdminRoutes(app: FastifyInstance): Promise<void> {
  const verify = { config: { permission: 'pickups:verify' as const } }
  const read = { config: { permission: 'stores:read' as const } }
  const write = { config: { permission: 'stores:write' as const } }

  app.post('/admin/pickups/verify', verify, async (req) => app.pickups.verify(parse(VerifyBody, req.body), adminOf(req)))
  app.get('/admin/pickups', verify, async (req) => {
    const q = parse(ListQuery, req.query)
    return app.pickups.list({ storeId: q.storeId, status: q.status, page: q.page ?? 1, pageSize: q.pageSize ?? 20 })
  })
  app.get('/admin/pickup-settings', read, async () => app.pickups.settings())
  app.put('/admin/pickup-settings', write, async (req) => app.pickups.updateSettings(parse(SettingsBody, req.body), adminOf(req)))
}
