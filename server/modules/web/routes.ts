import fastifyStatic from '@fastify/static'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'

/**
 * The built H5 app served next to the API by `npm start`. Hashed assets are cached for a
 * year; index.html is revalidated every time so a new build shows up on reload.
 */
export async function webRoutes(app: FastifyInstance, opts: { root: string }): Promise<void> {
  await app.register(fastifyStatic, {
    root: opts.root,
    prefix: '/',
    wildcard: true,
    index: ['index.html'],
    dotfiles: 'ignore',
    // Our own Cache-Control below; send's default would overwrite it.
    cacheControl: false,
    setHeaders(res, file) {
      res.setHeader('cache-control', file.endsWith('.html') ? 'no-cache' : 'public, max-age=31536000, immutable')
    },
  })
}

/** Unknown GETs outside /api that want a page get index.html: deep links into the app work. */
export function spaFallback(req: FastifyRequest, reply: FastifyReply): boolean {
  const url = req.url.split('?')[0]
  if ((req.method !== 'GET' && req.method !== 'HEAD') || url.startsWith('/api/') || url === '/api') return false
  if (/\.[a-z0-9]+$/i.test(url)) return false
  reply.header('cache-control', 'no-cache')
  void reply.sendFile('index.html')
  return true
}
