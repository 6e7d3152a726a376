import crypto from 'node:crypto'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { can, ROLE_LABELS, type Permission } from '../../../src/domain/staff'
import { forbidden, unauthorized } from '../../lib/errors'
import { bearerToken } from '../../plugins/auth'
import { catalogAdminRoutes, type ImageStore } from '../catalog'
import { creditAdminRoutes } from '../credit'
import { memberAdminRoutes } from '../members'
import { messageAdminRoutes } from '../messages'
import { promotionAdminRoutes } from '../promotions'
import { reportAdminRoutes } from '../reports'
import { TOKEN_IDENTITY, type AdminIdentity } from '../staff'
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

/** The ADMIN_TOKEN bearer check. */
export function adminGuard(opts: { token: string }): AdminGuard {
  return async (req) => {
    const token = bearerToken(req)
    if (token && sameToken(token, opts.token)) return TOKEN_IDENTITY
    throw unauthorized('需要管理员令牌', 'ADMIN_ONLY')
  }
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** What an /api/admin/* route needs (src/domain/staff.ts); a route that names none is owner-only. */
    permission?: Permission
  }
  interface FastifyRequest {
    /** Set by the admin scope's guard on every /api/admin/* request. */
    admin: AdminIdentity | null
  }
}

/**
 * Every /api/admin/* route set, behind one guard (a preHandler on this scope, so it covers
 * all of them and any set added here later). Registered only when ADMIN_TOKEN is set:
 * without it, /api/admin/* doesn't exist (404). The route sets themselves only parse and call.
 */
export async function adminScope(app: FastifyInstance, opts: { guard: AdminGuard; images: ImageStore }): Promise<void> {
  app.decorateRequest('admin', null)
  app.addHook('preHandler', async (req) => {
    req.admin = await opts.guard(req)
    const needs = req.routeOptions.config.permission
    if (!can(req.admin.role, needs)) throw forbidden(`${ROLE_LABELS[req.admin.role]}没有这项权限`, 'ROLE_FORBIDDEN')
  })
  await app.register(adminRoutes)
  await app.register(messageAdminRoutes)
  await app.register(promotionAdminRoutes)
  await app.register(memberAdminRoutes)
  await app.register(creditAdminRoutes)
  await app.register(catalogAdminRoutes, { images: opts.images })
  await app.register(reportAdminRoutes)
}
