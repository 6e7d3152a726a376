import { protocol, types, type PGlite, type messages } from '@electric-sql/pglite'
import type { QueryResult } from './types'

const { serialize } = protocol

/**
 * Named prepared statements for PGlite, as server/db/postgres.ts has them for pg.
 *
 * PGlite's own `query()` parses, describes, binds, describes again, executes and syncs: six
 * trips into the WASM Postgres per statement, and the statement is parsed and planned every
 * time. Measured on the demo shop (bench/results, issue 20): `SELECT $1` costs 104 µs that
 * way and 29 µs as one Bind+Execute+Sync message to a statement parsed once; a live-promotion
 * read 320 → 114 µs. A shop's requests are dozens of short statements, all on the one thread.
 *
 * Each SQL text is parsed once (Parse + Describe, which gives the parameter and result types),
 * then every call is one message. The texts are a bounded set written in the code; past
 * MAX_STATEMENTS new texts go through PGlite's own path. Values are serialised and rows parsed
 * with PGlite's own type handlers, and affected rows are read from the command tag as PGlite
 * does, so the answers are the same (server/db/__tests__/pglite-prepared.test.ts checks).
 */
const MAX_STATEMENTS = 2000

interface Statement {
  name: string
  paramTypes: number[]
  fields: { name: string; dataTypeID: number }[]
}

/** A table's columns changed under a prepared statement (0A000 with this message; PostgreSQL replans anything else itself). */
const planChanged = (err: unknown) => (err as { code?: string }).code === '0A000' && /cached plan must not change result type/.test((err as Error).message)

function concat(parts: Uint8Array[]): Uint8Array {
  let n = 0
  for (const p of parts) n += p.length
  const out = new Uint8Array(n)
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

export class PreparedStatements {
  private readonly statements = new Map<string, Statement>()
  private next = 0

  constructor(private readonly pg: PGlite) {}

  /** True when this text has (or may get) a prepared statement; otherwise use PGlite's query(). */
  has(sql: string): boolean {
    return this.statements.has(sql) || this.statements.size < MAX_STATEMENTS
  }

  /**
   * Runs one statement. The caller holds PGlite's locks (see pglite.ts): this only talks
   * the protocol. A failed statement leaves the session ready (Sync is in every message).
   */
  async run<T>(sql: string, params: readonly unknown[]): Promise<QueryResult<T>> {
    const s = this.statements.get(sql) ?? (await this.prepare(sql))
    try {
      return await this.execute<T>(s, params)
    } catch (err) {
      if (!planChanged(err)) throw err
      // The table's columns changed (a migration in a test): prepare the text again, once.
      await this.forget(sql, s)
      return this.execute<T>(await this.prepare(sql), params)
    }
  }

  private async prepare(sql: string): Promise<Statement> {
    const name = `duet_${this.next++}`
    const msgs = await this.pg.execProtocolStream(concat([serialize.parse({ name, text: sql }), serialize.describe({ type: 'S', name }), serialize.sync()]), { syncToFs: false })
    const params = msgs.find((m): m is messages.ParameterDescriptionMessage => m.name === 'parameterDescription')
    const rows = msgs.find((m): m is messages.RowDescriptionMessage => m.name === 'rowDescription')
    const s: Statement = { name, paramTypes: params?.dataTypeIDs ?? [], fields: rows?.fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })) ?? [] }
    this.statements.set(sql, s)
    return s
  }

  private async forget(sql: string, s: Statement): Promise<void> {
    this.statements.delete(sql)
    await this.pg.execProtocolStream(concat([serialize.close({ type: 'S', name: s.name }), serialize.sync()]), { syncToFs: false })
  }

  private async execute<T>(s: Statement, params: readonly unknown[]): Promise<QueryResult<T>> {
    const values = params.map((v, i) => {
      if (v === null || v === undefined) return null
      const serializer = this.pg.serializers[s.paramTypes[i]]
      return serializer ? serializer(v) : String(v)
    })
    const msgs = await this.pg.execProtocolStream(concat([serialize.bind({ statement: s.name, values }), serialize.execute({}), serialize.sync()]), { syncToFs: false })
    return toResult<T>(msgs, s.fields, this.pg.parsers)
  }
}

function toResult<T>(msgs: messages.BackendMessage[], fields: Statement['fields'], parsers: PGlite['parsers']): QueryResult<T> {
  const rows: T[] = []
  let affected: number | null = null
  for (const m of msgs) {
    if (m.name === 'dataRow') {
      const values = (m as messages.DataRowMessage).fields
      const row: Record<string, unknown> = {}
      for (let i = 0; i < fields.length; i++) row[fields[i].name] = types.parseType(values[i], fields[i].dataTypeID, parsers)
      rows.push(row as T)
    } else if (m.name === 'commandComplete') {
      // As PGlite: the count of a tag that carries one ("UPDATE 3", "INSERT 0 1").
      const parts = (m as messages.CommandCompleteMessage).text.split(' ')
      if (['INSERT', 'UPDATE', 'DELETE', 'COPY', 'MERGE'].includes(parts[0])) affected = parseInt(parts[parts.length - 1], 10)
    }
  }
  return { rows, rowCount: affected ?? rows.length }
}
