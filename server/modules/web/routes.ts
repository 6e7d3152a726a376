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

/** The console's URL prefix (its Vite build's base). */
export const CONSOLE_PREFIX = '/admin/'

/**
 * The merchant console (dist/console, built from console/) at /admin/: like the H5 app,
 * hashed assets for a year and index.html revalidated; /admin redirects to /admin/. Deep
 * links (/admin/orders/5) are answered by consoleFallback from the not-found handler.
 */
export async function consoleRoutes(app: FastifyInstance, opts: { root: string }): Promise<void> {
  app.get('/admin', (_req, reply) => reply.redirect(CONSOLE_PREFIX, 301))
  await app.register(fastifyStatic, {
    root: opts.root,
    prefix: CONSOLE_PREFIX,
    wildcard: true,
    // The build writes .br / .gz beside each asset (console/precompress.ts): sent to browsers that accept them.
    preCompressed: true,
    index: ['index.html'],
    dotfiles: 'ignore',
    cacheControl: false,
    // The H5 app's registration may own reply.sendFile already; the fallback names its root.
    decorateReply: !app.hasReplyDecorator('sendFile'),
    setHeaders(res, file) {
      res.setHeader('cache-control', file.endsWith('.html') ? 'no-cache' : 'public, max-age=31536000, immutable')
    },
  })
}

/** Unknown GETs under /admin/ that want a page get the console's index.html (its routes are client-side). */
export function consoleFallback(root: string) {
  return (req: FastifyRequest, reply: FastifyReply): boolean => {
    const url = req.url.split('?')[0]
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !url.startsWith(CONSOLE_PREFIX)) return false
    if (/\.[a-z0-9]+$/i.test(url)) return false
    reply.header('cache-control', 'no-cache')
    void reply.sendFile('index.html', root)
    return true
  }
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
