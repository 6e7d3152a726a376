import { z } from 'zod'
import type { FastifyInstance } from 'fastify'
import { LIMITS } from '../../../src/domain/validation'
import { RENTAL_STATES } from '../../../src/domain/credit'
import { AppError } from '../../lib/errors'
import { id, idParams, pageQuery, parse } from '../../lib/validate'
import { rawNotify } from '../../lib/raw-notify'
import { adminOf, recordAudit } from '../staff'

const RentBody = z.object({
  skuId: id,
  days: z.number({ error: '请选择租期天数' }).int('租期必须是整数天'),
  addressId: id.optional(),
  idempotencyKey: z
    .string({ error: '缺少 idempotencyKey' })
    .min(8, 'idempotencyKey 至少 8 个字符')
    .max(LIMITS.idempotencyKey, `idempotencyKey 最多 ${LIMITS.idempotencyKey} 个字符`)
    .regex(/^[\w.:-]+$/, 'idempotencyKey 只能包含字母、数字和 _ . : -'),
})
const AutoRenew = z.object({ autoRenew: z.boolean({ error: 'autoRenew 必须是 true 或 false' }) })
const Page = z.object(pageQuery)

/** Shopper endpoints (login required, own records only: another user's is a 404). */
export async function creditRoutes(app: FastifyInstance): Promise<void> {
  app.addHook('preHandler', app.authenticate)
  const c = () => app.credit

  app.get('/credit/eligibility', async (req) => ({ payAfterUse: await c().payAfterUse.eligibility(req.userId) }))

  app.post('/rentals', async (req, reply) => {
    const r = await c().rentals.create(req.userId, parse(RentBody, req.body))
    return reply.status(r.created ? 201 : 200).send(r.start)
  })
  app.get('/rentals', async (req) => {
    const q = parse(Page, req.query)
    return c().rentals.list(req.userId, q.page ?? 1, q.pageSize ?? 10)
  })
  app.get('/rentals/:id', async (req) => c().rentals.get(Number(parse(idParams, req.params).id), req.userId))
  app.post('/rentals/:id/confirm', async (req) => c().rentals.reopen(req.userId, Number(parse(idParams, req.params).id)))
  // Pickup is the shop's to confirm (POST /api/admin/rentals/:id/start); the shopper's return is a request the shop confirms.
  app.post('/rentals/:id/start', async () => {
    throw new AppError(403, 'SHOP_CONFIRMS', '取货需由门店确认：请到店出示租赁单号')
  })
  app.post('/rentals/:id/return', async (req) => c().rentals.requestReturn(Number(parse(idParams, req.params).id), req.userId))
  app.post('/rentals/:id/cancel', async (req) => c().rentals.end(Number(parse(idParams, req.params).id), 'cancel', req.userId))

  app.post('/orders/:id/credit', async (req) => c().payAfterUse.start(req.userId, Number(parse(idParams, req.params).id)))

  app.get('/membership', async (req) => c().membership.view(req.userId))
  app.post('/membership/join', async (req) => c().membership.join(req.userId))
  app.post('/membership/auto-renew', async (req) => c().membership.setAutoRenew(req.userId, parse(AutoRenew, req.body).autoRenew))
  app.post('/membership/cancel', async (req) => c().membership.cancel(req.userId))
}

/** The platforms' credit callbacks: body kept as the exact text that arrived (the signature is over it). */
export async function creditNotifyRoutes(app: FastifyInstance): Promise<void> {
  await app.register(async (wechat) => {
    wechat.removeContentTypeParser('application/json')
    wechat.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => done(null, body))
    wechat.post('/credit/notify/wechat', async (req, reply) => {
      const r = await app.credit.handleNotify('wechat', rawNotify(req))
      if (r.accepted) return reply.status(204).send()
      return reply.status(r.outcome === 'bad_signature' ? 401 : 400).send({ code: 'FAIL', message: r.message })
    })
  })
  await app.register(async (alipay) => {
    alipay.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => done(null, body))
    alipay.post('/credit/notify/alipay', async (req, reply) => {
      const r = await app.credit.handleNotify('alipay', rawNotify(req))
      return reply.type('text/plain; charset=utf-8').send(r.accepted ? 'success' : 'fail')
    })
  })
}

const ShopRentalsQuery = z.object({ ...pageQuery, state: z.enum(RENTAL_STATES).optional(), returnRequested: z.enum(['true', 'false']).optional() })
const LedgerQuery = z.object({ kind: z.string().max(20).optional(), ref: z.string().max(64).optional() })

/** Admin: shop-side pickup and return, and the ledger; inside the admin scope (../admin/scope.ts). */
export async function creditAdminRoutes(app: FastifyInstance): Promise<void> {
  app.get('/admin/rentals', { config: { permission: 'orders:read' } }, async (req) => {
    const q = parse(ShopRentalsQuery, req.query)
    return app.credit.rentals.listForShop({ state: q.state, returnRequested: q.returnRequested === 'true' }, q.page ?? 1, q.pageSize ?? 20)
  })
  // Pickup and return run their own transactions (and the platform call): the audit row follows each.
  app.post('/admin/rentals/:id/start', { config: { permission: 'credit:write' } }, async (req) => {
    const id = Number(parse(idParams, req.params).id)
    const r = await app.credit.rentals.start(id)
    await recordAudit(app.db, adminOf(req), { action: 'rental.start', entity: 'rental', entityId: id, after: { state: r.state, startedAt: r.startedAt, dueAt: r.dueAt } })
    return r
  })
  app.post('/admin/rentals/:id/return', { config: { permission: 'credit:write' } }, async (req) => {
    const id = Number(parse(idParams, req.params).id)
    const r = await app.credit.rentals.giveBack(id)
    await recordAudit(app.db, adminOf(req), { action: 'rental.return', entity: 'rental', entityId: id, after: { state: r.state, returnedAt: r.returnedAt } })
    return r
  })
  app.get('/admin/credit/ledger', { config: { permission: 'orders:read' } }, async (req) => {
    const q = parse(LedgerQuery, req.query)
    return { items: await app.credit.ledger(q) }
  })
}
