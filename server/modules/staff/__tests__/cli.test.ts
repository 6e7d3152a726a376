import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openDb } from '../../../db'
import { migrate } from '../../../db/migrate'
import { BACKENDS, call, describeEachDb, dropTestDb, openTestDb, testApp } from '../../../test/helpers'
import { adminPasswordFile, consoleBannerLine, runStaffCli, staffService, SYSTEM_ACTOR } from '..'
import { MAX_FAILED_LOGINS } from '../service'

const ROOT = path.resolve(__dirname, '../../../..')
const tmpDirs: string[] = []
const tmpDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'duet-staff-'))
  tmpDirs.push(d)
  return d
}
afterAll(() => {
  for (const d of tmpDirs) fs.rmSync(d, { recursive: true, force: true })
})

/** Runs the CLI's function on the app's staff service; answers the exit code and what it printed. */
async function cli(app: { staff: Parameters<typeof runStaffCli>[0] }, ...argv: string[]) {
  const out: string[] = []
  const err: string[] = []
  const code = await runStaffCli(app.staff, argv, { out: (l) => out.push(l), err: (l) => err.push(l) })
  return { code, out: out.join('\n'), err: err.join('\n') }
}
const passwordIn = (text: string) => /^ {2}(\S{16})$/m.exec(text)?.[1] ?? ''

describeEachDb('npm run staff (the functions)', (ctx) => {
  const signIn = (username: string, password: string) => call(ctx.app, 'POST', '/api/admin/session', { body: { username, password } })

  it('add creates an account with a one-time password that must be changed at the first sign-in', async () => {
    const r = await cli(ctx.app, 'add', 'Boss', '--role', 'owner')
    expect(r.code).toBe(0)
    expect(r.out).toContain('Created owner (店主) "boss"')
    const password = passwordIn(r.out)
    expect(password).toHaveLength(16)
    const s = await signIn('boss', password)
    expect(s.body.staff).toEqual({ username: 'boss', role: 'owner' })
    expect((await call(ctx.app, 'GET', '/api/admin/orders', { token: s.body.token })).body.code).toBe('PASSWORD_CHANGE_REQUIRED')
    // `--role=` works too.
    expect((await cli(ctx.app, 'add', 'clerk', '--role=service')).code).toBe(0)
  })

  it('refuses a taken username, a bad role, a bad name and an unknown command with exit code 2 and a clear message', async () => {
    const dup = await cli(ctx.app, 'add', 'boss', '--role', 'operator')
    expect([dup.code, dup.err]).toEqual([2, 'USERNAME_TAKEN: 用户名 boss 已被使用'])
    const role = await cli(ctx.app, 'add', 'newbie', '--role', 'king')
    expect([role.code, role.err]).toEqual([2, 'bad role "king": use --role owner|operator|service'])
    expect((await cli(ctx.app, 'add', 'newbie')).err).toContain('bad role ""')
    expect((await cli(ctx.app, 'add', 'no spaces', '--role', 'owner')).code).toBe(2)
    const unknown = await cli(ctx.app, 'promote', 'boss')
    expect(unknown.code).toBe(2)
    expect(unknown.err).toContain('unknown command "promote"')
    expect(unknown.err).toContain('usage: npm run staff')
    expect((await cli(ctx.app, 'reset', 'ghost')).err).toBe('no staff account "ghost"')
  })

  it('list shows every account with its role and state', async () => {
    const r = await cli(ctx.app, 'list')
    expect(r.code).toBe(0)
    expect(r.out).toMatch(/boss\s+owner\s+active/)
    expect(r.out).toMatch(/clerk\s+service\s+active/)
  })

  it('reset gives a new one-time password and unlocks a locked account', async () => {
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) await signIn('clerk', `wrong-${i}`)
    expect((await cli(ctx.app, 'list')).out).toMatch(/clerk\s+service\s+locked until/)
    const r = await cli(ctx.app, 'reset', 'clerk')
    expect(r.code).toBe(0)
    const s = await signIn('clerk', passwordIn(r.out))
    expect(s.status).toBe(200)
  })

  it('disable ends an account, but not the last owner', async () => {
    const last = await cli(ctx.app, 'disable', 'boss')
    expect([last.code, last.err]).toEqual([2, 'LAST_OWNER: 至少要保留一位启用的店主'])
    const r = await cli(ctx.app, 'disable', 'clerk')
    expect(r.code).toBe(0)
    expect((await cli(ctx.app, 'list')).out).toMatch(/clerk\s+service\s+disabled/)
    const audit = await ctx.t.db.query<{ actor_name: string; action: string }>(`SELECT actor_name, action FROM audit_log WHERE actor_name = 'CLI' ORDER BY id`)
    expect(audit.rows.map((x) => x.action)).toEqual(['staff.create', 'staff.create', 'staff.reset_password', 'staff.disable'])
  })
})

describe('npm run staff (the real script)', () => {
  it('creates an account in DATA_DIR’s database and prints its password; a second add of the name exits 2', async () => {
    const dataDir = tmpDir()
    // This DATA_DIR's PGlite, whatever database the suite runs on.
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' }
    const run = (...args: string[]) => spawnSync(path.join(ROOT, 'node_modules/.bin/tsx'), ['server/staff-cli.ts', ...args], { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 })
    const first = run('add', 'boss', '--role', 'owner')
    expect(first.stderr).toBe('')
    expect(first.status).toBe(0)
    const password = passwordIn(first.stdout)
    expect(password).toHaveLength(16)
    const again = run('add', 'boss', '--role', 'owner')
    expect(again.status).toBe(2)
    expect(again.stderr).toContain('USERNAME_TAKEN')
    // DATA_DIR stays private.
    expect(fs.statSync(dataDir).mode & 0o077).toBe(0)

    const db = await openDb({ dataDir })
    try {
      await migrate(db)
      const staff = staffService(db, { now: () => new Date(), sessionTtlMs: 60_000 })
      expect((await staff.login('boss', password)).staff).toEqual({ username: 'boss', role: 'owner' })
    } finally {
      await db.close()
    }
  })
})

describe.each(BACKENDS)('sandbox first start [%s]', (kind) => {
  it('creates owner admin once, its password in DATA_DIR/admin-password (0600); a restart leaves both', async () => {
    const dataDir = tmpDir()
    const t = await openTestDb(kind, dataDir)
    try {
      const app = await testApp(t, { ...t.reopen, config: { ...t.reopen.config, dataDir, adminToken: undefined } })
      const file = adminPasswordFile(dataDir)
      const password = fs.readFileSync(file, 'utf8').trim()
      expect(fs.statSync(file).mode & 0o777).toBe(0o600)
      expect(password).toHaveLength(16)
      const s = await call(app, 'POST', '/api/admin/session', { body: { username: 'admin', password } })
      expect(s.body.staff).toEqual({ username: 'admin', role: 'owner' })
      // No one-time password here: the file is the console's way in, straight away.
      expect((await call(app, 'GET', '/api/admin/staff', { token: s.body.token })).status).toBe(200)
      expect(consoleBannerLine(dataDir, 'http://127.0.0.1:3000')).toBe(`Console: http://127.0.0.1:3000/admin/  (admin, password in ${file})`)
      await app.close()

      const again = await testApp(t, { ...t.reopen, config: { ...t.reopen.config, dataDir, adminToken: undefined } })
      expect(fs.readFileSync(file, 'utf8').trim()).toBe(password)
      expect((await t.db.one<{ n: number }>('SELECT count(*)::int AS n FROM staff')).n).toBe(1)
      await again.close()

      // Two starts at once: only one account goes in, and only that one's password comes back.
      await t.db.query('DELETE FROM staff_sessions')
      await t.db.query('DELETE FROM audit_log')
      await t.db.query('DELETE FROM staff')
      const staff = staffService(t.db, { now: () => new Date(), sessionTtlMs: 60_000 })
      const both = await Promise.all([staff.createFirstOwner(SYSTEM_ACTOR, 'admin'), staff.createFirstOwner(SYSTEM_ACTOR, 'admin')])
      expect(both.filter(Boolean)).toHaveLength(1)
    } finally {
      await dropTestDb(t)
    }
  })

  it('not in live mode (merchant keys set)', async () => {
    const dataDir = tmpDir()
    const t = await openTestDb(kind, dataDir)
    try {
      const app = await testApp(t, { ...t.reopen, config: { ...t.reopen.config, dataDir, wechat: { appId: 'wx1', secret: 's' } } })
      expect(fs.existsSync(adminPasswordFile(dataDir))).toBe(false)
      expect(consoleBannerLine(dataDir, 'http://x')).toBeNull()
      await app.close()
    } finally {
      await dropTestDb(t)
    }
  })
})
