import fs from 'node:fs'
import path from 'node:path'
import type { Db } from './types'

export const MIGRATIONS_DIR = path.resolve(__dirname, '..', 'migrations')

/** Numbered files 001_name.sql, in order. */
export function listMigrations(dir = MIGRATIONS_DIR): { version: number; name: string; file: string }[] {
  return fs
    .readdirSync(dir)
    .map((name) => /^(\d+)_[\w-]+\.sql$/.exec(name))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ version: Number(m[1]), name: m[0], file: path.join(dir, m[0]) }))
    .sort((a, b) => a.version - b.version)
}

/**
 * Applies the migrations not yet recorded in schema_migrations, each in its own transaction.
 * On PostgreSQL an advisory lock keeps two servers starting at once from racing.
 */
export async function migrate(db: Db, dir = MIGRATIONS_DIR): Promise<number[]> {
  // Under the same lock: CREATE TABLE IF NOT EXISTS is not safe against itself. Two servers
  // starting at once on an empty database both find no table, and the second CREATE fails with
  // 'duplicate key value violates unique constraint "pg_type_typname_nsp_index"' (found by
  // test/cluster/two-servers.test.ts, which starts two servers together).
  await db.tx(async (q) => {
    if (db.kind === 'postgres') await q.query('SELECT pg_advisory_xact_lock(72110001)')
    await q.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`)
  })
  const applied: number[] = []
  for (const m of listMigrations(dir)) {
    const done = await db.tx(async (q) => {
      if (db.kind === 'postgres') await q.query('SELECT pg_advisory_xact_lock(72110001)')
      const seen = await q.maybeOne('SELECT 1 FROM schema_migrations WHERE version = $1', [m.version])
      if (seen) return false
      await q.exec(fs.readFileSync(m.file, 'utf8'))
      await q.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name])
      return true
    })
    if (done) applied.push(m.version)
  }
  return applied
}
