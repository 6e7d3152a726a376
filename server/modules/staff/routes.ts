import { z } from 'zod'
import type { FastifyInstance } from 'fastify'
import { STAFF_ROLES, ROLE_PERMISSIONS } from '../../../src/domain/staff'
import { AppError } from '../../lib/errors'
import { idParams, pageQuery, parse } from '../../lib/validate'
import { bearerToken } from '../../plugins/auth'
import { listAudit } from './audit'
import { PASSWORD_MAX, PASSWORD_MIN, username } from './schemas'

const Login = z.object({
  // Not the create rules: a sign-in only looks the name up, and any text may be wrong.
  username: z.string({ error: '请填写用户名' }).trim().min(1, '请填写用户名').max(64, '用户名不正确').transform((s) => s.toLowerCase()),
  password: z.string({ error: '请填写密码' }).min(1, '请填写密码').max(PASSWORD_MAX, '密码不正确'),
})

const ChangePassword = z.object({
  current: z.string({ error: '请填写当前密码' }).min(1, '请填写当前密码').max(PASSWORD_MAX, '当前密码不正确'),
  next: z
    .string({ error: '请填写新密码' })
    .min(PASSWORD_MIN, `新密码至少 ${PASSWORD_MIN} 位`)
    .max(PASSWORD_MAX, `新密码最多 ${PASSWORD_MAX} 位`),
})

const role = z.enum(STAFF_ROLES, { error: '角色只能是 owner（店主）、operator（运营）、service（客服）' })
const CreateStaff = z.object({ username, role })
const PatchStaff = z
  .object({ role: role.optional(), disabled: z.boolean({ error: 'disabled 必须是 true 或 false' }).optional() })
  .refine((p) => p.role !== undefined || p.disabled !== undefined, '请至少修改一项：角色或停用状态')

const filterText = (label: string) => z.string().trim().min(1, `${label}不能为空`).max(100, `${label}最多 100 个字`).optional()
const AuditQuery = z.object({
  ...pageQuery,
  entity: filterText('entity'),
  entityId: filterText('entityId'),
  actor: filterText('actor'),
  action: filterText('action'),
})

const staffOnly = () => new AppError(403, 'STAFF_ONLY', 'ADMIN_TOKEN 不是员工账号，没有密码和会话')

/**
 * Sign-in: outside the admin scope (no token yet), rate limited with the other logins
 * (plugins/security.ts). Registered under /api.
 */
export async function staffSessionRoutes(app: FastifyInstance): Promise<void> {
  app.post('/admin/session', async (req) => {
    const input = parse(Login, req.body)
    return app.staff.login(input.username, input.password)
  })
}

/** The Staff section of docs/admin-api.md; inside the admin scope, which has already checked the caller. */
export async function staffAdminRoutes(app: FastifyInstance): Promise<void> {
  // `self`: the caller's own session and password, open to any signed-in caller, even one
  // whose one-time password is still to be changed.
  app.delete('/admin/session', { config: { self: true } }, async (req, reply) => {
    const token = bearerToken(req)
    // ADMIN_TOKEN has no session to end: nothing changes.
    if (req.admin?.kind === 'staff' && token) await app.staff.logout(token)
    return reply.status(204).send()
  })

  app.get('/admin/me', { config: { self: true } }, async (req) => {
    const me = req.admin!
    return {
      kind: me.kind,
      username: me.username,
      role: me.role,
      permissions: ROLE_PERMISSIONS[me.role],
      mustChangePassword: me.kind === 'staff' ? !!me.mustChangePassword : false,
    }
  })

  app.post('/admin/me/password', { config: { self: true } }, async (req, reply) => {
    const me = req.admin!
    if (me.kind !== 'staff') throw staffOnly()
    const input = parse(ChangePassword, req.body)
    await app.staff.changePassword(me, bearerToken(req) ?? '', input.current, input.next)
    return reply.status(204).send()
  })

  app.get('/admin/staff', { config: { permission: 'staff:manage' } }, async () => app.staff.list())

  app.post('/admin/staff', { config: { permission: 'staff:manage' } }, async (req, reply) => {
    const input = parse(CreateStaff, req.body)
    return reply.status(201).send(await app.staff.create(req.admin!, input))
  })

  app.patch('/admin/staff/:id', { config: { permission: 'staff:manage' } }, async (req) => {
    const { id } = parse(idParams, req.params)
    const patch = parse(PatchStaff, req.body ?? {})
    return app.staff.update(req.admin!, id, patch)
  })

  app.post('/admin/staff/:id/password', { config: { permission: 'staff:manage' } }, async (req) => {
    const { id } = parse(idParams, req.params)
    return app.staff.resetPassword(req.admin!, id)
  })

  app.get('/admin/audit', { config: { permission: 'audit:read' } }, async (req) => {
    const q = parse(AuditQuery, req.query)
    return listAudit(app.db, { entity: q.entity, entityId: q.entityId, actor: q.actor, action: q.action, page: q.page ?? 1, pageSize: q.pageSize ?? 20 })
  })
}
