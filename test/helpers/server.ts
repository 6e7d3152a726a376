import fs from 'node:fs'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../server/app'
import { ROOT, requireDist } from './dist'

/**
 * The real commerce server for bundle and e2e tests: buildApp on an in-memory PGlite with
 * the demo seed, sandbox mode (no merchant keys), on 127.0.0.1 and a free port. With
 * `h5: true` it also serves dist/h5 at `/`, as `npm start` does.
 */
export interface TestServer {
  url: string
  app: FastifyInstance
  /** GET a JSON API path from the same server (what the app should be showing). */
  get<T>(apiPath: string, token?: string): Promise<T>
  post<T>(apiPath: string, body: unknown, token?: string): Promise<T>
  close(): Promise<void>
}

export async function startTestServer(opts: { h5?: boolean; h5Dir?: string } = {}): Promise<TestServer> {
  const app = await buildApp({
    env: {},
    config: { dataDir: 'memory://', host: '127.0.0.1', adminToken: 'test-admin-token' },
    sweeper: false,
    logger: false,
  })
  if (opts.h5) await serveH5(app, opts.h5Dir)
  await app.listen({ port: 0, host: '127.0.0.1' })
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
  const call = async <T>(method: string, apiPath: string, body?: unknown, token?: string): Promise<T> => {
    const headers: Record<string, string> = {}
    if (body !== undefined) headers['content-type'] = 'application/json'
    if (token) headers.authorization = `Bearer ${token}`
    const res = await fetch(`${url}${apiPath}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
    const text = await res.text()
    if (!res.ok) throw new Error(`${method} ${apiPath} -> ${res.status} ${text}`)
    return JSON.parse(text) as T
  }
  return {
    url,
    app,
    get: (p, token) => call('GET', p, undefined, token),
    post: (p, body, token) => call('POST', p, body, token),
    close: () => app.close(),
  }
}

/** Static dist/h5 at `/` (hash router: index.html and its assets are all it needs). */
async function serveH5(app: FastifyInstance, h5Dir?: string) {
  const dir = h5Dir ?? requireDist('h5')
  // server/start.ts may already register static files in buildApp one day; don't do it twice.
  if (app.hasRoute({ method: 'GET', url: '/' })) return
  const fastifyStatic = (await import('@fastify/static')).default
  await app.register(fastifyStatic, { root: dir, prefix: '/', wildcard: true, index: ['index.html'] })
  if (!fs.existsSync(path.join(dir, 'index.html'))) throw new Error(`dist/h5 has no index.html under ${path.relative(ROOT, dir)}`)
}
