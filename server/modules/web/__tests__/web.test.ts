import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { IMAGES_DIR } from '../../images/routes'
import { dropTestDb, openTestDb, testApp, type TestDb } from '../../../test/helpers'

describe('npm start serving: H5 app at /, API at /api, images', () => {
  let t: TestDb
  let app: FastifyInstance
  const webRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'duet-web-'))
  beforeAll(async () => {
    fs.writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><title>duet</title>')
    fs.mkdirSync(path.join(webRoot, 'js'))
    fs.writeFileSync(path.join(webRoot, 'js', 'app.1234abcd.js'), 'console.log(1)')
    t = await openTestDb('pglite')
    app = await testApp(t, { webRoot })
  })
  afterAll(async () => {
    await app.close()
    await dropTestDb(t)
    fs.rmSync(webRoot, { recursive: true, force: true })
  })

  it('serves index.html at / without caching and hashed assets for a year', async () => {
    const index = await app.inject({ method: 'GET', url: '/' })
    expect(index.statusCode).toBe(200)
    expect(index.headers['content-type']).toContain('text/html')
    expect(index.headers['cache-control']).toBe('no-cache')
    const js = await app.inject({ method: 'GET', url: '/js/app.1234abcd.js' })
    expect(js.statusCode).toBe(200)
    expect(js.headers['cache-control']).toContain('immutable')
  })

  it('falls back to index.html for app routes, but not for /api or missing files', async () => {
    const deep = await app.inject({ method: 'GET', url: '/pages/product/index?id=3' })
    expect(deep.statusCode).toBe(200)
    expect(deep.body).toContain('<title>duet</title>')
    const api = await app.inject({ method: 'GET', url: '/api/nope' })
    expect(api.statusCode).toBe(404)
    expect(api.json().code).toBe('NOT_FOUND')
    expect((await app.inject({ method: 'GET', url: '/js/missing.js' })).statusCode).toBe(404)
    expect((await app.inject({ method: 'GET', url: '/api/health' })).json().ok).toBe(true)
  })

  it('serves seed images with caching headers and no path traversal', async () => {
    const file = fs.readdirSync(IMAGES_DIR).find((f) => /\.(jpe?g|png|svg|webp)$/.test(f))
    expect(file).toBeDefined()
    const img = await app.inject({ method: 'GET', url: `/api/images/${file}` })
    expect(img.statusCode).toBe(200)
    expect(img.headers['content-type']).toMatch(/^image\//)
    expect(img.headers['cache-control']).toContain('max-age=604800')
    expect(img.headers.etag).toBeTruthy()
    const again = await app.inject({ method: 'GET', url: `/api/images/${file}`, headers: { 'if-none-match': String(img.headers.etag) } })
    expect(again.statusCode).toBe(304)
    for (const url of ['/api/images/../routes.ts', '/api/images/..%2f..%2fapp.ts', '/api/images/%2e%2e/%2e%2e/load.ts', '/api/images/nope.jpg', '/api/images/.hidden']) {
      const res = await app.inject({ method: 'GET', url })
      expect([403, 404], url).toContain(res.statusCode)
      expect(res.body).not.toContain('import ')
    }
  })
})
