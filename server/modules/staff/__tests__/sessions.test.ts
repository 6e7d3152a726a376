import { expect, it } from 'vitest'
import { ADMIN_TOKEN, call, describeEachDb } from '../../../test/helpers'
import { hashToken } from '../passwords'
import { LOCK_MS, MAX_FAILED_LOGINS } from '../service'

// The clock the app reads (sessions, lockout); tests move it instead of waiting.
let clock = new Date('2026-03-01T02:00:00.000Z')
const later = (ms: number) => (clock = new Date(clock.getTime() + ms))

describeEachDb(
  'staff sign-in and sessions',
  (ctx) => {
    /** A staff account made through the API (by the ADMIN_TOKEN), with its one-time password replaced by `password`. */
    async function account(username: string, role = 'service', password = 'correct-horse-1') {
      const made = await call(ctx.app, 'POST', '/api/admin/staff', { token: ADMIN_TOKEN, body: { username, role } })
      expect(made.status).toBe(201)
      const first = await signIn(username, made.body.password)
      expect(first.status).toBe(200)
      expect((await call(ctx.app, 'POST', '/api/admin/me/password', { token: first.body.token, body: { current: made.body.password, next: password } })).status).toBe(204)
      return { id: made.body.id as number, password }
    }
    const signIn = (username: string, password: string) => call(ctx.app, 'POST', '/api/admin/session', { body: { username, password } })

    it('signs in with the right password: token, staff, expiry 12 h later; the token opens the admin API', async () => {
      const a = await account('alice', 'service')
      const res = await signIn('alice', a.password)
      expect(res.status).toBe(200)
      expect(res.body.staff).toEqual({ username: 'alice', role: 'service' })
      expect(res.body.token).toMatch(/^[A-Za-z0-9_-]{43}$/)
      expect(new Date(res.body.expiresAt).getTime() - clock.getTime()).toBe(12 * 3600_000)
      // Only the token's sha256 is stored.
      const stored = await ctx.t.db.query<{ token_hash: string }>('SELECT token_hash FROM staff_sessions')
      expect(stored.rows.map((r) => r.token_hash)).toContain(hashToken(res.body.token))
      expect(JSON.stringify(stored.rows)).not.toContain(res.body.token)
      const me = await call(ctx.app, 'GET', '/api/admin/me', { token: res.body.token })
      expect(me.body).toMatchObject({ kind: 'staff', username: 'alice', role: 'service', mustChangePassword: false })
      expect(me.body.permissions).toContain('orders:read')
      expect((await call(ctx.app, 'GET', '/api/admin/orders', { token: res.body.token })).status).toBe(200)
      // Usernames are matched lower-cased.
      expect((await signIn('ALICE', a.password)).status).toBe(200)
    })

    it('a wrong password and an unknown username get the same 401 BAD_CREDENTIALS', async () => {
      await account('bob')
      const wrong = await signIn('bob', 'not-the-password')
      const unknown = await signIn('nobody-here', 'not-the-password')
      expect([wrong.status, wrong.body.code]).toEqual([401, 'BAD_CREDENTIALS'])
      expect(unknown).toEqual(wrong)
      // Bad bodies are 400 with the field named.
      const bad = await call(ctx.app, 'POST', '/api/admin/session', { body: { username: 'bob' } })
      expect([bad.status, bad.body.field]).toEqual([400, 'password'])
    })

    it(`locks the account after ${MAX_FAILED_LOGINS} failures in a row for 15 minutes (423 with lockedUntil), then lets the right password in`, async () => {
      const c = await account('carol')
      for (let i = 1; i < MAX_FAILED_LOGINS; i++) expect((await signIn('carol', `wrong-${i}`)).body.code).toBe('BAD_CREDENTIALS')
      const fifth = await signIn('carol', 'wrong-5')
      expect(fifth.status).toBe(423)
      expect(fifth.body.code).toBe('ACCOUNT_LOCKED')
      expect(fifth.body.lockedUntil).toBe(new Date(clock.getTime() + LOCK_MS).toISOString())
      // Locked: even the right password is refused, and the list shows the lock.
      const right = await signIn('carol', c.password)
      expect([right.status, right.body.code, right.body.lockedUntil]).toEqual([423, 'ACCOUNT_LOCKED', fifth.body.lockedUntil])
      const list = await call(ctx.app, 'GET', '/api/admin/staff', { token: ADMIN_TOKEN })
      expect(list.body.items.find((s: { username: string }) => s.username === 'carol').lockedUntil).toBe(fifth.body.lockedUntil)
      later(LOCK_MS - 1000)
      expect((await signIn('carol', c.password)).status).toBe(423)
      later(1000)
      expect((await signIn('carol', c.password)).status).toBe(200)
      // A success starts the count again: four more failures don't lock.
      for (let i = 1; i < MAX_FAILED_LOGINS; i++) expect((await signIn('carol', `again-${i}`)).status).toBe(401)
      expect((await signIn('carol', c.password)).status).toBe(200)
    })

    it('counts concurrent failures one by one: five at once lock the account', async () => {
      const d = await account('dave')
      const answers = await Promise.all(Array.from({ length: MAX_FAILED_LOGINS }, (_, i) => signIn('dave', `wrong-${i}`)))
      expect(answers.map((a) => a.status).sort()).toEqual([...Array(MAX_FAILED_LOGINS - 1).fill(401), 423])
      expect((await signIn('dave', d.password)).status).toBe(423)
      later(LOCK_MS)
    })

    it('a session expires after STAFF_SESSION_TTL: 401 ADMIN_ONLY, and its row is pruned', async () => {
      const e = await account('erin', 'operator')
      const s = await signIn('erin', e.password)
      later(12 * 3600_000 - 1000)
      expect((await call(ctx.app, 'GET', '/api/admin/me', { token: s.body.token })).status).toBe(200)
      later(1000)
      const gone = await call(ctx.app, 'GET', '/api/admin/me', { token: s.body.token })
      expect([gone.status, gone.body.code]).toEqual([401, 'ADMIN_ONLY'])
      expect(await ctx.t.db.maybeOne('SELECT 1 FROM staff_sessions WHERE token_hash = $1', [hashToken(s.body.token)])).toBeNull()
    })

    it('signing in prunes every expired session', async () => {
      const f = await account('frank')
      const old = await signIn('frank', f.password)
      later(13 * 3600_000)
      await signIn('frank', f.password)
      expect(await ctx.t.db.maybeOne('SELECT 1 FROM staff_sessions WHERE token_hash = $1', [hashToken(old.body.token)])).toBeNull()
      const n = await ctx.t.db.one<{ n: number }>('SELECT count(*)::int AS n FROM staff_sessions WHERE expires_at <= $1', [clock])
      expect(n.n).toBe(0)
    })

    it('logout ends the session (204), and only that one', async () => {
      const g = await account('grace')
      const one = await signIn('grace', g.password)
      const two = await signIn('grace', g.password)
      expect((await call(ctx.app, 'DELETE', '/api/admin/session', { token: one.body.token })).status).toBe(204)
      expect((await call(ctx.app, 'GET', '/api/admin/me', { token: one.body.token })).body.code).toBe('ADMIN_ONLY')
      expect((await call(ctx.app, 'GET', '/api/admin/me', { token: two.body.token })).status).toBe(200)
      // Without a session there is nothing to end: 401 like every admin route.
      expect((await call(ctx.app, 'DELETE', '/api/admin/session')).status).toBe(401)
      // ADMIN_TOKEN has no session: 204, and it still works.
      expect((await call(ctx.app, 'DELETE', '/api/admin/session', { token: ADMIN_TOKEN })).status).toBe(204)
      expect((await call(ctx.app, 'GET', '/api/admin/me', { token: ADMIN_TOKEN })).body).toMatchObject({ kind: 'token', username: 'ADMIN_TOKEN', role: 'owner' })
    })

    it('a disabled account is out: its sessions stop working and it cannot sign in', async () => {
      const h = await account('heidi', 'operator')
      const s = await signIn('heidi', h.password)
      const off = await call(ctx.app, 'PATCH', `/api/admin/staff/${h.id}`, { token: ADMIN_TOKEN, body: { disabled: true } })
      expect([off.status, off.body.disabled]).toEqual([200, true])
      expect((await call(ctx.app, 'GET', '/api/admin/me', { token: s.body.token })).body.code).toBe('ADMIN_ONLY')
      const again = await signIn('heidi', h.password)
      expect([again.status, again.body.code]).toEqual([403, 'ACCOUNT_DISABLED'])
      // Without the right password it looks like any other wrong sign-in.
      expect((await signIn('heidi', 'wrong')).body.code).toBe('BAD_CREDENTIALS')
      await call(ctx.app, 'PATCH', `/api/admin/staff/${h.id}`, { token: ADMIN_TOKEN, body: { disabled: false } })
      expect((await signIn('heidi', h.password)).status).toBe(200)
    })

    it('a one-time password must be changed first: 403 PASSWORD_CHANGE_REQUIRED except me, me/password and logout', async () => {
      const made = await call(ctx.app, 'POST', '/api/admin/staff', { token: ADMIN_TOKEN, body: { username: 'ivan', role: 'service' } })
      expect(made.body).toMatchObject({ username: 'ivan', role: 'service' })
      expect(made.body.password).toMatch(/^[A-Za-z0-9_-]{16}$/)
      const s = await signIn('ivan', made.body.password)
      const other = await signIn('ivan', made.body.password)
      expect(s.status).toBe(200)
      const blocked = await call(ctx.app, 'GET', '/api/admin/orders', { token: s.body.token })
      expect([blocked.status, blocked.body.code]).toEqual([403, 'PASSWORD_CHANGE_REQUIRED'])
      expect((await call(ctx.app, 'GET', '/api/admin/me', { token: s.body.token })).body.mustChangePassword).toBe(true)

      const change = (body: unknown) => call(ctx.app, 'POST', '/api/admin/me/password', { token: s.body.token, body })
      const wrong = await change({ current: 'nope', next: 'a-new-password' })
      expect([wrong.status, wrong.body.code, wrong.body.field]).toEqual([400, 'WRONG_PASSWORD', 'current'])
      const short = await change({ current: made.body.password, next: 'short' })
      expect([short.status, short.body.field]).toEqual([400, 'next'])
      expect(short.body.message).toContain('至少 8 位')
      expect((await change({ current: made.body.password, next: made.body.password })).status).toBe(400)
      expect((await change({ current: made.body.password, next: 'a-new-password' })).status).toBe(204)

      expect((await call(ctx.app, 'GET', '/api/admin/orders', { token: s.body.token })).status).toBe(200)
      expect((await call(ctx.app, 'GET', '/api/admin/me', { token: s.body.token })).body.mustChangePassword).toBe(false)
      // The account's other sessions ended with the change; the old password is no more.
      expect((await call(ctx.app, 'GET', '/api/admin/me', { token: other.body.token })).status).toBe(401)
      expect((await signIn('ivan', made.body.password)).status).toBe(401)
      expect((await signIn('ivan', 'a-new-password')).status).toBe(200)
      // ADMIN_TOKEN has no password to change.
      const token = await call(ctx.app, 'POST', '/api/admin/me/password', { token: ADMIN_TOKEN, body: { current: 'x', next: 'yyyyyyyyy' } })
      expect([token.status, token.body.code]).toEqual([403, 'STAFF_ONLY'])
    })

    it('a password reset gives a new one-time password, unlocks, and ends the sessions', async () => {
      const j = await account('judy')
      const s = await signIn('judy', j.password)
      for (let i = 0; i < MAX_FAILED_LOGINS; i++) await signIn('judy', `wrong-${i}`)
      expect((await signIn('judy', j.password)).status).toBe(423)
      const reset = await call(ctx.app, 'POST', `/api/admin/staff/${j.id}/password`, { token: ADMIN_TOKEN })
      expect(reset.status).toBe(200)
      expect(reset.body.password).toMatch(/^[A-Za-z0-9_-]{16}$/)
      expect((await call(ctx.app, 'GET', '/api/admin/me', { token: s.body.token })).status).toBe(401)
      const fresh = await signIn('judy', reset.body.password)
      expect(fresh.status).toBe(200)
      expect((await call(ctx.app, 'GET', '/api/admin/orders', { token: fresh.body.token })).body.code).toBe('PASSWORD_CHANGE_REQUIRED')
    })
  },
  { now: () => clock },
)
