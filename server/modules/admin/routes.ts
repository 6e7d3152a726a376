import crypto from 'node:crypto'
import { z } from 'zod'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { OrderStatus } from '../../../src/domain/order-state'
import { LIMITS } from '../../../src/domain/validation'
import { unauthorized } from '../../lib/errors'
import { idParams, parse, text } from '../../lib/validate'
import { bearerToken } from '../../plugins/auth'
import { listOrders } from '../orders/repository'
import { StatusQuery } from '../orders/routes'

const Ship = z.object({
  carrier: text(LIMITS.carrier, '快递公司', { min: 1 }),
  trackingNo: text(LIMITS.trackingNo, '快递单号', { min: 1 }).refine((s) => /^[A-Za-z0-9-]+$/.test(s), '快递单号只能包含字母、数字和 -'),
})

/** Constant-time: the comparison time must not tell an attacker how much of the token was right. */
function sameToken(given: string, expected: string): boolean {
  const a = crypto.createHash('sha256').update(given).digest()
  const b = crypto.createHash('sha256').update(expected).digest()
  return crypto.timingSafeEqual(a, b)
}

/** Registered only when ADMIN_TOKEN is set: without it, /api/admin/* doesn't exist (404). */
export async function adminRoutes(app: FastifyInstance, opts: { token: string }): Promise<void> {
  app.addHook('preHandler', async (req: FastifyRequest) => {
    const token = bearerToken(req)
    if (!token || !sameToken(token, opts.token)) throw unauthorized('需要管理员令牌', 'ADMIN_ONLY')
  })

  app.get('/admin/orders', async (req) => {
    const q = parse(StatusQuery, req.query)
    return listOrders(app.db, { status: q.status as OrderStatus | undefined, page: q.page ?? 1, pageSize: q.pageSize ?? 20 })
  })

  app.post('/admin/orders/:id/ship', async (req) => {
    const { id } = parse(idParams, req.params)
    const input = parse(Ship, req.body)
    return app.orders.apply(id, 'ship', 'admin', { tracking: { carrier: input.carrier, number: input.trackingNo }, note: `${input.carrier} ${input.trackingNo}` })
  })
}
