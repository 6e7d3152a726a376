import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import crypto from 'node:crypto'
import { expect, it } from 'vitest'
import { call, describeEachDb } from '../../test/helpers'
import { inlineScriptHashes, TOO_MANY } from '../security'

describeEachDb(
  'security headers and rate limits',
  (ctx) => {
    it('answers with nosniff, no framing, no referrer and a CSP that allows only this origin', async () => {
      const res = await ctx.app.inject({ method: 'GET', url: '/api/health' })
      expect(res.headers['x-content-type-options']).toBe('nosniff')
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN')
      expect(res.headers['referrer-policy']).toBe('no-referrer')
      // The mini-programs show the API's images from their own origin.
      expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin')
      const csp = String(res.headers['content-security-policy'])
      expect(csp).toContain("default-src 'self'")
      expect(csp).toContain("frame-ancestors 'none'")
      expect(csp).toContain("object-src 'none'")
      expect(csp).not.toContain("'unsafe-eval'")
      expect(csp).toMatch(/script-src 'self'(;| )/)
      // Taro H5's uploadFile reads the picked file from its blob: URL before posting it.
      expect(csp).toContain("connect-src 'self' blob:")
    })

    it('limits dev logins per client to RATE_LIMIT a minute with 429 and a Chinese message; another client still gets in', async () => {
      const login = (ip: string, n: number) => ctx.app.inject({ method: 'POST', url: '/api/auth/dev-login', remoteAddress: ip, payload: { nickname: `rl-${ip}-${n}` } })
      for (let i = 0; i < 5; i++) expect((await login('10.9.0.1', i)).statusCode).toBe(200)
      const refused = await login('10.9.0.1', 6)
      expect(refused.statusCode).toBe(429)
      expect(refused.json()).toMatchObject({ code: 'RATE_LIMITED' })
      expect(refused.json().message).toContain(TOO_MANY)
      expect(refused.headers['retry-after']).toBeDefined()
      expect((await login('10.9.0.2', 1)).statusCode).toBe(200)
      // Routes that aren't limited stay open to the same client.
      expect((await ctx.app.inject({ method: 'GET', url: '/api/products', remoteAddress: '10.9.0.1' })).statusCode).toBe(200)
    })

    it('limits staff sign-in with the other logins (not the sign-out)', async () => {
      const signIn = () => ctx.app.inject({ method: 'POST', url: '/api/admin/session', remoteAddress: '10.9.0.5', payload: { username: 'nobody', password: 'guess' } })
      const codes: number[] = []
      for (let i = 0; i < 6; i++) codes.push((await signIn()).statusCode)
      expect(codes.slice(0, 5)).toEqual([401, 401, 401, 401, 401])
      expect(codes[5]).toBe(429)
      const signOut = await ctx.app.inject({ method: 'DELETE', url: '/api/admin/session', remoteAddress: '10.9.0.5' })
      expect(signOut.statusCode).toBe(401)
    })

    it('limits notifies per source at ten times RATE_LIMIT', async () => {
      const notify = () => ctx.app.inject({ method: 'POST', url: '/api/payments/notify/alipay', remoteAddress: '10.9.0.3', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'a=1' })
      const codes: number[] = []
      for (let i = 0; i < 51; i++) codes.push((await notify()).statusCode)
      expect(codes.slice(0, 50).every((c) => c !== 429)).toBe(true)
      expect(codes[50]).toBe(429)
    })

    it('limits coupon claims', async () => {
      const token = await call(ctx.app, 'POST', '/api/auth/dev-login', { body: { nickname: 'rl-claims' } })
      const claim = () => ctx.app.inject({ method: 'POST', url: '/api/coupons/center/999999/claim', remoteAddress: '10.9.0.4', headers: { authorization: `Bearer ${token.body.token}` } })
      const codes: number[] = []
      for (let i = 0; i < 6; i++) codes.push((await claim()).statusCode)
      expect(codes.slice(0, 5)).not.toContain(429)
      expect(codes[5]).toBe(429)
    })
  },
  { config: { rateLimit: 5 } },
)

describeEachDb(
  'RATE_LIMIT=0',
  (ctx) => {
    it('turns the limits off (benchmarks, load tests) but keeps the headers', async () => {
      for (let i = 0; i < 30; i++) expect((await ctx.app.inject({ method: 'POST', url: '/api/auth/dev-login', remoteAddress: '10.9.1.1', payload: { nickname: `off-${i}` } })).statusCode).toBe(200)
      expect((await ctx.app.inject({ method: 'GET', url: '/api/health' })).headers['x-content-type-options']).toBe('nosniff')
    })
  },
  { config: { rateLimit: 0 } },
)

it("the CSP allows the H5 build's inline script by its hash, and nothing inline it doesn't know", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'duet-csp-'))
  const inline = 'window.__rem=1'
  fs.writeFileSync(path.join(dir, 'index.html'), `<html><head><script>${inline}</script><script src="/js/app.js"></script></head></html>`)
  expect(inlineScriptHashes(dir)).toEqual([`'sha256-${crypto.createHash('sha256').update(inline).digest('base64')}'`])
  expect(inlineScriptHashes(path.join(dir, 'missing'))).toEqual([])
  fs.rmSync(dir, { recursive: true, force: true })
})
