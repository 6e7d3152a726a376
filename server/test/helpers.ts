import crypto from 'node:crypto'
import type { FastifyInstance, InjectOptions } from 'fastify'
import { afterAll, beforeAll, describe } from 'vitest'
import { buildApp, type BuildAppOptions } from '../app'
import { openDb, type Db, type DbKind } from '../db'
import { TINY_CATALOG } from './fixtures'
import type { StaffRole } from '../../src/domain/staff'
import { SYSTEM_ACTOR } from '../modules/staff'

/**
 * Every server test file runs on PGlite, and again on PostgreSQL when DATABASE_URL is set.
 * Each file gets a fresh database (PGlite in memory) or its own schema (PostgreSQL), so
 * files run in parallel without seeing each other's rows.
 */
export const BACKENDS: DbKind[] = process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite']

export interface TestDb {
  kind: DbKind
  db: Db
  /** The PostgreSQL schema (postgres only): a second app on "the same database" uses it. */
  schema?: string
  /** Options that open this same database again (for restart tests). */
  reopen: Pick<BuildAppOptions, 'config' | 'pgSchema'>
}

export async function openTestDb(kind: DbKind, dataDir = 'memory://'): Promise<TestDb> {
  if (kind === 'postgres') {
    const schema = `t_${crypto.randomBytes(6).toString('hex')}`
    const url = process.env.DATABASE_URL as string
    const db = await openDb({ databaseUrl: url, dataDir, schema, poolSize: 30 })
    return { kind, db, schema, reopen: { config: { databaseUrl: url, dataDir }, pgSchema: schema } }
  }
  const db = await openDb({ dataDir })
  return { kind, db, reopen: { config: { databaseUrl: undefined, dataDir } } }
}

export async function dropTestDb(t: TestDb): Promise<void> {
  if (t.kind === 'postgres' && t.schema) await t.db.query(`DROP SCHEMA ${t.schema} CASCADE`).catch(() => {})
  await t.db.close()
}

export const ADMIN_TOKEN = 'test-admin-token-0123456789'

/** An app on a test database: hermetic env (no merchant keys: sandbox), tiny catalog, no sweeper timer. */
export function testApp(t: TestDb, opts: BuildAppOptions = {}): Promise<FastifyInstance> {
  return buildApp({
    env: {},
    db: t.db,
    seed: TINY_CATALOG,
    sweeper: false,
    ...opts,
    // Limits off: tests log many shoppers in from one address; plugins/__tests__/security.test.ts turns them on.
    config: { dataDir: 'memory://', adminToken: ADMIN_TOKEN, rateLimit: 0, ...opts.config },
  })
}

export interface Ctx {
  t: TestDb
  app: FastifyInstance
}

/** describe() once per backend, with a fresh database and app in ctx. */
export function describeEachDb(name: string, body: (ctx: Ctx) => void, opts: BuildAppOptions = {}): void {
  for (const kind of BACKENDS) {
    describe(`${name} [${kind}]`, () => {
      const ctx = {} as Ctx
      beforeAll(async () => {
        ctx.t = await openTestDb(kind)
        ctx.app = await testApp(ctx.t, opts)
      })
      afterAll(async () => {
        await ctx.app?.close()
        if (ctx.t) await dropTestDb(ctx.t)
      })
      body(ctx)
    })
  }
}

let seq = 0
/**
 * An idempotency key unique to this test process. Keys must be at least 8 characters, and a
 * fresh machine's process ids are short: prefix, pid and counter made 7 once in CI. The time
 * in base 36 is 8 characters on its own.
 */
export const testKey = (prefix: string): string => `${prefix}-${process.pid}-${Date.now().toString(36)}-${++seq}`

/** Dev-logs in a fresh (or named) user and returns its token. */
export async function login(app: FastifyInstance, nickname = `user-${process.pid}-${++seq}`): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/dev-login', payload: { nickname } })
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`)
  return res.json().token
}

/** app.inject with a bearer token; returns status and parsed JSON. */
export async function call<T = any>( // eslint-disable-line @typescript-eslint/no-explicit-any
  app: FastifyInstance,
  method: InjectOptions['method'],
  url: string,
  opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: T }> {
  const res = await app.inject({
    method,
    url,
    headers: { ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}), ...opts.headers },
    ...(opts.body === undefined ? {} : { payload: opts.body as InjectOptions['payload'] }),
  })
  let body: T
  try {
    body = res.json()
  } catch {
    body = res.body as T
  }
  return { status: res.statusCode, body }
}

/** SKU ids of the tiny catalog by product key and spec text, read from the database. */
export async function skuId(db: Db, productKey: string, specs: Record<string, string>): Promise<number> {
  const r = await db.one<{ id: number }>(
    'SELECT k.id FROM skus k JOIN products p ON p.id = k.product_id WHERE p.key = $1 AND k.specs::jsonb = $2::jsonb',
    [productKey, JSON.stringify(specs)],
  )
  return r.id
}

export async function stockOf(db: Db, id: number): Promise<number> {
  return (await db.one<{ stock: number }>('SELECT stock FROM skus WHERE id = $1', [id])).stock
}

export async function productId(db: Db, key: string): Promise<number> {
  return (await db.one<{ id: number }>('SELECT id FROM products WHERE key = $1', [key])).id
}

let staffSeq = 0
/**
 * A staff account of this role (through the staff module, one-time password already changed)
 * and a session token for it: `call(app, 'GET', '/api/admin/orders', { token })`.
 */
export async function staffToken(app: FastifyInstance, role: StaffRole, username = `${role}-${process.pid}-${++staffSeq}`): Promise<string> {
  const { password } = await app.staff.create(SYSTEM_ACTOR, { username, role }, { mustChangePassword: false })
  return (await app.staff.login(username, password)).token
}
