import multipart from '@fastify/multipart'
import type { FastifyInstance } from 'fastify'
import { idParams, parse } from '../../lib/validate'
import { adminOf } from '../staff'
import { catalogAdmin } from './admin'
import * as S from './admin-schemas'
import { fileTooLarge, imageUploadLimits, MAX_IMAGE_BYTES, readImageUpload, uploadImage, type ImageStore } from './images'


/** The catalog editor (docs/admin-api.md, Catalog); inside the admin scope (../admin/scope.ts), which checks the caller. */
export async function catalogAdminRoutes(app: FastifyInstance, opts: { images: ImageStore }): Promise<void> {
  const catalog = catalogAdmin({
    db: app.db,
    now: app.now,
    inventory: app.inventory,
    rentalTerms: app.credit.productTerms,
    // Shoppers see a change on their next request; promotions read categories and prices too.
    onChange: () => {
      app.catalogCache.clear()
      app.promotions.clear()
    },
  })
  const read = { config: { permission: 'catalog:read' as const } }
  const write = { config: { permission: 'catalog:write' as const } }

  app.get('/admin/categories', read, async () => ({ items: await catalog.listCategories() }))
  app.post('/admin/categories', write, async (req, reply) => reply.status(201).send(await catalog.createCategory(adminOf(req), parse(S.CategoryInput, req.body))))
  app.patch('/admin/categories/:id', write, async (req) => catalog.patchCategory(adminOf(req), parse(idParams, req.params).id, parse(S.CategoryPatch, req.body)))
  app.delete('/admin/categories/:id', write, async (req, reply) => {
    await catalog.deleteCategory(adminOf(req), parse(idParams, req.params).id)
    return reply.status(204).send()
  })

  app.get('/admin/products', read, async (req) => {
    const q = parse(S.AdminProductQuery, req.query)
    return catalog.listProducts({ q: q.q || undefined, categoryId: q.categoryId, onShelf: q.onShelf, page: q.page ?? 1, pageSize: q.pageSize ?? 20 })
  })
  app.get('/admin/products/:id', read, async (req) => catalog.getProduct(parse(idParams, req.params).id))
  app.post('/admin/products', write, async (req, reply) => reply.status(201).send(await catalog.createProduct(adminOf(req), parse(S.ProductInput, req.body))))
  app.patch('/admin/products/:id', write, async (req) => catalog.patchProduct(adminOf(req), parse(idParams, req.params).id, parse(S.ProductPatch, req.body)))
  app.post('/admin/products/:id/shelf', write, async (req) => catalog.setShelf(adminOf(req), parse(idParams, req.params).id, parse(S.ShelfInput, req.body).onShelf))

  app.post('/admin/skus/:id/stock', write, async (req) => {
    const { delta, reason } = parse(S.StockInput, req.body)
    return catalog.adjustStock(adminOf(req), parse(idParams, req.params).id, delta, reason)
  })
  app.get('/admin/skus/:id/movements', read, async (req) => {
    const q = parse(S.PageQuery, req.query)
    return catalog.skuMovements(parse(idParams, req.params).id, q.page ?? 1, q.pageSize ?? 20)
  })

  app.get('/admin/banners', read, async () => ({ items: await catalog.listBanners() }))
  app.post('/admin/banners', write, async (req, reply) => reply.status(201).send(await catalog.createBanner(adminOf(req), parse(S.BannerInput, req.body))))
  app.patch('/admin/banners/:id', write, async (req) => catalog.patchBanner(adminOf(req), parse(idParams, req.params).id, parse(S.BannerPatch, req.body)))
  app.delete('/admin/banners/:id', write, async (req, reply) => {
    await catalog.deleteBanner(adminOf(req), parse(idParams, req.params).id)
    return reply.status(204).send()
  })

  // Multipart only here, in a scope of its own: no other route accepts form uploads. One file,
  // no more than 5 MB, a couple of small fields; the bytes are checked by content, not name.
  await app.register(async (upload) => {
    await upload.register(multipart, { limits: imageUploadLimits(MAX_IMAGE_BYTES) })
    upload.post('/admin/images', write, async (req, reply) => {
      const buf = await readImageUpload(req, fileTooLarge)
      return reply.status(201).send(await uploadImage(opts.images, app.db, adminOf(req), buf))
    })
  })
}
