import type { AddressInfo } from 'node:net'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../server/app'
import type { LoginFacets } from '../../server/platforms/types'
import { requireDist } from './dist'

/**
 * The real commerce server for bundle and e2e tests: buildApp on an in-memory PGlite with
 * the demo seed, sandbox mode (no merchant keys), on 127.0.0.1 and a free port. With
 * `h5: true` it also serves dist/h5 at `/` through the server's own web module, as
 * `npm start` does (`h5Dir` serves another copy, e.g. a snapshot taken under the build lock).
 */
export interface TestServer {
  url: string
  app: FastifyInstance
  /** GET a JSON API path from the same server (what the app should be showing). */
  get<T>(apiPath: string, token?: string): Promise<T>
  post<T>(apiPath: string, body: unknown, token?: string): Promise<T>
  close(): Promise<void>
}

/**
 * Stand-ins for jscode2session / alipay.system.oauth.token: each code is a new shopper of
 * that platform (the payment module then picks WeChat Pay or Alipay for them). The server
 * stays in sandbox mode: only merchant keys in the config switch it to live.
 */
/** The admin token the test server is started with (admin, promotions and coupon-batch endpoints). */
export const TEST_ADMIN_TOKEN = 'test-admin-token'

let logins = 0
export const FAKE_PLATFORM_LOGIN: LoginFacets = {
  wechat: async (code) => {
    const openid = `o-test-${++logins}-${code}`
    return { externalId: openid, openId: openid, unionId: null }
  },
  alipay: async () => ({ externalId: `2088${String(++logins).padStart(12, '0')}`, openId: null, unionId: null }),
}

export async function startTestServer(
  opts: {
    h5?: boolean
    h5Dir?: string
    platformLogin?: boolean
    /** Also serve the merchant console (dist/console) at /admin/. */
    console?: boolean
    /** A DATA_DIR on disk instead of memory (the console's test reads the first owner's password there). */
    dataDir?: string
  } = {},
): Promise<TestServer> {
  const app = await buildApp({
    login: opts.platformLogin ? FAKE_PLATFORM_LOGIN : undefined,
    env: {},
    // Limits off: one test logs many shoppers in from 127.0.0.1 (the headers and CSP stay on).
    config: { dataDir: opts.dataDir ?? 'memory://', host: '127.0.0.1', adminToken: TEST_ADMIN_TOKEN, rateLimit: 0 },
    sweeper: false,
    logger: false,
    webRoot: opts.h5 ? (opts.h5Dir ?? requireDist('h5')) : undefined,
    consoleRoot: opts.console ? requireDist('console') : undefined,
  })
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
