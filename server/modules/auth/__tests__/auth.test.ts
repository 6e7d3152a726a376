import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { LoginRejected } from '../../../platforms/types'
import { call, describeEachDb, dropTestDb, login, openTestDb, testApp, type TestDb } from '../../../test/helpers'

describeEachDb('auth (sandbox)', (ctx) => {
  it('dev-login returns a session; the same nickname is the same user', async () => {
    const a = await call(ctx.app, 'POST', '/api/auth/dev-login', { body: { nickname: '小明🍉' } })
    expect(a.status).toBe(200)
    expect(a.body.token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/)
    expect(new Date(a.body.expiresAt).getTime()).toBeGreaterThan(Date.now())
    expect(a.body.user).toMatchObject({ nickname: '小明🍉', platform: 'h5', avatar: null })
    const b = await call(ctx.app, 'POST', '/api/auth/dev-login', { body: { nickname: '小明🍉' } })
    expect(b.body.user.id).toBe(a.body.user.id)
    const me = await call(ctx.app, 'GET', '/api/me', { token: a.body.token })
    expect(me.status).toBe(200)
    expect(me.body).toEqual(a.body.user)
  })

  it('rejects bad nicknames', async () => {
    for (const body of [{}, { nickname: '' }, { nickname: '   ' }, { nickname: 42 }, { nickname: 'x'.repeat(33) }, { nickname: 'a\u0000b' }]) {
      const res = await call(ctx.app, 'POST', '/api/auth/dev-login', { body })
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(res.body.code).toBe('BAD_INPUT')
    }
    const users = await ctx.t.db.one<{ n: number }>("SELECT count(*)::int AS n FROM users WHERE nickname = ''")
    expect(users.n).toBe(0)
  })

  it('treats SQL-looking nicknames as text', async () => {
    const res = await call(ctx.app, 'POST', '/api/auth/dev-login', { body: { nickname: "'); DROP TABLE users;--" } })
    expect(res.status).toBe(200)
    expect(res.body.user.nickname).toBe("'); DROP TABLE users;--")
    expect((await call(ctx.app, 'GET', '/api/me', { token: res.body.token })).status).toBe(200)
  })

  it('refuses missing, malformed and tampered tokens with 401', async () => {
    const token = await login(ctx.app)
    expect((await call(ctx.app, 'GET', '/api/me')).status).toBe(401)
    expect((await call(ctx.app, 'GET', '/api/me', { token: 'garbage' })).body.code).toBe('BAD_TOKEN')
    const [h, p, s] = token.split('.')
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString())
    const forged = Buffer.from(JSON.stringify({ ...payload, sub: '1' })).toString('base64url')
    const res = await call(ctx.app, 'GET', '/api/me', { token: `${h}.${forged}.${s}` })
    expect(res.status).toBe(401)
    expect(res.body.code).toBe('BAD_TOKEN')
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${p}.`
    expect((await call(ctx.app, 'GET', '/api/me', { token: none })).status).toBe(401)
  })

  it('logs mini-programs in through the sandbox: one shopper per device and platform, stable across logins', async () => {
    const device = 'devtools-0123456789abcdef'
    const a = await call(ctx.app, 'POST', '/api/auth/wechat', { body: { code: 'ide-code-1', deviceId: device } })
    expect(a.status).toBe(200)
    expect(a.body.user).toMatchObject({ platform: 'weapp', nickname: '微信用户' })
    // A new one-time code from the same IDE: the same shopper.
    const again = await call(ctx.app, 'POST', '/api/auth/wechat', { body: { code: 'ide-code-2', deviceId: device } })
    expect(again.body.user.id).toBe(a.body.user.id)
    const other = await call(ctx.app, 'POST', '/api/auth/wechat', { body: { code: 'ide-code-3', deviceId: 'another-device-0000000' } })
    expect(other.body.user.id).not.toBe(a.body.user.id)
    const ali = await call(ctx.app, 'POST', '/api/auth/alipay', { body: { authCode: 'ide-auth-1', deviceId: device } })
    expect(ali.status).toBe(200)
    expect(ali.body.user.platform).toBe('alipay')
    expect((await call(ctx.app, 'POST', '/api/auth/alipay', { body: { authCode: 'ide-auth-2', deviceId: device } })).body.user.id).toBe(ali.body.user.id)
    const rows = await ctx.t.db.query<{ external_id: string; open_id: string }>('SELECT external_id, open_id FROM users WHERE id = ANY($1::int[]) ORDER BY id', [[a.body.user.id, ali.body.user.id]])
    // Prefixed, never a real openid / 2088 user id, and not the device id itself.
    expect(rows.rows[0].external_id).toMatch(/^sandbox-wx-[\w-]{32}$/)
    expect(rows.rows[1].external_id).toMatch(/^sandbox-ali-[\w-]{32}$/)
    for (const r of rows.rows) expect(r.external_id).not.toContain(device)
    // No device id (an older app): each code is a new shopper. A malformed one is a refused login.
    const n1 = await call(ctx.app, 'POST', '/api/auth/wechat', { body: { code: 'c-1' } })
    const n2 = await call(ctx.app, 'POST', '/api/auth/wechat', { body: { code: 'c-2' } })
    expect(n1.status).toBe(200)
    expect(n2.body.user.id).not.toBe(n1.body.user.id)
    expect((await call(ctx.app, 'POST', '/api/auth/wechat', { body: { code: 'c', deviceId: 'short' } })).body.code).toBe('LOGIN_FAILED')
    expect((await call(ctx.app, 'POST', '/api/auth/alipay', { body: {} })).status).toBe(400)
    expect((await call(ctx.app, 'POST', '/api/auth/wechat', { body: { code: 'c', deviceId: 'x'.repeat(65) } })).status).toBe(400)
  })
})

describe("live mode without a platform's login keys", () => {
  let t: TestDb
  let app: FastifyInstance
  beforeAll(async () => {
    t = await openTestDb('pglite')
    // WeChat's app keys only (no injected login): Alipay login is not configured, and no sandbox login stands in.
    app = await testApp(t, { config: { wechat: { appId: 'wx1', secret: 's' }, adminToken: undefined } })
  })
  afterAll(async () => {
    await app.close()
    await dropTestDb(t)
  })

  it('refuses sandbox logins: 503 for the platform without keys, whatever device id comes', async () => {
    const ali = await call(app, 'POST', '/api/auth/alipay', { body: { authCode: 'ide-code', deviceId: 'devtools-0123456789abcdef' } })
    expect(ali.status).toBe(503)
    expect(ali.body.code).toBe('PLATFORM_NOT_CONFIGURED')
    expect(ali.body.message).toContain('ALIPAY_APPID')
    expect((await call(app, 'POST', '/api/auth/dev-login', { body: { nickname: 'x' } })).status).toBe(404)
    const users = await t.db.one<{ n: number }>("SELECT count(*)::int AS n FROM users WHERE external_id LIKE 'sandbox-%'")
    expect(users.n).toBe(0)
  })
})

describe('session expiry', () => {
  let t: TestDb
  let app: FastifyInstance
  let clock = Date.parse('2026-01-01T00:00:00Z')
  beforeAll(async () => {
    t = await openTestDb('pglite')
    app = await testApp(t, { now: () => new Date(clock), config: { sessionTtlSec: 3600 } })
  })
  afterAll(async () => {
    await app.close()
    await dropTestDb(t)
  })

  it('expires tokens after the session TTL', async () => {
    const s = await call(app, 'POST', '/api/auth/dev-login', { body: { nickname: 'clock' } })
    expect(s.body.expiresAt).toBe('2026-01-01T01:00:00.000Z')
    clock += 3599_000
    expect((await call(app, 'GET', '/api/me', { token: s.body.token })).status).toBe(200)
    clock += 2000
    const late = await call(app, 'GET', '/api/me', { token: s.body.token })
    expect(late.status).toBe(401)
    expect(late.body.code).toBe('SESSION_EXPIRED')
  })
})

describe('live mode (merchant keys, fake platforms)', () => {
  let t: TestDb
  let app: FastifyInstance
  beforeAll(async () => {
    t = await openTestDb('pglite')
    app = await testApp(t, {
      config: { wechat: { appId: 'wx1', secret: 's' }, adminToken: undefined },
      login: {
        wechat: async (code) => {
          if (code === 'bad') throw new LoginRejected('40029')
          return { externalId: `openid-${code}`, openId: `openid-${code}`, unionId: null }
        },
        alipay: async (code) => ({ externalId: `2088${code}`, openId: `open-${code}`, unionId: null }),
      },
    })
  })
  afterAll(async () => {
    await app.close()
    await dropTestDb(t)
  })

  it('turns dev-login off (404) and reports live mode', async () => {
    expect((await call(app, 'POST', '/api/auth/dev-login', { body: { nickname: 'x' } })).status).toBe(404)
    // Without ADMIN_TOKEN the admin API is there for staff sessions; a stray token is no admin.
    expect((await call(app, 'GET', '/api/admin/orders', { token: 'anything' })).body.code).toBe('ADMIN_ONLY')
    expect((await call(app, 'GET', '/api/health')).body.mode).toBe('live')
  })

  it('logs in with WeChat and Alipay, one user per platform id', async () => {
    const a = await call(app, 'POST', '/api/auth/wechat', { body: { code: 'c1' } })
    expect(a.status).toBe(200)
    expect(a.body.user.platform).toBe('weapp')
    const again = await call(app, 'POST', '/api/auth/wechat', { body: { code: 'c1' } })
    expect(again.body.user.id).toBe(a.body.user.id)
    const ali = await call(app, 'POST', '/api/auth/alipay', { body: { authCode: 'x9' } })
    expect(ali.body.user.platform).toBe('alipay')
    const row = await t.db.one<{ external_id: string; open_id: string }>('SELECT external_id, open_id FROM users WHERE id = $1', [ali.body.user.id])
    expect(row).toEqual({ external_id: '2088x9', open_id: 'open-x9' })
    const bad = await call(app, 'POST', '/api/auth/wechat', { body: { code: 'bad' } })
    expect(bad.status).toBe(401)
    expect(bad.body.code).toBe('LOGIN_FAILED')
  })
})
