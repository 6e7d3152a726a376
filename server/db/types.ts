/**
 * The one database interface the modules see. Two implementations: PGlite (embedded, one
 * connection) and pg.Pool (a real PostgreSQL). SQL is PostgreSQL on both, parameterised
 * only ($1, $2 ...): user text never becomes SQL.
 */
export interface QueryResult<T> {
  rows: T[]
  rowCount: number
}

export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>>
  /** Exactly one row, else throws. */
  one<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T>
  /** The first row or null. */
  maybeOne<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T | null>
  /** Several statements, no parameters (migrations). */
  exec(sql: string): Promise<void>
}

export type DbKind = 'pglite' | 'postgres'

export interface Db extends Queryable {
  readonly kind: DbKind
  /** Runs fn in one transaction: commits when it resolves, rolls back when it throws. */
  tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T>
  close(): Promise<void>
}

/** Adds one/maybeOne on top of a bare query function. */
export function withHelpers(
  query: Queryable['query'],
  exec: Queryable['exec'],
): Queryable {
  return {
    query,
    exec,
    async one(sql, params) {
      const r = await query(sql, params)
      if (r.rows.length !== 1) throw new Error(`expected one row, got ${r.rows.length}`)
      return r.rows[0] as never
    },
    async maybeOne(sql, params) {
      const r = await query(sql, params)
      return (r.rows[0] as never) ?? null
    },
  }
}
