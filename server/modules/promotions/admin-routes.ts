import { z } from 'zod'
import type { FastifyInstance } from 'fastify'
import { idParams, pageQuery, parse } from '../../lib/validate'
import { adminOf, recordAudit } from '../staff'
import { createCouponBatch, createPromotion, endCouponBatch, endPromotion, listCouponBatches, listPromotions } from './admin'
import { CouponBatchInput, PromotionInput } from './schemas'

const ListQuery = z.object(pageQuery)
const NO_USAGE = { orders: 0, units: 0, discount: 0 }

/** Promotions and coupon batches; inside the admin scope (../admin/scope.ts). */
export async function promotionAdminRoutes(app: FastifyInstance): Promise<void> {
  // Every change drops this server's copy of the live promotions: prices follow at once.
  const changed = () => {
    app.promotions.clear()
    app.catalogCache.clear()
  }

  // createPromotion runs its own transaction (offer rows with it): the audit row follows its commit.
  app.post('/admin/promotions', { config: { permission: 'marketing:write' } }, async (req, reply) => {
    const input = parse(PromotionInput, req.body)
    const p = await createPromotion(app.db, input, app.now())
    changed()
    await recordAudit(app.db, adminOf(req), { action: 'promotion.create', entity: 'promotion', entityId: p.id, after: { kind: p.kind, name: p.name, startsAt: p.startsAt, endsAt: p.endsAt } })
    return reply.status(201).send({ ...p, usage: NO_USAGE })
  })

  app.get('/admin/promotions', { config: { permission: 'marketing:read' } }, async (req) => {
    const q = parse(ListQuery, req.query)
    const list = await listPromotions(app.db, q.page ?? 1, q.pageSize ?? 20, app.now())
    // Usage on paid orders is the orders module's to count (it reads their stored breakdowns).
    const usage = await app.orders.promotionUsage(list.items.map((p) => p.id))
    return { ...list, items: list.items.map((p) => ({ ...p, usage: usage.get(p.id) ?? NO_USAGE })) }
  })

  // The change and its audit row in one transaction.
  app.post('/admin/promotions/:id/end', { config: { permission: 'marketing:write' } }, async (req) => {
    const { id } = parse(idParams, req.params)
    const p = await app.db.tx(async (q) => {
      const ended = await endPromotion(q, id, app.now())
      await recordAudit(q, adminOf(req), { action: 'promotion.end', entity: 'promotion', entityId: id, after: { status: ended.status, endedAt: ended.endedAt } })
      return ended
    })
    changed()
    return { ...p, usage: (await app.orders.promotionUsage([id])).get(id) ?? NO_USAGE }
  })

  app.post('/admin/coupon-batches', { config: { permission: 'marketing:write' } }, async (req, reply) => {
    const input = parse(CouponBatchInput, req.body)
    const b = await app.db.tx(async (q) => {
      const made = await createCouponBatch(q, input, app.now())
      await recordAudit(q, adminOf(req), { action: 'coupon_batch.create', entity: 'coupon_batch', entityId: made.id, after: { title: made.title, type: made.type, value: made.value, total: made.total } })
      return made
    })
    return reply.status(201).send(b)
  })

  app.get('/admin/coupon-batches', { config: { permission: 'marketing:read' } }, async (req) => {
    const q = parse(ListQuery, req.query)
    return listCouponBatches(app.db, q.page ?? 1, q.pageSize ?? 20)
  })

  app.post('/admin/coupon-batches/:id/end', { config: { permission: 'marketing:write' } }, async (req) => {
    const { id } = parse(idParams, req.params)
    return app.db.tx(async (q) => {
      const b = await endCouponBatch(q, id, app.now())
      await recordAudit(q, adminOf(req), { action: 'coupon_batch.end', entity: 'coupon_batch', entityId: id, after: { endedAt: b.endedAt, claimed: b.claimed, used: b.used } })
      return b
    })
  })
}
