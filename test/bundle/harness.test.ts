import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { applyPath, launchMini, type MiniHost } from '../helpers/mini-runtime'

// The harness itself: it must open every page of both bundles, keep Taro's data tree the way
// the host's setData would, and hand `request` answers over in each platform's own shape.

describe('applyPath (setData keys as Taro writes them)', () => {
  it('handles Taro paths with ".[n]" and plain "[n]" segments', () => {
    const data: Record<string, unknown> = { root: { cn: [] } }
    applyPath(data, 'root.cn.[0]', { sid: 'a', cn: [{ sid: 'b', v: 'x' }] })
    applyPath(data, 'root.cn.[0].cn.[0].v', 'y')
    applyPath(data, 'root.cn[0].cl', 'card')
    applyPath(data, 'root.cn.[1].cn.[2].v', 'z')
    expect(data).toEqual({
      root: { cn: [{ sid: 'a', cl: 'card', cn: [{ sid: 'b', v: 'y' }] }, { cn: [undefined, undefined, { v: 'z' }] }] },
    })
  })
})

describe.each(['weapp', 'alipay'] as const)('mini host on dist/%s', (target) => {
  let server: http.Server
  let base = ''
  let host: MiniHost

  beforeAll(async () => {
    // A tiny echo server: the real API is used by the scenario tests.
    server = http.createServer((req, res) => {
      let body = ''
      req.on('data', (c) => (body += c))
      req.on('end', () => {
        const status = req.url?.startsWith('/missing') ? 404 : 200
        res.writeHead(status, { 'content-type': 'application/json', 'x-echo': 'yes' })
        res.end(JSON.stringify({ method: req.method, url: req.url, auth: req.headers.authorization ?? null, body }))
      })
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    host = await launchMini(target, { serverUrl: base })
  })
  afterAll(() => new Promise<void>((r) => server.close(() => r())))

  it('opens every page of app.json (main package and subpackages) and renders it', async () => {
    const pages = host.allPages()
    expect(pages.length).toBeGreaterThanOrEqual(4)
    for (const route of pages) {
      const before = host.opened.length
      await host.goto(route)
      expect(host.opened[before]).toBe(route)
      // A page may send a guest on at once (checkout -> login); whatever shows must render.
      await host.settle(10)
      expect(pages).toContain(host.current.route)
      expect(host.nodes().length, `${host.current.route} (opened as ${route}) rendered nothing`).toBeGreaterThan(1)
    }
    expect(host.errors).toEqual([])
  })

  it('forwards request to the real server with the platform response shape', async () => {
    const request = host.api.request as (o: Record<string, unknown>) => void
    const call = (o: Record<string, unknown>) =>
      new Promise<{ ok: boolean; res: Record<string, unknown> }>((resolve) =>
        request({ ...o, success: (res: Record<string, unknown>) => resolve({ ok: true, res }), fail: (res: Record<string, unknown>) => resolve({ ok: false, res }) }),
      )
    const hdr = target === 'weapp' ? { header: { authorization: 'Bearer t1' } } : { headers: { authorization: 'Bearer t1' } }
    const ok = await call({ url: 'http://127.0.0.1:3000/api/x?a=1', method: 'POST', data: { n: 1 }, ...hdr })
    expect(ok.ok).toBe(true)
    const data = ok.res.data as Record<string, unknown>
    expect(data).toMatchObject({ method: 'POST', url: '/api/x?a=1', auth: 'Bearer t1', body: '{"n":1}' })
    if (target === 'weapp') {
      expect(ok.res).toMatchObject({ statusCode: 200, header: { 'x-echo': 'yes' } })
    } else {
      expect(ok.res).toMatchObject({ status: 200, headers: { 'x-echo': 'yes' } })
    }
    const missing = await call({ url: '/missing', method: 'GET', ...hdr })
    if (target === 'weapp') expect(missing).toMatchObject({ ok: true, res: { statusCode: 404 } })
    else expect(missing).toMatchObject({ ok: false, res: { error: 19, status: 404 } })
  })

  it('opens the target page on navigateTo and returns on navigateBack', async () => {
    await host.goto('pages/index/index')
    const product = host.allPages().find((p) => p.startsWith('pkg-shop/product'))!
    await new Promise((resolve, reject) => (host.api.navigateTo as (o: unknown) => void)({ url: `/${product}?id=7`, success: resolve, fail: reject }))
    expect(host.current.route).toBe(product)
    expect(host.current.query).toEqual({ id: '7' })
    expect(host.stack.map((p) => p.route)).toEqual(['pages/index/index', product])
    await new Promise((resolve) => (host.api.navigateBack as (o: unknown) => void)({ success: resolve }))
    expect(host.current.route).toBe('pages/index/index')
    // Tab pages can not be navigated to: the host refuses, like the real one.
    const failed = await new Promise((resolve) =>
      (host.api.navigateTo as (o: unknown) => void)({ url: '/pages/cart/index', success: () => resolve('ok'), fail: () => resolve('fail') }),
    )
    expect(failed).toBe('fail')
  })
})
