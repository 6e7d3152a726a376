import type { RouteOptions } from 'fastify'
import { beforeAll, expect, it } from 'vitest'
import { can, PERMISSIONS, STAFF_ROLES, type StaffRole } from '../../../../src/domain/staff'
import { ADMIN_TOKEN, call, describeEachDb, productId, staffToken } from '../../../test/helpers'

// Every route the app registers, as it registers it (BuildAppOptions.onRoute).
const routes: RouteOptions[] = []

/** The caller's own session and password: open to any signed-in caller, so they name no permission. */
const SELF_ROUTES = ['DELETE /api/admin/session', 'GET /api/admin/me', 'POST /api/admin/me/password']
/** Sign-in: outside the admin scope (there is no token yet). */
const SIGN_IN = 'POST /api/admin/session'

// One entry per method and path (each backend's app registers them all again).
const adminRoutes = () => [
  ...new Map(
    routes
      .filter((r) => r.url.startsWith('/api/admin'))
      .flatMap((r) => ([] as string[]).concat(r.method).filter((m) => m !== 'HEAD').map((m) => ({ key: `${m} ${r.url}`, method: m, url: r.url, config: r.config as { permission?: string; self?: boolean } | undefined })))
      .map((r) => [r.key, r] as const),
  ).values(),
]

describeEachDb(
  'staff roles',
  (ctx) => {
    const tokens = {} as Record<StaffRole, string>
    beforeAll(async () => {
      for (const role of STAFF_ROLES) tokens[role] = await staffToken(ctx.app, role)
    })

    it('customer service may read orders (200) but not change a promotion (403 ROLE_FORBIDDEN)', async () => {
      expect((await call(ctx.app, 'GET', '/api/admin/orders', { token: tokens.service })).status).toBe(200)
      const res = await call(ctx.app, 'POST', '/api/admin/promotions', { token: tokens.service, body: { title: '限时', kind: 'flash' } })
      expect([res.status, res.body.code]).toEqual([403, 'ROLE_FORBIDDEN'])
      expect(res.body.message).toBe('客服没有这项权限')
      // Nothing was created behind the refusal.
      expect((await ctx.t.db.one<{ n: number }>('SELECT count(*)::int AS n FROM promotions')).n).toBe(0)
    })

    it('customer service can read the catalog but not change a price (403); an operator can', async () => {
      const id = await productId(ctx.t.db, 'mug')
      const read = await call(ctx.app, 'GET', `/api/admin/products/${id}`, { token: tokens.service })
      expect(read.status).toBe(200)
      const { version, skus } = read.body as { version: number; skus: { id: number; specs: Record<string, string>; price: number }[] }
      const cheaper = skus.map((k) => ({ id: k.id, specs: k.specs, price: k.price - 100 }))
      const refused = await call(ctx.app, 'PATCH', `/api/admin/products/${id}`, { token: tokens.service, body: { version, skus: cheaper } })
      expect([refused.status, refused.body.code]).toEqual([403, 'ROLE_FORBIDDEN'])
      const stock = await call(ctx.app, 'POST', `/api/admin/skus/${skus[0].id}/stock`, { token: tokens.service, body: { delta: 5, reason: '盘点' } })
      expect([stock.status, stock.body.code]).toEqual([403, 'ROLE_FORBIDDEN'])
      const after = await call(ctx.app, 'GET', `/api/admin/products/${id}`, { token: tokens.service })
      expect(after.body.skus.map((k: { price: number }) => k.price)).toEqual(skus.map((k) => k.price))
      expect(after.body.version).toBe(version)

      const done = await call(ctx.app, 'PATCH', `/api/admin/products/${id}`, { token: tokens.operator, body: { version, skus: cheaper } })
      expect(done.status).toBe(200)
      const shop = await call(ctx.app, 'GET', `/api/products/${id}`)
      expect(shop.body.skus.map((k: { price: number }) => k.price).sort()).toEqual(cheaper.map((k) => k.price).sort())
    })

    it('an operator can neither read the audit log nor manage staff', async () => {
      for (const [method, url] of [
        ['GET', '/api/admin/audit'],
        ['GET', '/api/admin/staff'],
        ['POST', '/api/admin/staff'],
        ['PATCH', '/api/admin/staff/1'],
        ['POST', '/api/admin/staff/1/password'],
      ] as const) {
        const res = await call(ctx.app, method, url, { token: tokens.operator, body: method === 'GET' ? undefined : { username: 'x', role: 'owner' } })
        expect([url, res.status, res.body.code]).toEqual([url, 403, 'ROLE_FORBIDDEN'])
      }
      expect((await call(ctx.app, 'GET', '/api/admin/promotions', { token: tokens.operator })).status).toBe(200)
      expect((await call(ctx.app, 'GET', '/api/admin/audit', { token: tokens.owner })).status).toBe(200)
      expect((await call(ctx.app, 'GET', '/api/admin/staff', { token: tokens.owner })).status).toBe(200)
    })

    it('every /api/admin route names a permission from src/domain/staff.ts (or is one of the sign-in, me and session routes)', () => {
      const all = adminRoutes()
      expect(all.length).toBeGreaterThan(20)
      const unnamed = all.filter((r) => r.key !== SIGN_IN && !SELF_ROUTES.includes(r.key) && !(PERMISSIONS as readonly string[]).includes(r.config?.permission ?? ''))
      expect(unnamed.map((r) => r.key)).toEqual([])
      // The exceptions are exactly those, and they say so in their config.
      expect(all.filter((r) => r.config?.self).map((r) => r.key).sort()).toEqual([...SELF_ROUTES].sort())
      expect(all.filter((r) => !r.config?.permission && !r.config?.self).map((r) => r.key)).toEqual([SIGN_IN])
    })

    it('a role without a route’s permission gets 403 ROLE_FORBIDDEN on every admin route; no token gets 401 ADMIN_ONLY', async () => {
      let checked = 0
      for (const r of adminRoutes()) {
        if (r.key === SIGN_IN) continue
        const url = r.url.replace(/:[A-Za-z]+/g, '1')
        const anon = await call(ctx.app, r.method as 'GET', url)
        expect([r.key, anon.status, anon.body.code]).toEqual([r.key, 401, 'ADMIN_ONLY'])
        for (const role of STAFF_ROLES) {
          if (r.config?.self || can(role, r.config?.permission as never)) continue
          const res = await call(ctx.app, r.method as 'GET', url, { token: tokens[role] })
          expect([r.key, role, res.status, res.body.code]).toEqual([r.key, role, 403, 'ROLE_FORBIDDEN'])
          checked++
        }
      }
      expect(checked).toBeGreaterThan(10)
    })

    it('ADMIN_TOKEN acts as an owner', async () => {
      const me = await call(ctx.app, 'GET', '/api/admin/me', { token: ADMIN_TOKEN })
      expect(me.body).toEqual({ kind: 'token', username: 'ADMIN_TOKEN', role: 'owner', permissions: [...PERMISSIONS], mustChangePassword: false })
      expect((await call(ctx.app, 'GET', '/api/admin/audit', { token: ADMIN_TOKEN })).status).toBe(200)
    })
  },
  { onRoute: (r) => void routes.push(r) },
)
