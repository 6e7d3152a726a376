import fs from 'node:fs'
import path from 'node:path'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance } from 'fastify'

export const IMAGES_DIR = path.resolve(__dirname, '..', '..', 'seed', 'images')

/**
 * Product images from the repository at /api/images/<file>. @fastify/static keeps requests
 * inside the folder (no ../ traversal, no dotfiles, no directory listing) and answers
 * with ETag / Last-Modified so clients revalidate cheaply.
 */
export async function imageRoutes(app: FastifyInstance): Promise<void> {
  if (!fs.existsSync(IMAGES_DIR)) {
    app.log.warn(`no image folder at ${IMAGES_DIR}; /api/images answers 404`)
    return
  }
  await app.register(fastifyStatic, {
    root: IMAGES_DIR,
    prefix: '/images/',
    decorateReply: false,
    index: false,
    list: false,
    dotfiles: 'deny',
    maxAge: '7d',
    etag: true,
    lastModified: true,
  })
}

/**
 * Uploaded images at /api/uploads/<file> (the catalog editor's, in DATA_DIR/uploads). Same
 * guards as above (no traversal, no dotfiles, no listing); the names are random and never
 * reused, so a year's cache is safe.
 */
export async function uploadRoutes(app: FastifyInstance, opts: { dir: string }): Promise<void> {
  await app.register(fastifyStatic, {
    root: opts.dir,
    prefix: '/uploads/',
    decorateReply: false,
    index: false,
    list: false,
    dotfiles: 'deny',
    maxAge: '365d',
    immutable: true,
    etag: true,
    lastModified: true,
  })
}
