import type { Permission, StaffRole } from '@domain/staff'
import type { LoginResult as SessionAnswer, StaffRow } from '@domain/admin-contract'
import { api, type Paged, type Query } from './client'

/** docs/admin-api.md, Staff; the session and staff answers are the server's (@domain/admin-contract). */
export type { SessionAnswer, StaffRow }

export interface Me {
  kind: 'staff' | 'token'
  username: string
  role: StaffRole
  permissions: Permission[]
  mustChangePassword: boolean
}

export interface AuditEntry {
  id: number
  actor: string
  action: string
  entity: string
  entityId: string | number | null
  before: unknown
  after: unknown
  createdAt: string
}

export const login = (username: string, password: string) => api<SessionAnswer>('/admin/session', { method: 'POST', body: { username, password } })
export const logout = () => api<void>('/admin/session', { method: 'DELETE' })
export const getMe = () => api<Me>('/admin/me')
export const changePassword = (current: string, next: string) => api<void>('/admin/me/password', { method: 'POST', body: { current, next } })

export const listStaff = () => api<{ items: StaffRow[] }>('/admin/staff')
export const createStaff = (body: { username: string; role: StaffRole }) =>
  api<{ id: number; username: string; role: StaffRole; password: string }>('/admin/staff', { method: 'POST', body })
export const updateStaff = (id: number, body: { role?: StaffRole; disabled?: boolean }) => api<StaffRow>(`/admin/staff/${id}`, { method: 'PATCH', body })
export const resetStaffPassword = (id: number) => api<{ password: string }>(`/admin/staff/${id}/password`, { method: 'POST' })

export const listAudit = (query: Query) => api<Paged<AuditEntry>>('/admin/audit', { query })
