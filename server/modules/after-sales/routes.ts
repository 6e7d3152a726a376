import crypto from 'node:crypto'
import multipart from '@fastify/multipart'
import type { FastifyInstance } from 'fastify'
import { AFTER_SALE_LIMITS } from '../../../src/domain/after-sales'
import { AppError } from '../../lib/errors'
import { idParams, parse } from '../../lib/validate'
import { imageUploadLimits, processImage, readImageUpload, type ImageStore } from '../catalog'
import { MineQuery, RequestBody, Shipment } from './schemas'
import type { AfterSaleService } from './service'

const MIME = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' } as const
const EXT = { jpeg: 'jpg', png: 'png', webp: 'webp' } as const
const badPhotoType = () => new AppError(415, 'BAD_IMAGE_TYPE', '只能上传 JPEG、PNG 或 WebP 图片')
const photoTooLarge = () => new AppError(413, 'FILE_TOO_LARGE', `图片不能超过 ${AFTER_SALE_LIMITS.photoBytes / 1024 / 1024} MB`)

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

  // Photos: multipart in a scope of its own (one file, photoBytes at most), checked by content
  // (first bytes, then sharp decodes it), re-encoded without EXIF (GPS, camera), stored under a
  // random name and recorded as this shopper's: a request may only name photos issued here.
  await app.register(async (upload) => {
    await upload.register(multipart, { limits: imageUploadLimits(AFTER_SALE_LIMITS.photoBytes) })
    upload.post('/uploads/after-sales', async (req, reply) => {
      const buf = await readImageUpload(req, photoTooLarge)
      let img: Awaited<ReturnType<typeof processImage>>
      try {
        img = await processImage(buf)
      } catch (err) {
        if (err instanceof AppError && err.statusCode === 415) throw badPhotoType()
        throw err
      }
      if (img.kind === 'gif') throw badPhotoType()
      const url = await opts.images.put(`${crypto.randomBytes(16).toString('hex')}.${EXT[img.kind]}`, img.main, MIME[img.kind])
      await s.notePhoto(req.userId, url)
      return reply.status(201).send({ url })
    })
  })
}
