import crypto from 'node:crypto'
import multipart from '@fastify/multipart'
import type { FastifyInstance } from 'fastify'
import { AppError } from '../../lib/errors'
import { imageUploadLimits, processImage, readImageUpload, type ImageStore } from './images'

const MIME = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' } as const
const EXT = { jpeg: 'jpg', png: 'png', webp: 'webp' } as const
const badPhotoType = () => new AppError(415, 'BAD_IMAGE_TYPE', '只能上传 JPEG、PNG 或 WebP 图片')

export interface ShopperPhotoUpload {
  /** The route, e.g. '/uploads/after-sales'. */
  url: string
  maxBytes: number
  images: ImageStore
  /** Records the photo as this shopper's: a request or a review may only name photos issued to its author. */
  record(userId: number, url: string): Promise<void>
}

/**
 * A shopper's photo upload (after-sales evidence, review photos), registered in the caller's
 * authenticated scope: multipart in a scope of its own (one file, maxBytes at most), checked by
 * content (first bytes, then sharp decodes it), re-encoded without EXIF (GPS, camera), stored
 * under a random name and recorded as the shopper's. Answers 201 {url}.
 */
export async function shopperPhotoUpload(app: FastifyInstance, o: ShopperPhotoUpload): Promise<void> {
  const tooLarge = () => new AppError(413, 'FILE_TOO_LARGE', `图片不能超过 ${o.maxBytes / 1024 / 1024} MB`)
  await app.register(async (upload) => {
    await upload.register(multipart, { limits: imageUploadLimits(o.maxBytes) })
    upload.post(o.url, async (req, reply) => {
      const buf = await readImageUpload(req, tooLarge)
      let img: Awaited<ReturnType<typeof processImage>>
      try {
        img = await processImage(buf)
      } catch (err) {
        if (err instanceof AppError && err.statusCode === 415) throw badPhotoType()
        throw err
      }
      // Photos are stills: an animated or still GIF is refused like any other format we don't take here.
      if (img.kind === 'gif') throw badPhotoType()
      const url = await o.images.put(`${crypto.randomBytes(16).toString('hex')}.${EXT[img.kind]}`, img.main, MIME[img.kind])
      await o.record(req.userId, url)
      return reply.status(201).send({ url })
    })
  })
}
