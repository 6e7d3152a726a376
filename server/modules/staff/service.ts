import type { Db, Queryable } from '../../db'
import type { StaffRole } from '../../../src/domain/staff'
import { AppError, conflict, notFound, unauthorized } from '../../lib/errors'
import { iso } from '../../lib/rows'
import { recordAudit } from './audit'
import type { AdminIdentity, AuditActor } from './identity'
import { generatePassword, hashPassword, hashToken, newSessionToken, verifyDummy, verifyPassword } from './passwords'
import type { StaffRow, LoginResult } from '../../../src/domain/admin-contract'
export type { StaffRow, LoginResult }

/** Consecutive failures that lock an account, and for how long. */
export const MAX_FAILED_LOGINS = 5
export const LOCK_MS = 15 * 60_000

interface DbStaff {
  id: number
  username: string
  role: StaffRole
  password_hash: string
  disabled: boolean
  failed_logins: number
  locked_until: Date | string | null
  must_change_password: boolean
  created_at: Date | string
  last_login_at: Date | string | null
}

const COLUMNS = 'id, username, role, password_hash, disabled, failed_logins, locked_until, must_change_password, created_at, last_login_at'

export const badCredentials = () => unauthorized('用户名或密码不正确', 'BAD_CREDENTIALS')
const locked = (until: Date) => new AppError(423, 'ACCOUNT_LOCKED', '密码错误次数过多，账号已锁定 15 分钟，请稍后再试', { lockedUntil: until.toISOString() })
const lastOwner = () => conflict('LAST_OWNER', '至少要保留一位启用的店主')

export interface StaffServiceOptions {
  now: () => Date
  /** How long a console session lasts (STAFF_SESSION_TTL). */
  sessionTtlMs: number
}

/**
 * Staff accounts, their sessions and the rules around them (lockout, one-time passwords, the
 * last owner). The one writer of staff and staff_sessions; every change also writes its
 * audit_log row in the same transaction. Errors are AppErrors the routes pass on as they are.
 */
export function staffService(db: Db, opts: StaffServiceOptions) {
  const { now } = opts

  function toRow(r: DbStaff, at: Date): StaffRow {
    const until = r.locked_until ? new Date(r.locked_until) : null
    return {
      id: r.id,
      username: r.username,
      role: r.role,
      disabled: r.disabled,
      lockedUntil: until && until > at ? until.toISOString() : null,
      lastLoginAt: r.last_login_at ? iso(r.last_login_at) : null,
      createdAt: iso(r.created_at),
    }
  }

  const byName = (q: Queryable, username: string) => q.maybeOne<DbStaff>(`SELECT ${COLUMNS} FROM staff WHERE username = $1`, [username])
  const byId = (q: Queryable, id: number, lock = false) => q.maybeOne<DbStaff>(`SELECT ${COLUMNS} FROM staff WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id])

  /**
   * One failed password, counted by a single conditional UPDATE: the row lock makes concurrent
   * failures add up one by one, and the one that reaches the limit sets the lock (and starts
   * the count again for after it). Answers the lock's end when this failure locked the account.
   */
  async function countFailure(id: number, at: Date): Promise<Date | null> {
    const r = await db.maybeOne<{ locked_until: Date | string | null; locking: boolean }>(
      `UPDATE staff
          SET failed_logins = CASE WHEN failed_logins + 1 >= $2 THEN 0 ELSE failed_logins + 1 END,
              locked_until = CASE WHEN failed_logins + 1 >= $2 THEN $3::timestamptz ELSE locked_until END
        WHERE id = $1 AND (locked_until IS NULL OR locked_until <= $4)
        RETURNING locked_until, locked_until = $3::timestamptz AS locking`,
      [id, MAX_FAILED_LOGINS, new Date(at.getTime() + LOCK_MS), at],
    )
    // No row: a concurrent failure locked it first; that lock stands.
    if (!r) {
      const cur = await byId(db, id)
      return cur?.locked_until ? new Date(cur.locked_until) : null
    }
    return r.locking && r.locked_until ? new Date(r.locked_until) : null
  }

  async function startSession(q: Queryable, staffId: number, at: Date): Promise<{ token: string; expiresAt: Date }> {
    const { token, hash } = newSessionToken()
    const expiresAt = new Date(at.getTime() + opts.sessionTtlMs)
    await q.query('INSERT INTO staff_sessions (token_hash, staff_id, created_at, expires_at) VALUES ($1, $2, $3, $4)', [hash, staffId, at, expiresAt])
    return { token, expiresAt }
  }

  /**
   * The account row and its audit row, in the caller's transaction; null when the name is taken.
   * The hash is made before (`hashed`): argon2 takes a while, and no transaction should wait on it.
   */
  async function insertStaff(
    q: Queryable,
    actor: AuditActor,
    input: { username: string; role: StaffRole },
    hash: string,
    o: { mustChangePassword?: boolean },
  ): Promise<{ id: number } | null> {
    const r = await q.maybeOne<{ id: number }>(
      `INSERT INTO staff (username, role, password_hash, must_change_password, created_at)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (username) DO NOTHING RETURNING id`,
      [input.username, input.role, hash, o.mustChangePassword ?? true, now()],
    )
    if (!r) return null
    await recordAudit(q, actor, { action: 'staff.create', entity: 'staff', entityId: r.id, after: { username: input.username, role: input.role } })
    return r
  }

  return {
    /**
     * Sign-in. Unknown usernames are verified against a dummy hash and answer the same 401 as
     * a wrong password; 5 failures in a row lock the account for 15 minutes (423), a success
     * resets the count. Expired sessions are pruned here, so the table doesn't grow.
     */
    async login(username: string, password: string): Promise<LoginResult> {
      const at = now()
      const row = await byName(db, username)
      if (!row) {
        await verifyDummy(password)
        throw badCredentials()
      }
      const until = row.locked_until ? new Date(row.locked_until) : null
      // While locked no password is even tried: guessing must wait out the lock.
      if (until && until > at) throw locked(until)
      const ok = await verifyPassword(row.password_hash, password)
      if (!ok) {
        if (row.disabled) throw badCredentials()
        const lockedNow = await countFailure(row.id, at)
        if (lockedNow && lockedNow > at) throw locked(lockedNow)
        throw badCredentials()
      }
      // Only with the right password: telling a disabled account apart gives nothing away.
      if (row.disabled) throw new AppError(403, 'ACCOUNT_DISABLED', '账号已停用，请联系店主')
      return db.tx(async (tx) => {
        // Conditional: a lock set by a concurrent failure since the read above still holds.
        const done = await tx.maybeOne<{ id: number }>(
          `UPDATE staff SET failed_logins = 0, locked_until = NULL, last_login_at = $2
            WHERE id = $1 AND NOT disabled AND (locked_until IS NULL OR locked_until <= $2) RETURNING id`,
          [row.id, at],
        )
        if (!done) {
          const cur = await byId(tx, row.id)
          if (cur?.locked_until) throw locked(new Date(cur.locked_until))
          throw badCredentials()
        }
        await tx.query('DELETE FROM staff_sessions WHERE expires_at <= $1', [at])
        const s = await startSession(tx, row.id, at)
        return { token: s.token, staff: { username: row.username, role: row.role }, expiresAt: s.expiresAt.toISOString() }
      })
    },

    /** The staff identity behind a session token, or null (unknown, expired: deleted, disabled). */
    async authenticate(token: string): Promise<AdminIdentity | null> {
      const hash = hashToken(token)
      const r = await db.maybeOne<{ id: number; username: string; role: StaffRole; disabled: boolean; must_change_password: boolean; expires_at: Date | string }>(
        `SELECT st.id, st.username, st.role, st.disabled, st.must_change_password, se.expires_at
           FROM staff_sessions se JOIN staff st ON st.id = se.staff_id WHERE se.token_hash = $1`,
        [hash],
      )
      if (!r) return null
      if (new Date(r.expires_at) <= now()) {
        await db.query('DELETE FROM staff_sessions WHERE token_hash = $1', [hash])
        return null
      }
      if (r.disabled) return null
      return { kind: 'staff', role: r.role, staffId: r.id, username: r.username, mustChangePassword: r.must_change_password }
    },

    async logout(token: string): Promise<void> {
      await db.query('DELETE FROM staff_sessions WHERE token_hash = $1', [hashToken(token)])
    },

    /**
     * The signed-in staff member's own password. The current one must be right (a wrong one
     * counts towards the lockout like a failed sign-in: a left-open console is no way round it);
     * the other sessions of this account end, the calling one stays.
     */
    async changePassword(actor: AdminIdentity & { kind: 'staff' }, token: string, current: string, next: string): Promise<void> {
      const at = now()
      const row = await byId(db, actor.staffId)
      if (!row) throw notFound('员工', 'STAFF_NOT_FOUND')
      if (!(await verifyPassword(row.password_hash, current))) {
        const lockedNow = await countFailure(row.id, at)
        if (lockedNow && lockedNow > at) throw locked(lockedNow)
        throw new AppError(400, 'WRONG_PASSWORD', '当前密码不正确', { field: 'current' })
      }
      if (current === next) throw new AppError(400, 'BAD_INPUT', '新密码不能与当前密码相同', { field: 'next' })
      const hash = await hashPassword(next)
      await db.tx(async (tx) => {
        await tx.query('UPDATE staff SET password_hash = $2, must_change_password = false, failed_logins = 0 WHERE id = $1', [row.id, hash])
        await tx.query('DELETE FROM staff_sessions WHERE staff_id = $1 AND token_hash <> $2', [row.id, hashToken(token)])
        // The hash is never audited: only that it changed.
        await recordAudit(tx, actor, { action: 'staff.password_change', entity: 'staff', entityId: row.id, before: { mustChangePassword: row.must_change_password }, after: { mustChangePassword: false } })
      })
    },

    async list(): Promise<{ items: StaffRow[] }> {
      const at = now()
      const r = await db.query<DbStaff>(`SELECT ${COLUMNS} FROM staff ORDER BY id`)
      return { items: r.rows.map((x) => toRow(x, at)) }
    },

    async findByUsername(username: string): Promise<StaffRow | null> {
      const r = await byName(db, username)
      return r ? toRow(r, now()) : null
    },

    /** A new account with a one-time password (changed at first sign-in unless told otherwise); 409 USERNAME_TAKEN. */
    async create(actor: AuditActor, input: { username: string; role: StaffRole }, o: { password?: string; mustChangePassword?: boolean } = {}) {
      const password = o.password ?? generatePassword()
      const hash = await hashPassword(password)
      const made = await db.tx((tx) => insertStaff(tx, actor, input, hash, o))
      if (!made) throw conflict('USERNAME_TAKEN', `用户名 ${input.username} 已被使用`)
      return { id: made.id, username: input.username, role: input.role, password }
    },

    /**
     * Role and enabled flag. The active owners are locked first, so two owners demoting each
     * other at once can't both succeed and leave the shop without one (409 LAST_OWNER).
     * Disabling ends the account's sessions; a role change applies to them at the next request.
     */
    async update(actor: AuditActor, id: number, patch: { role?: StaffRole; disabled?: boolean }): Promise<StaffRow> {
      return db.tx(async (tx) => {
        const owners = await tx.query<{ id: number }>(`SELECT id FROM staff WHERE role = 'owner' AND NOT disabled ORDER BY id FOR UPDATE`)
        const before = await byId(tx, id, true)
        if (!before) throw notFound('员工', 'STAFF_NOT_FOUND')
        const role = patch.role ?? before.role
        const disabled = patch.disabled ?? before.disabled
        const wasOwner = before.role === 'owner' && !before.disabled
        if (wasOwner && !(role === 'owner' && !disabled) && owners.rows.length <= 1) throw lastOwner()
        const after = await tx.one<DbStaff>(`UPDATE staff SET role = $2, disabled = $3 WHERE id = $1 RETURNING ${COLUMNS}`, [id, role, disabled])
        if (disabled && !before.disabled) await tx.query('DELETE FROM staff_sessions WHERE staff_id = $1', [id])
        if (role !== before.role || disabled !== before.disabled) {
          await recordAudit(tx, actor, {
            action: disabled !== before.disabled ? (disabled ? 'staff.disable' : 'staff.enable') : 'staff.role',
            entity: 'staff',
            entityId: id,
            before: { username: before.username, role: before.role, disabled: before.disabled },
            after: { username: after.username, role: after.role, disabled: after.disabled },
          })
        }
        return toRow(after, now())
      })
    },

    /** A new one-time password (to be changed at the next sign-in); unlocks and ends the account's sessions. */
    async resetPassword(actor: AuditActor, id: number): Promise<{ password: string }> {
      const password = generatePassword()
      const hash = await hashPassword(password)
      return db.tx(async (tx) => {
        const before = await byId(tx, id, true)
        if (!before) throw notFound('员工', 'STAFF_NOT_FOUND')
        await tx.query('UPDATE staff SET password_hash = $2, must_change_password = true, failed_logins = 0, locked_until = NULL WHERE id = $1', [id, hash])
        await tx.query('DELETE FROM staff_sessions WHERE staff_id = $1', [id])
        const wasLocked = !!before.locked_until && new Date(before.locked_until) > now()
        await recordAudit(tx, actor, {
          action: 'staff.reset_password',
          entity: 'staff',
          entityId: id,
          before: { username: before.username, locked: wasLocked, mustChangePassword: before.must_change_password },
          after: { username: before.username, locked: false, mustChangePassword: true },
        })
        return { password }
      })
    },

    /**
     * The sandbox's first start: owner `admin` with a random password, only when there is no
     * staff at all. INSERT … ON CONFLICT DO NOTHING decides between servers starting together:
     * only the one whose row went in gets the password back (and writes the file).
     */
    async createFirstOwner(actor: AuditActor, username: string): Promise<string | null> {
      if (await db.maybeOne('SELECT 1 FROM staff LIMIT 1')) return null
      const password = generatePassword()
      const hash = await hashPassword(password)
      const made = await db.tx((tx) => insertStaff(tx, actor, { username, role: 'owner' }, hash, { mustChangePassword: false }))
      return made ? password : null
    },
  }
}

export type StaffService = ReturnType<typeof staffService>
