import type { FastifyInstance } from 'fastify'
import { REVIEW_PHOTO_BYTES } from '../../../src/domain/reviews'
import { idParams, parse } from '../../lib/validate'
import { shopperPhotoUpload, type ImageStore } from '../catalog'
import { AppendBody, ProductReviewsQuery, ReviewBody } from './schemas'
import type { ReviewService } from './service'

/** Public: a product's reviews with their summary, and its buyer show (买家秀). */
async function productReviewRoutes(app: FastifyInstance, opts: { service: ReviewService }): Promise<void> {
  const s = opts.service
  app.get('/products/:id/reviews', async (req) => {
    const q = parse(ProductReviewsQuery, req.query)
    return s.productPage(parse(idParams, req.params).id, { withPhotos: q.withPhotos ?? false, page: q.page ?? 1, pageSize: q.pageSize ?? 10 })
  })
  app.get('/products/:id/buyer-show', async (req) => s.buyerShow(parse(idParams, req.params).id))
}

/** The shopper's: review a received order's lines, append once, upload the photos. */
async function shopperReviewRoutes(app: FastifyInstance, opts: { service: ReviewService; images: ImageStore }): Promise<void> {
  const s = opts.service
  app.addHook('preHandler', app.authenticate)
  app.get('/orders/:id/reviews', async (req) => ({ items: await s.reviewable(req.userId, parse(idParams, req.params).id) }))
  app.post('/orders/:id/reviews', async (req, reply) => {
    const { id } = parse(idParams, req.params)
    return reply.status(201).send(await s.review(req.userId, id, parse(ReviewBody, req.body)))
  })
  app.post('/reviews/:id/append', async (req) => s.append(req.userId, parse(idParams, req.params).id, parse(AppendBody, req.body)))
  // Photos: like after-sales' (re-encoded without EXIF, random name), recorded as this shopper's.
  await shopperPhotoUpload(app, { url: '/uploads/reviews', maxBytes: REVIEW_PHOTO_BYTES, images: opts.images, record: (userId, url) => s.notePhoto(userId, url) })
}

export async function reviewRoutes(app: FastifyInstance, opts: { service: ReviewService; images: ImageStore }): Promise<void> {
  await app.register(productReviewRoutes, opts)
  await app.register(shopperReviewRoutes, opts)
}
