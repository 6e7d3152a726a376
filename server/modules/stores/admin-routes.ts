import multipart from '@fastify/multipart'
import type { FastifyInstance } from 'fastify'
import { idParams, parse } from '../../lib/validate'
import { fileTooLarge, imageUploadLimits, MAX_IMAGE_BYTES, readImageUpload, uploadImage, type ImageStore } from '../catalog'
import type { CodesService } from '../codes'
import { adminOf } from '../staff'
import { storeAdmin } from './admin'
import { CodeQuery, PageQuery, StockBody, StoreBody } from './schemas'

/** The console's stores (inside the admin scope, which checks the caller and the permission). */
export async function storeAdminRoutes(app: FastifyInstance, opts: { images: ImageStore; codes: CodesService }): Promise<void> {
  const stores = storeAdmin({ db: app.db, now: app.now, inventory: app.inventory, codes: opts.codes })
  const read = { config: { permission: 'stores:read' as const } }
  const write = { config: { permission: 'stores:write' as const } }

  app.get('/admin/stores', read, async () => stores.list())
  app.get('/admin/stores/:id', read, async (req) => stores.get(parse(idParams, req.params).id))
  app.post('/admin/stores', write, async (req, reply) => reply.status(201).send(await stores.create(adminOf(req), parse(StoreBody, req.body))))
  app.put('/admin/stores/:id', write, async (req) => stores.update(adminOf(req), parse(idParams, req.params).id, parse(StoreBody, req.body)))

  app.get('/admin/stores/:id/stock', read, async (req) => {
    const q = parse(PageQuery, req.query)
    return stores.stockPage(parse(idParams, req.params).id, q.page ?? 1, q.pageSize ?? 20)
  })
  app.put('/admin/stores/:id/stock', write, async (req) => {
    const { skuId, stock } = parse(StockBody, req.body)
    return stores.setStock(adminOf(req), parse(idParams, req.params).id, skuId, stock)
  })

  app.get('/admin/stores/:id/code', read, async (req, reply) => {
    const png = await stores.code(parse(idParams, req.params).id, parse(CodeQuery, req.query).platform)
    // Staff print it; a store's code never changes, but the console shouldn't keep a stale one for a day.
    return reply.header('content-type', 'image/png').header('cache-control', 'private, max-age=300').send(png)
  })

  // Store photos: the catalog editor's upload (multipart in a scope of its own, one file ≤ 5 MB,
  // checked by content, re-encoded without EXIF, random names), answered as {url, thumbUrl, width, height}.
  await app.register(async (upload) => {
    await upload.register(multipart, { limits: imageUploadLimits(MAX_IMAGE_BYTES) })
    upload.post('/admin/stores/photos', write, async (req, reply) => {
      const buf = await readImageUpload(req, fileTooLarge)
      return reply.status(201).send(await uploadImage(opts.images, app.db, adminOf(req), buf))
    })
  })
}
