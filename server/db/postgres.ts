import pg from 'pg'
import type { Db, Queryable } from './types'
import { withHelpers } from './types'

// COUNT(*) and SUM() are bigint (int8) in PostgreSQL; our numbers all fit in a JS number,
// and PGlite already returns numbers, so both drivers agree.
pg.types.setTypeParser(20, (v) => Number(v))

function wrap(client: pg.Pool | pg.PoolClient): Queryable {
  return withHelpers(
    async (sql, params) => {
      const r = await client.query(sql, params as unknown[] | undefined)
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
      try {
        await client.query('BEGIN')
        const result = await fn(wrap(client))
        await client.query('COMMIT')
        return result
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {})
        throw err
      } finally {
        client.release()
      }
    },
    close: () => pool.end(),
  }
}
