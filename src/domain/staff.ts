/**
 * Staff roles of the merchant console and what each may do: one table, read by the server's
 * admin scope (every /api/admin/* route names the permission it needs) and by the console
 * (which hides what the signed-in role can't use). Pure: no I/O.
 */
export const STAFF_ROLES = ['owner', 'operator', 'service'] as const
export type StaffRole = (typeof STAFF_ROLES)[number]

export const ROLE_LABELS: Record<StaffRole, string> = {
  owner: '店主',
  operator: '运营',
  service: '客服',
}

export const PERMISSIONS = [
  'dashboard:read',
  'catalog:read',
  'catalog:write',
  'orders:read',
  'orders:write',
  'refunds:write',
  'aftersales:write',
  'marketing:read',
  'marketing:write',
  'credit:write',
  'promoters:read',
  'promoters:write',
  'withdrawals:review',
  'reviews:read',
  'reviews:write',
  'stores:read',
  'stores:write',
  'pickups:verify',
  'plans:read',
  'plans:write',
  'levels:write',
  'messages:read',
  'messages:write',
  'staff:manage',
  'audit:read',
] as const
export type Permission = (typeof PERMISSIONS)[number]

/**
 * Owner: everything. Operator: catalog, promotions, orders (ship, refund). Customer service:
 * orders and after-sales, the catalog read-only. A route that names no permission is owner-only.
 */
export const ROLE_PERMISSIONS: Record<StaffRole, readonly Permission[]> = {
  owner: PERMISSIONS,
  // Everything but the people (who works here and what they did) and money paid out to promoters: those are the owner's.
  operator: PERMISSIONS.filter((p) => p !== 'staff:manage' && p !== 'audit:read' && p !== 'withdrawals:review'),
  service: ['dashboard:read', 'catalog:read', 'orders:read', 'orders:write', 'refunds:write', 'aftersales:write', 'marketing:read', 'messages:read', 'promoters:read', 'reviews:read', 'reviews:write', 'stores:read', 'pickups:verify', 'plans:read'],
}

export function can(role: StaffRole, permission: Permission | undefined): boolean {
  if (!permission) return role === 'owner'
  return ROLE_PERMISSIONS[role].includes(permission)
}

export function isStaffRole(v: unknown): v is StaffRole {
  return typeof v === 'string' && (STAFF_ROLES as readonly string[]).includes(v)
}
