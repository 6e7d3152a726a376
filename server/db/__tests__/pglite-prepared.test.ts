import { PGlite } from '@electric-sql/pglite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openPglite } from '../pglite'
import { PreparedStatements } from '../pglite-prepared'
import type { Db } from '../types'

// The prepared path must answer exactly what PGlite's own query() answers: same values after
// type parsing, same affected-row counts (conditional updates read them), same errors, and
// a session that keeps working after an error, inside and outside transactions.
describe('PGlite prepared statements', () => {
  let pg: PGlite
  let prepared: PreparedStatements
  let db: Db

  beforeAll(async () => {
    db = await openPglite('memory://')
    await db.exec(`CREATE TABLE t (id serial PRIMARY KEY, n int NOT NULL CHECK (n >= 0), name text UNIQUE, at timestamptz, tags text[], doc jsonb, big bigint, ok boolean)`)
    // A second, bare PGlite to compare against: PGlite's own query() on the same data.
    pg = await PGlite.create('memory://')
    await pg.exec(`CREATE TABLE t (id serial PRIMARY KEY, n int NOT NULL CHECK (n >= 0), name text UNIQUE, at timestamptz, tags text[], doc jsonb, big bigint, ok boolean)`)
    prepared = new PreparedStatements(pg)
  })
  afterAll(async () => {
    await db.close()
    await pg.close()
  })

  const insert = `INSERT INTO t (n, name, at, tags, doc, big, ok) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`
  const row = [3, '雾霾蓝', new Date('2026-12-05T08:00:00Z'), ['a', 'b,c', 'd"e'], { price: 1990, nested: { x: [1, null] } }, 9007199254740991n, true]

  it('returns the same rows and types as PGlite query()', async () => {
    const own = await pg.query(insert, row)
    const ours = await pg.transaction(() => prepared.run(insert, [4, 'M', null, [], null, 1, false]))
    expect(own.rows[0]).toMatchObject({ n: 3, name: '雾霾蓝', tags: ['a', 'b,c', 'd"e'], doc: row[4], ok: true })
    expect((own.rows[0] as { at: Date }).at.getTime()).toBe((row[2] as Date).getTime())
    expect(ours.rows).toEqual([{ id: 2, n: 4, name: 'M', at: null, tags: [], doc: null, big: 1, ok: false }])
    const select = 'SELECT * FROM t WHERE id = ANY($1::int[]) ORDER BY id'
    const theirs = await pg.query(select, [[1, 2]])
    const again = await prepared.run(select, [[1, 2]])
    expect(again.rows).toEqual(theirs.rows)
    expect(again.rowCount).toBe(2)
  })

  it('counts affected rows from the command tag, zero included', async () => {
    const up = 'UPDATE t SET n = n - $2 WHERE id = $1 AND n >= $2'
    expect((await prepared.run(up, [1, 2])).rowCount).toBe(1)
    expect((await prepared.run(up, [1, 2])).rowCount).toBe(0)
    expect((await prepared.run('DELETE FROM t WHERE id = $1', [99])).rowCount).toBe(0)
  })

  it('throws PostgreSQL errors with their codes and keeps the session usable', async () => {
    await expect(db.query('INSERT INTO t (n, name) VALUES ($1, $2)', [-1, 'x'])).rejects.toMatchObject({ code: '23514' })
    await db.query('INSERT INTO t (n, name) VALUES ($1, $2)', [1, 'dup'])
    await expect(db.query('INSERT INTO t (n, name) VALUES ($1, $2)', [1, 'dup'])).rejects.toMatchObject({ code: '23505' })
    await expect(db.query('SELECT nope FROM t WHERE id = $1', [1])).rejects.toMatchObject({ code: '42703' })
    expect(await db.one<{ n: number }>('SELECT count(*)::int AS n FROM t WHERE name = $1', ['dup'])).toEqual({ n: 1 })
  })

  it('rolls back a failed transaction and commits a good one', async () => {
    await expect(
      db.tx(async (q) => {
        await q.query('INSERT INTO t (n, name) VALUES ($1, $2)', [1, 'gone'])
        await q.query('INSERT INTO t (n, name) VALUES ($1, $2)', [1, 'dup'])
      }),
    ).rejects.toMatchObject({ code: '23505' })
    expect(await db.maybeOne('SELECT id FROM t WHERE name = $1', ['gone'])).toBeNull()
    await db.tx((q) => q.query('INSERT INTO t (n, name) VALUES ($1, $2)', [1, 'kept']))
    expect(await db.one<{ name: string }>('SELECT name FROM t WHERE name = $1', ['kept'])).toEqual({ name: 'kept' })
  })

  it('serialises concurrent statements and transactions (no statement runs inside another transaction)', async () => {
    await db.query('INSERT INTO t (n, name) VALUES ($1, $2)', [10, 'stock'])
    const take = () =>
      db.tx(async (q) => {
        const { n } = await q.one<{ n: number }>('SELECT n FROM t WHERE name = $1', ['stock'])
        await new Promise((r) => setTimeout(r, 1))
        if (n > 0) await q.query('UPDATE t SET n = $1 WHERE name = $2', [n - 1, 'stock'])
        return n > 0
      })
    const reads = Array.from({ length: 20 }, () => db.one<{ n: number }>('SELECT n FROM t WHERE name = $1', ['stock']))
    const results = await Promise.all([...Array.from({ length: 15 }, take), ...reads])
    expect(results.slice(0, 15).filter((x) => x === true)).toHaveLength(10)
    expect(await db.one('SELECT n FROM t WHERE name = $1', ['stock'])).toEqual({ n: 0 })
  })

  it('prepares a statement again when its table changed shape', async () => {
    const sql = 'SELECT * FROM t WHERE name = $1'
    expect(Object.keys((await db.one(sql, ['kept'])) as object)).not.toContain('extra')
    await db.exec('ALTER TABLE t ADD COLUMN extra int DEFAULT 7')
    expect(await db.one(sql, ['kept'])).toMatchObject({ name: 'kept', extra: 7 })
  })
})
