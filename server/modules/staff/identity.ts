import type { FastifyRequest } from 'fastify'
import type { StaffRole } from '../../../src/domain/staff'

/**
 * Who is calling /api/admin/*: a signed-in staff member, or the ADMIN_TOKEN holder (scripts),
 * who acts as an owner. Set on `req.admin` by the admin scope's guard.
 */
export type AdminIdentity =
  | { kind: 'token'; role: 'owner'; staffId: null; username: 'ADMIN_TOKEN' }
  | {
      kind: 'staff'
      role: StaffRole
      staffId: number
      username: string
      /** Set while the account still has a one-time password: the admin scope then allows only the caller's own routes. */
      mustChangePassword?: boolean
    }

export const TOKEN_IDENTITY: AdminIdentity = { kind: 'token', role: 'owner', staffId: null, username: 'ADMIN_TOKEN' }

/** Whoever a change is recorded against: a staff member, the ADMIN_TOKEN, or a tool (`npm run staff`, the sandbox's first start). */
export interface AuditActor {
  staffId: number | null
  username: string
}

/** Changes made by `npm run staff` on the server's machine (no session, no token). */
export const CLI_ACTOR: AuditActor = { staffId: null, username: 'CLI' }
/** The sandbox's first start creating its owner `admin`. */
export const SYSTEM_ACTOR: AuditActor = { staffId: null, username: 'SYSTEM' }

/** The caller of an /api/admin/* route: set by the admin scope's guard before any handler runs. */
export function adminOf(req: FastifyRequest): AdminIdentity {
  if (!req.admin) throw new Error('adminOf() outside the admin scope')
  return req.admin
}
