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

export type AfterCommit = () => void | Promise<void>

/**
 * A transaction's connection. `afterCommit` is how an operation that runs inside someone
 * else's transaction gets work done once that transaction is durable (drop a cache, close a
 * platform trade, cancel a credit order): the callbacks run, in order, after COMMIT and
 * before `db.tx` resolves, and never after a rollback. Operations that own a table's rules
 * (orders.transitionIn, inventory.reserve/release) take a Tx, not a Queryable, so the type
 * checker refuses a call outside a transaction.
 */
export interface Tx extends Queryable {
  afterCommit(fn: AfterCommit): void
}

export interface Db extends Queryable {
  readonly kind: DbKind
  /** Runs fn in one transaction: commits when it resolves, rolls back when it throws. */
  tx<T>(fn: (q: Tx) => Promise<T>): Promise<T>
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

/** A Tx over a transaction's Queryable, collecting its after-commit callbacks in `pending`. */
export function txOf(q: Queryable, pending: AfterCommit[]): Tx {
  return { ...q, afterCommit: (fn) => void pending.push(fn) }
}

/**
 * Runs the callbacks of a committed transaction, each even when an earlier one failed (the
 * data is committed either way); the first failure is thrown afterwards, so a caller that
 * used to await the same work inline still hears about it.
 */
export async function runAfterCommit(pending: readonly AfterCommit[]): Promise<void> {
  let first: unknown = null
  for (const fn of pending) {
    try {
      await fn()
    } catch (err) {
      first ??= err
    }
  }
  if (first !== null) throw first
}
