import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { ADMIN_TOKEN, dropTestDb, openTestDb, testApp, type TestDb } from '../../../test/helpers'

describe('npm start serving: the merchant console at /admin/ next to the H5 app and the API', () => {
  let t: TestDb
  let app: FastifyInstance
  const webRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'duet-web-'))
  const consoleRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'duet-console-'))
  beforeAll(async () => {
    fs.writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><title>duet</title>')
    fs.writeFileSync(path.join(consoleRoot, 'index.html'), '<!doctype html><title>Duet 商家后台</title><script type="module" src="/admin/assets/index-abcd1234.js"></script>')
    fs.mkdirSync(path.join(consoleRoot, 'assets'))
    fs.writeFileSync(path.join(consoleRoot, 'assets', 'index-abcd1234.js'), 'console.log(1)')
    // What console/precompress.ts writes beside each asset.
    fs.writeFileSync(path.join(consoleRoot, 'assets', 'index-abcd1234.js.br'), zlib.brotliCompressSync('console.log(1)'))
    t = await openTestDb('pglite')
    app = await testApp(t, { webRoot, consoleRoot })
  })
  afterAll(async () => {
    await app.close()
    await dropTestDb(t)
    fs.rmSync(webRoot, { recursive: true, force: true })
    fs.rmSync(consoleRoot, { recursive: true, force: true })
  })

  it('answers /admin/ with the console, uncached, and its hashed assets for a year', async () => {
    const index = await app.inject({ method: 'GET', url: '/admin/' })
    expect(index.statusCode).toBe(200)
    expect(index.headers['content-type']).toContain('text/html')
    expect(index.headers['cache-control']).toBe('no-cache')
    expect(index.body).toContain('商家后台')
    const js = await app.inject({ method: 'GET', url: '/admin/assets/index-abcd1234.js' })
    expect(js.statusCode).toBe(200)
    expect(js.headers['cache-control']).toContain('immutable')
    // The CSP allows the console's own module scripts (no inline script is needed).
    expect(String(index.headers['content-security-policy'])).toContain("script-src 'self'")
  })

  it('sends the build’s brotli copy to a browser that accepts it, the plain file to one that does not', async () => {
    const br = await app.inject({ method: 'GET', url: '/admin/assets/index-abcd1234.js', headers: { 'accept-encoding': 'gzip, deflate, br' } })
    expect(br.statusCode).toBe(200)
    expect(br.headers['content-encoding']).toBe('br')
    expect(zlib.brotliDecompressSync(br.rawPayload).toString()).toBe('console.log(1)')
    const plain = await app.inject({ method: 'GET', url: '/admin/assets/index-abcd1234.js', headers: { 'accept-encoding': 'identity' } })
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.body).toBe('console.log(1)')
  })

  it('redirects /admin to /admin/', async () => {
    const res = await app.inject({ method: 'GET', url: '/admin' })
    expect([301, 302, 308]).toContain(res.statusCode)
    expect(res.headers.location).toBe('/admin/')
  })

  it('answers deep links under /admin/ with the console, not the H5 app; missing assets stay 404', async () => {
    for (const url of ['/admin/orders/5', '/admin/products/new?x=1', '/admin/login']) {
      const res = await app.inject({ method: 'GET', url })
      expect(res.statusCode, url).toBe(200)
      expect(res.body, url).toContain('商家后台')
      expect(res.headers['cache-control']).toBe('no-cache')
    }
    expect((await app.inject({ method: 'GET', url: '/admin/assets/missing.js' })).statusCode).toBe(404)
    // The H5 app keeps its own deep links.
    const h5 = await app.inject({ method: 'GET', url: '/pages/product/index?id=3' })
    expect(h5.body).toContain('<title>duet</title>')
  })

  it('still answers /api/admin/* with JSON', async () => {
    const orders = await app.inject({ method: 'GET', url: '/api/admin/orders', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })
    expect(orders.statusCode).toBe(200)
    expect(orders.headers['content-type']).toContain('application/json')
    expect(orders.json()).toHaveProperty('items')
    const denied = await app.inject({ method: 'GET', url: '/api/admin/orders' })
    expect(denied.statusCode).toBe(401)
    expect(denied.headers['content-type']).toContain('application/json')
    const missing = await app.inject({ method: 'GET', url: '/api/admin/nope', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })
    expect(missing.statusCode).toBe(404)
    expect(missing.json().code).toBeTruthy()
  })
})

describe('the console alone (no H5 build): it owns reply.sendFile', () => {
  let t: TestDb
  let app: FastifyInstance
  const consoleRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'duet-console-'))
  beforeAll(async () => {
    fs.writeFileSync(path.join(consoleRoot, 'index.html'), '<!doctype html><title>Duet 商家后台</title>')
    t = await openTestDb('pglite')
    app = await testApp(t, { consoleRoot })
  })
  afterAll(async () => {
    await app.close()
    await dropTestDb(t)
    fs.rmSync(consoleRoot, { recursive: true, force: true })
  })

  it('answers /admin/ and its deep links; other paths stay JSON 404s', async () => {
    for (const url of ['/admin/', '/admin/orders/5']) {
      const res = await app.inject({ method: 'GET', url })
      expect(res.statusCode, url).toBe(200)
      expect(res.body, url).toContain('商家后台')
    }
    const other = await app.inject({ method: 'GET', url: '/pages/index' })
    expect(other.statusCode).toBe(404)
    expect(other.json().code).toBe('NOT_FOUND')
  })
})
