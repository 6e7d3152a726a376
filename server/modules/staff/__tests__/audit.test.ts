import { expect, it } from 'vitest'
import { ADMIN_TOKEN, call, describeEachDb, staffToken } from '../../../test/helpers'

describeEachDb('staff changes and the audit log', (ctx) => {
  const audit = (query = '', token = ADMIN_TOKEN) => call(ctx.app, 'GET', `/api/admin/audit${query}`, { token })

  it('keeps one active owner at least: 409 LAST_OWNER on demoting or disabling the last one', async () => {
    const a = await call(ctx.app, 'POST', '/api/admin/staff', { token: ADMIN_TOKEN, body: { username: 'owner-a', role: 'owner' } })
    expect(a.status).toBe(201)
    const patch = (id: number, body: unknown) => call(ctx.app, 'PATCH', `/api/admin/staff/${id}`, { token: ADMIN_TOKEN, body })
    for (const body of [{ role: 'operator' }, { disabled: true }, { role: 'service', disabled: true }]) {
      const res = await patch(a.body.id, body)
      expect([res.status, res.body.code]).toEqual([409, 'LAST_OWNER'])
    }
    const b = await call(ctx.app, 'POST', '/api/admin/staff', { token: ADMIN_TOKEN, body: { username: 'owner-b', role: 'owner' } })
    expect((await patch(a.body.id, { disabled: true })).status).toBe(200)
    // A is disabled: B is now the last active owner.
    expect((await patch(b.body.id, { role: 'operator' })).body.code).toBe('LAST_OWNER')
    // Two owners demoting each other at once: one of them stays an owner.
    expect((await patch(a.body.id, { disabled: false })).status).toBe(200)
    const both = await Promise.all([patch(a.body.id, { role: 'operator' }), patch(b.body.id, { role: 'operator' })])
    expect(both.map((r) => r.status).sort()).toEqual([200, 409])
    const owners = await ctx.t.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM staff WHERE role = 'owner' AND NOT disabled`)
    expect(owners.n).toBe(1)
  })

  it('validates staff bodies with Chinese messages and refuses a taken username', async () => {
    const bad = await call(ctx.app, 'POST', '/api/admin/staff', { token: ADMIN_TOKEN, body: { username: 'x', role: 'owner' } })
    expect([bad.status, bad.body.field]).toEqual([400, 'username'])
    expect(bad.body.message).toContain('至少 3 个字符')
    const role = await call(ctx.app, 'POST', '/api/admin/staff', { token: ADMIN_TOKEN, body: { username: 'okname', role: 'boss' } })
    expect([role.status, role.body.field]).toEqual([400, 'role'])
    expect((await call(ctx.app, 'POST', '/api/admin/staff', { token: ADMIN_TOKEN, body: { username: 'Taken', role: 'service' } })).status).toBe(201)
    const again = await call(ctx.app, 'POST', '/api/admin/staff', { token: ADMIN_TOKEN, body: { username: 'taken', role: 'service' } })
    expect([again.status, again.body.code]).toEqual([409, 'USERNAME_TAKEN'])
    expect((await call(ctx.app, 'PATCH', '/api/admin/staff/999999', { token: ADMIN_TOKEN, body: { role: 'service' } })).status).toBe(404)
    expect((await call(ctx.app, 'PATCH', '/api/admin/staff/1', { token: ADMIN_TOKEN, body: {} })).status).toBe(400)
  })

  it('writes who, what, before and after for every staff change; never a password or its hash', async () => {
    const owner = await staffToken(ctx.app, 'owner', 'audit-owner')
    const made = await call(ctx.app, 'POST', '/api/admin/staff', { token: owner, body: { username: 'audited', role: 'service' } })
    const id = made.body.id as number
    await call(ctx.app, 'PATCH', `/api/admin/staff/${id}`, { token: owner, body: { role: 'operator' } })
    await call(ctx.app, 'PATCH', `/api/admin/staff/${id}`, { token: ADMIN_TOKEN, body: { disabled: true } })
    const reset = await call(ctx.app, 'POST', `/api/admin/staff/${id}/password`, { token: owner })

    const log = await audit(`?entity=staff&entityId=${id}`)
    expect(log.status).toBe(200)
    expect(log.body.total).toBe(4)
    // Newest first.
    expect(log.body.items.map((r: { action: string; actor: string }) => [r.action, r.actor])).toEqual([
      ['staff.reset_password', 'audit-owner'],
      ['staff.disable', 'ADMIN_TOKEN'],
      ['staff.role', 'audit-owner'],
      ['staff.create', 'audit-owner'],
    ])
    const [resetRow, disableRow, roleRow, createRow] = log.body.items
    expect(createRow).toMatchObject({ entity: 'staff', entityId: String(id), before: null, after: { username: 'audited', role: 'service' } })
    expect(roleRow).toMatchObject({ before: { role: 'service', disabled: false }, after: { role: 'operator', disabled: false } })
    expect(disableRow).toMatchObject({ before: { disabled: false }, after: { disabled: true } })
    expect(resetRow).toMatchObject({ after: { mustChangePassword: true } })
    expect(typeof createRow.id).toBe('number')
    expect(new Date(createRow.createdAt).toISOString()).toBe(createRow.createdAt)
    // The rows carry the acting staff member's id (NULL for the ADMIN_TOKEN).
    const ids = await ctx.t.db.query<{ staff_id: number | null; actor_name: string }>('SELECT staff_id, actor_name FROM audit_log WHERE entity_id = $1', [String(id)])
    for (const r of ids.rows) expect(r.staff_id === null).toBe(r.actor_name === 'ADMIN_TOKEN')

    const everything = JSON.stringify((await ctx.t.db.query('SELECT before, after FROM audit_log')).rows)
    expect(everything).not.toContain('$argon2')
    expect(everything).not.toContain(made.body.password)
    expect(everything).not.toContain(reset.body.password)
    expect(everything).not.toMatch(/password_hash|"password"/)
  })

  it('filters the log by actor and action, and pages it', async () => {
    const byToken = await audit('?actor=ADMIN_TOKEN&pageSize=50')
    expect(byToken.body.items.length).toBeGreaterThan(0)
    expect(byToken.body.items.every((r: { actor: string }) => r.actor === 'ADMIN_TOKEN')).toBe(true)
    const creates = await audit('?action=staff.create&pageSize=2')
    expect(creates.body.total).toBeGreaterThan(2)
    expect(creates.body).toMatchObject({ page: 1, pageSize: 2 })
    expect(creates.body.items).toHaveLength(2)
    const page2 = await audit('?action=staff.create&pageSize=2&page=2')
    expect(page2.body.items[0].id).toBeLessThan(creates.body.items[1].id)
    expect((await audit('?actor=nobody')).body).toMatchObject({ items: [], total: 0 })
    expect((await audit('?pageSize=500')).status).toBe(400)
  })

  it('a password change is audited against the staff member themself', async () => {
    const made = await call(ctx.app, 'POST', '/api/admin/staff', { token: ADMIN_TOKEN, body: { username: 'changer', role: 'service' } })
    const s = await call(ctx.app, 'POST', '/api/admin/session', { body: { username: 'changer', password: made.body.password } })
    expect((await call(ctx.app, 'POST', '/api/admin/me/password', { token: s.body.token, body: { current: made.body.password, next: 'changed-password' } })).status).toBe(204)
    const log = await audit(`?action=staff.password_change&entityId=${made.body.id}`)
    expect(log.body.items).toEqual([expect.objectContaining({ actor: 'changer', before: { mustChangePassword: true }, after: { mustChangePassword: false } })])
  })
})
