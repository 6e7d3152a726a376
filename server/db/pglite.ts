import { PGlite, type Transaction } from '@electric-sql/pglite'
import { PreparedStatements } from './pglite-prepared'
import type { AfterCommit, Db, Queryable } from './types'
import { runAfterCommit, txOf, withHelpers } from './types'

/**
 * One statement, outside or inside a transaction. PGlite is a single connection: its
 * `transaction()` holds an exclusive lock and its plain `query()` waits for that lock, so a
 * request's statements never run inside another request's transaction. The prepared path
 * takes the same locks PGlite's own query() takes (the transaction lock only outside a
 * transaction, whose callback already holds it).
 */
function wrap(pg: PGlite, prepared: PreparedStatements, tx: Transaction | null): Queryable {
  return withHelpers(
    async (sql, params) => {
      if (!prepared.has(sql)) {
        const r = await (tx ?? pg).query(sql, params as unknown[] | undefined)
        return { rows: r.rows as never[], rowCount: r.affectedRows || r.rows.length }
      }
      const run = () => pg._runExclusiveQuery(() => prepared.run<never>(sql, params ?? []))
      if (tx) return run()
      const r = await pg._runExclusiveTransaction(run)
      await pg.syncToFs()
      return r
    },
    async (sql) => {
      await (tx ?? pg).exec(sql)
    },
  )
}

/**
 * The embedded database. Transactions are serialized (one connection), which is also why
 * stock can't be oversold here even without row locks.
 */
export async function openPglite(dataDir: string): Promise<Db> {
  const pg = await PGlite.create(dataDir)
  const prepared = new PreparedStatements(pg)
  const base = wrap(pg, prepared, null)
  return {
    ...base,
    kind: 'pglite',
    async tx(fn) {
      const pending: AfterCommit[] = []
      const result = await pg.transaction((t) => fn(txOf(wrap(pg, prepared, t), pending)))
      await runAfterCommit(pending)
      return result
    },
    close: () => pg.close(),
  }
}
