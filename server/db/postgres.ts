import crypto from 'node:crypto'
import pg from 'pg'
import type { AfterCommit, Db, Queryable } from './types'
import { runAfterCommit, txOf, withHelpers } from './types'

// COUNT(*) and SUM() are bigint (int8) in PostgreSQL; our numbers all fit in a JS number,
// and PGlite already returns numbers, so both drivers agree.
pg.types.setTypeParser(20, (v) => Number(v))

const names = new Map<string, string>()
/**
 * Statements with parameters run as named prepared statements: PostgreSQL parses and plans
 * each text once per connection instead of on every call, which is most of its CPU for the
 * short statements a shop runs (a payment notify is eight of them). The texts are a bounded
 * set written in the code, so the per-connection cache stays small.
 */
function statementName(sql: string): string {
  let name = names.get(sql)
  if (!name) {
    name = `d${crypto.createHash('sha1').update(sql).digest('hex').slice(0, 20)}`
    if (names.size < 5000) names.set(sql, name)
  }
  return name
}

function wrap(client: pg.Pool | pg.PoolClient): Queryable {
  return withHelpers(
    async (sql, params) => {
      const r = params && params.length > 0 ? await client.query({ name: statementName(sql), text: sql, values: params as unknown[] }) : await client.query(sql)
      return { rows: r.rows, rowCount: r.rowCount ?? r.rows.length }
    },
    async (sql) => {
      await client.query(sql)
    },
  )
}

export interface PostgresOptions {
  url: string
  /** Tests give each file its own schema so files can run in parallel. */
  schema?: string
  max?: number
}

export async function openPostgres(opts: PostgresOptions): Promise<Db> {
  const pool = new pg.Pool({
    connectionString: opts.url,
    max: opts.max ?? 20,
    options: opts.schema ? `-c search_path=${opts.schema}` : undefined,
  })
  // An idle client that loses its server must not crash the process.
  pool.on('error', () => {})
  if (opts.schema) {
    if (!/^[a-z_][a-z0-9_]*$/.test(opts.schema)) throw new Error('bad schema name')
    await pool.query(`CREATE SCHEMA IF NOT EXISTS ${opts.schema}`)
  }
  return {
    ...wrap(pool),
    kind: 'postgres',
    async tx(fn) {
      const client = await pool.connect()
      const pending: AfterCommit[] = []
      let result
      try {
        await client.query('BEGIN')
        result = await fn(txOf(wrap(client), pending))
        await client.query('COMMIT')
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {})
        throw err
      } finally {
        client.release()
      }
      // After the connection is back in the pool: a callback may well run its own queries.
      await runAfterCommit(pending)
      return result
    },
    close: () => pool.end(),
  }
}
