import crypto from 'node:crypto'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { can, PERMISSIONS, ROLE_LABELS, type Permission } from '../../../src/domain/staff'
import { forbidden, unauthorized } from '../../lib/errors'
import { bearerToken } from '../../plugins/auth'
import { afterSaleAdminRoutes } from '../after-sales'
import { catalogAdminRoutes, type ImageStore } from '../catalog'
import type { CodesService } from '../codes'
import { creditAdminRoutes } from '../credit'
import { groupAdminRoutes } from '../groups'
import { planAdminRoutes } from '../plans'
import { levelAdminRoutes } from '../levels'
import { pickupAdminRoutes } from '../pickup'
import { mallAdminRoutes } from '../mall'
import { memberAdminRoutes } from '../members'
import { memberCardAdminRoutes } from '../member-cards'
import { messageAdminRoutes } from '../messages'
import { pointsAdminRoutes } from '../points'
import { promoterAdminRoutes } from '../promoters'
import { promotionAdminRoutes } from '../promotions'
import { reportAdminRoutes } from '../reports'
import { reviewAdminRoutes } from '../reviews'
import { shippingAdminRoutes } from '../shipping'
import { trackingAdminRoutes } from '../tracking'
import { storeAdminRoutes } from '../stores'
import { staffAdminRoutes, TOKEN_IDENTITY, type AdminIdentity, type StaffService } from '../staff'
import { withdrawalAdminRoutes } from '../withdrawals'
import { adminRoutes } from './routes'

export type { AdminIdentity }

/** Answers who the caller is, or throws 401 ADMIN_ONLY. The one admin check. */
export type AdminGuard = (req: FastifyRequest) => Promise<AdminIdentity>

/** Constant-time: the comparison time must not tell an attacker how much of the token was right. */
export function sameToken(given: string, expected: string): boolean {
  const a = crypto.createHash('sha256').update(given).digest()
  const b = crypto.createHash('sha256').update(expected).digest()
  return crypto.timingSafeEqual(a, b)
}

/**
 * The bearer is either ADMIN_TOKEN (when configured; scripts, acting as an owner) or a staff
 * session (POST /api/admin/session). Anything else, an expired or disabled staff member's
 * session included, is 401 ADMIN_ONLY.
 */
export function adminGuard(opts: { token?: string; staff: Pick<StaffService, 'authenticate'> }): AdminGuard {
  return async (req) => {
    const bearer = bearerToken(req)
    if (!bearer) throw unauthorized('请先登录管理后台', 'ADMIN_ONLY')
    if (opts.token && sameToken(bearer, opts.token)) return TOKEN_IDENTITY
    const staff = await opts.staff.authenticate(bearer)
    if (staff) return staff
    throw unauthorized('登录已失效，请重新登录管理后台', 'ADMIN_ONLY')
  }
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** What an /api/admin/* route needs (src/domain/staff.ts); a route that names none is owner-only. */
    permission?: Permission
    /**
     * The caller's own session and password (GET /me, POST /me/password, DELETE /session):
     * any signed-in caller, also one whose one-time password is still to be changed.
     */
    self?: boolean
  }
  interface FastifyRequest {
    /** Set by the admin scope's guard on every /api/admin/* request. */
    admin: AdminIdentity | null
  }
}

/**
 * Every /api/admin/* route set, behind one guard (a preHandler on this scope, so it covers
 * all of them and any set added here later). Always registered: staff sign in with their
 * own accounts, ADMIN_TOKEN is optional. The route sets themselves only parse and call.
 */
export async function adminScope(app: FastifyInstance, opts: { guard: AdminGuard; images: ImageStore; codes: CodesService }): Promise<void> {
  app.decorateRequest('admin', null)
  // A misspelt permission would make its route owner-only without anyone noticing: refuse to start.
  app.addHook('onRoute', (route) => {
    const needs = route.config?.permission
    if (needs !== undefined && !(PERMISSIONS as readonly string[]).includes(needs)) throw new Error(`${route.url}: unknown permission "${needs}"`)
  })
  app.addHook('preHandler', async (req) => {
    const admin = await opts.guard(req)
    req.admin = admin
    const config = req.routeOptions.config
    if (config.self) return
    // A one-time password (new account, reset) must be replaced before anything else is done with it.
    if (admin.kind === 'staff' && admin.mustChangePassword) throw forbidden('请先修改初始密码', 'PASSWORD_CHANGE_REQUIRED')
    if (!can(admin.role, config.permission)) throw forbidden(`${ROLE_LABELS[admin.role]}没有这项权限`, 'ROLE_FORBIDDEN')
  })
  await app.register(staffAdminRoutes)
  await app.register(adminRoutes)
  await app.register(messageAdminRoutes)
  await app.register(shippingAdminRoutes)
  await app.register(promotionAdminRoutes)
  await app.register(memberAdminRoutes)
  await app.register(creditAdminRoutes)
  await app.register(catalogAdminRoutes, { images: opts.images })
  await app.register(reportAdminRoutes)
  await app.register(afterSaleAdminRoutes)
  await app.register(trackingAdminRoutes)
  await app.register(promoterAdminRoutes)
  await app.register(withdrawalAdminRoutes)
  await app.register(reviewAdminRoutes)
  await app.register(mallAdminRoutes)
  await app.register(pointsAdminRoutes)
  await app.register(memberCardAdminRoutes)
  await app.register(groupAdminRoutes)
  await app.register(planAdminRoutes)
  await app.register(levelAdminRoutes)
  await app.register(storeAdminRoutes, { images: opts.images, codes: opts.codes })
  await app.register(pickupAdminRoutes)
}
