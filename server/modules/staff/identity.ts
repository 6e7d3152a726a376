import type { StaffRole } from '../../../src/domain/staff'

/**
 * Who is calling /api/admin/*: a signed-in staff member, or the ADMIN_TOKEN holder (scripts),
 * who acts as an owner. Set on `req.admin` by the admin scope's guard.
 */
export type AdminIdentity =
  | { kind: 'token'; role: 'owner'; staffId: null; username: 'ADMIN_TOKEN' }
  | { kind: 'staff'; role: StaffRole; staffId: number; username: string }

export const TOKEN_IDENTITY: AdminIdentity = { kind: 'token', role: 'owner', staffId: null, username: 'ADMIN_TOKEN' }
