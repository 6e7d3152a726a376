import { PGlite, type Transaction } from '@electric-sql/pglite'
import type { AfterCommit, Db, Queryable } from './types'
import { runAfterCommit, txOf, withHelpers } from './types'

function wrap(target: PGlite | Transaction): Queryable {
  return withHelpers(
    async (sql, params) => {
      const r = await target.query(sql, params as unknown[] | undefined)
      return { rows: r.rows as never[], rowCount: r.affectedRows ?? r.rows.length }
    },
    async (sql) => {
      await target.exec(sql)
    },
  )
}

/**
 * PGlite is a single connection. Its `transaction()` holds an exclusive lock and its plain
 * `query()` waits for that lock, so a request's statements never run inside another
 * request's transaction: transactions are serialized, which is also why stock can't be
 * oversold here even without row locks.
 */
export async function openPglite(dataDir: string): Promise<Db> {
  const pg = await PGlite.create(dataDir)
  const base = wrap(pg)
  return {
    ...base,
    kind: 'pglite',
    async tx(fn) {
      const pending: AfterCommit[] = []
      const result = await pg.transaction((t) => fn(txOf(wrap(t), pending)))
      await runAfterCommit(pending)
      return result
    },
    close: () => pg.close(),
  }
}
