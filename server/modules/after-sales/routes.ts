import type { FastifyInstance } from 'fastify'
import { AFTER_SALE_LIMITS } from '../../../src/domain/after-sales'
import { idParams, parse } from '../../lib/validate'
import { shopperPhotoUpload, type ImageStore } from '../catalog'
import { MineQuery, RequestBody, Shipment } from './schemas'
import type { AfterSaleService } from './service'

/** The shopper's after-sales: ask, follow, withdraw, send the goods back; and the photos for a request. */
export async function afterSaleRoutes(app: FastifyInstance, opts: { service: AfterSaleService; images: ImageStore }): Promise<void> {
  const s = opts.service
  app.addHook('preHandler', app.authenticate)

  app.post('/orders/:id/after-sales', async (req, reply) => {
    const { id } = parse(idParams, req.params)
    return reply.status(201).send(await s.request(req.userId, id, parse(RequestBody, req.body)))
  })
  app.get('/orders/:id/after-sales', async (req) => s.forOrder(req.userId, parse(idParams, req.params).id))
  app.get('/after-sales', async (req) => {
    const q = parse(MineQuery, req.query)
    return s.mine(req.userId, q.page ?? 1, q.pageSize ?? 20)
  })
  app.get('/after-sales/:id', async (req) => s.get(req.userId, parse(idParams, req.params).id))
  app.post('/after-sales/:id/withdraw', async (req) => s.withdraw(req.userId, parse(idParams, req.params).id))
  app.post('/after-sales/:id/return-shipment', async (req) => s.shipBack(req.userId, parse(idParams, req.params).id, parse(Shipment, req.body)))

  // Photos: checked by content, re-encoded without EXIF, stored under a random name and recorded
  // as this shopper's (catalog's shopperPhotoUpload): a request may only name photos issued here.
  await shopperPhotoUpload(app, { url: '/uploads/after-sales', maxBytes: AFTER_SALE_LIMITS.photoBytes, images: opts.images, record: (userId, url) => s.notePhoto(userId, url) })
}
