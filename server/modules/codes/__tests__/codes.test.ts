import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { call, describeEachDb, login, productId, testApp } from '../../../test/helpers'
import { sceneFor } from '../../attribution'
import { sandboxCodes } from '../../../platforms/sandbox/codes'
import { ProviderError, type CodeRequest, type CodesFacet, type CodesFacets } from '../../../platforms/types'

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

/** A facet that draws the sandbox's QR code, counts its calls, can be slowed down and can fail. */
class CountingFacet implements CodesFacet {
  readonly sandbox = true
  calls: CodeRequest[] = []
  failing = false
  delayMs = 0
  private readonly draw = sandboxCodes()
  constructor(readonly id: CodesFacet['id']) {}
  async create(req: CodeRequest): Promise<Buffer> {
    this.calls.push(req)
    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs))
    if (this.failing) throw new ProviderError('errcode 45009 reach max api minute limit')
    return this.draw.create(req)
  }
  callsFor(scene: string): number {
    return this.calls.filter((c) => c.scene === scene).length
  }
}

const facets = { wechat: new CountingFacet('wechat'), alipay: new CountingFacet('alipay'), sandbox: new CountingFacet('sandbox') }
const codes: CodesFacets = facets
const dirs: string[] = []
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })))

describeEachDb(
  'codes',
  (ctx) => {
    let n = 0
    /** A fresh scene (each test counts its own calls): the shop's store code no. n. */
    const newScene = async () => sceneFor(ctx.t.db, { promoterId: null, productId: await productId(ctx.t.db, 'tee'), channel: 'code', storeId: ++n + Math.floor(Math.random() * 1e6) }, new Date())
    const get = (url: string, token?: string) => ctx.app.inject({ method: 'GET', url, headers: token ? { authorization: `Bearer ${token}` } : {} })

    it('draws a PNG for a code page and an existing scene, cacheable for a day', async () => {
      const scene = await newScene()
      const res = await get(`/api/codes?page=pkg-shop/product/index&scene=${scene}`)
      expect(res.statusCode).toBe(200)
      expect(res.headers['content-type']).toBe('image/png')
      expect(res.headers['cache-control']).toBe('public, max-age=86400')
      expect([...res.rawPayload.subarray(0, 8)]).toEqual(PNG_MAGIC)
      expect(facets.sandbox.calls.at(-1)).toEqual({ page: 'pkg-shop/product/index', scene, width: undefined })
    })

    it('refuses other pages (400 BAD_PAGE), unknown scenes (404 SCENE_NOT_FOUND) and bad widths, without calling a platform', async () => {
      const scene = await newScene()
      const before = facets.sandbox.calls.length + facets.wechat.calls.length + facets.alipay.calls.length
      for (const page of ['pages/admin/index', '/pkg-shop/product/index', 'pkg-shop/product/index?x=1', '']) {
        expect(await call(ctx.app, 'GET', `/api/codes?page=${encodeURIComponent(page)}&scene=${scene}`)).toMatchObject({ status: 400, body: { code: 'BAD_PAGE' } })
      }
      for (const s of ['ZZZZZZZZ', 'short', '../../etc', '']) {
        expect(await call(ctx.app, 'GET', `/api/codes?page=pages/index/index&scene=${encodeURIComponent(s)}`)).toMatchObject({ status: 404, body: { code: 'SCENE_NOT_FOUND', message: expect.any(String) } })
      }
      for (const w of ['100', '5000', 'wide', '-300']) {
        expect(await call(ctx.app, 'GET', `/api/codes?page=pages/index/index&scene=${scene}&width=${w}`)).toMatchObject({ status: 400, body: { code: 'BAD_INPUT' } })
      }
      expect(await call(ctx.app, 'GET', `/api/codes?page=pages/index/index&scene=${scene}&platform=tv`)).toMatchObject({ status: 400 })
      expect(facets.sandbox.calls.length + facets.wechat.calls.length + facets.alipay.calls.length).toBe(before)
    })

    it('a cache hit does not call the platform again; concurrent misses share one call', async () => {
      const scene = await newScene()
      const url = `/api/codes?page=pages/index/index&scene=${scene}&platform=weapp`
      const a = await get(url)
      const b = await get(url)
      expect(a.rawPayload.equals(b.rawPayload)).toBe(true)
      expect(facets.wechat.callsFor(scene)).toBe(1)
      // Another width is another code.
      expect((await get(`${url}&width=600`)).statusCode).toBe(200)
      expect(facets.wechat.callsFor(scene)).toBe(2)

      const other = await newScene()
      facets.alipay.delayMs = 50
      const answers = await Promise.all(Array.from({ length: 10 }, () => get(`/api/codes?page=pages/index/index&scene=${other}&platform=alipay`)))
      facets.alipay.delayMs = 0
      expect(answers.every((r) => r.statusCode === 200 && r.rawPayload.equals(answers[0].rawPayload))).toBe(true)
      expect(facets.alipay.callsFor(other)).toBe(1)
    })

    it('the platform comes from ?platform, else the shopper’s, else h5 (the sandbox); a bad token is 401', async () => {
      const scene = await newScene()
      const wx = await ctx.t.db.one<{ id: number }>("INSERT INTO users (platform, external_id, open_id, nickname) VALUES ('weapp', $1, $1, 'wx') RETURNING id", [`o-codes-${scene}`])
      const token = (await ctx.app.sessions.sign(wx.id)).token
      expect((await get(`/api/codes?page=pages/index/index&scene=${scene}`, token)).statusCode).toBe(200)
      expect(facets.wechat.callsFor(scene)).toBe(1)
      expect((await get(`/api/codes?page=pages/index/index&scene=${scene}`, await login(ctx.app))).statusCode).toBe(200)
      expect(facets.sandbox.callsFor(scene)).toBe(1)
      expect((await get(`/api/codes?page=pages/index/index&scene=${scene}&platform=alipay`, token)).statusCode).toBe(200)
      expect(facets.alipay.callsFor(scene)).toBe(1)
      expect((await get(`/api/codes?page=pages/index/index&scene=${scene}`, 'bad-token')).statusCode).toBe(401)
    })

    it('a platform failure answers 502 CODE_UNAVAILABLE and caches nothing', async () => {
      const scene = await newScene()
      const url = `/api/codes?page=pkg-share/promoter/index&scene=${scene}&platform=weapp`
      facets.wechat.failing = true
      try {
        expect(await call(ctx.app, 'GET', url)).toMatchObject({ status: 502, body: { code: 'CODE_UNAVAILABLE', message: expect.stringContaining('小程序码') } })
        expect((await call(ctx.app, 'GET', url)).status).toBe(502)
      } finally {
        facets.wechat.failing = false
      }
      expect(facets.wechat.callsFor(scene)).toBe(2)
      const ok = await get(url)
      expect(ok.statusCode).toBe(200)
      expect(facets.wechat.callsFor(scene)).toBe(3)
    })

    it('codes and attribution are rate-limited per client (2 × RATE_LIMIT a minute)', async () => {
      const scene = await newScene()
      const limited = await testApp(ctx.t, { codes, seed: false, config: { rateLimit: 1 } })
      try {
        const statuses = async (n: number, inject: () => PromiseLike<{ statusCode: number }>) => {
          const out: number[] = []
          for (let i = 0; i < n; i++) out.push((await inject()).statusCode)
          return out
        }
        expect(await statuses(3, () => limited.inject({ method: 'GET', url: `/api/codes?page=pages/index/index&scene=${scene}` }))).toEqual([200, 200, 429])
        expect(await statuses(3, () => limited.inject({ method: 'POST', url: '/api/attribution', payload: { scene } }))).toEqual([200, 200, 429])
        // GET /api/scenes/:id (the product page before login) is not limited.
        expect(await statuses(3, () => limited.inject({ method: 'GET', url: `/api/scenes/${scene}` }))).toEqual([200, 200, 200])
      } finally {
        await limited.close()
      }
    })

    it('the disk cache (DATA_DIR/codes, private) survives a rebuilt app on the same DATA_DIR', async () => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'duet-codes-'))
      dirs.push(dataDir)
      const scene = await newScene()
      const url = `/api/codes?page=pages/index/index&scene=${scene}&platform=weapp`
      const first = await testApp(ctx.t, { codes, seed: false, config: { dataDir } })
      const a = await first.inject({ method: 'GET', url })
      await first.close()
      expect(a.statusCode).toBe(200)
      const files = fs.readdirSync(path.join(dataDir, 'codes'))
      expect(files.length).toBe(1)
      expect(fs.statSync(path.join(dataDir, 'codes')).mode & 0o077).toBe(0)
      expect(fs.statSync(path.join(dataDir, 'codes', files[0])).mode & 0o077).toBe(0)

      const second = await testApp(ctx.t, { codes, seed: false, config: { dataDir } })
      const b = await second.inject({ method: 'GET', url })
      await second.close()
      expect(b.rawPayload.equals(a.rawPayload)).toBe(true)
      expect(facets.wechat.callsFor(scene)).toBe(1)
    })
  },
  { codes },
)
