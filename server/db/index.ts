import fs from 'node:fs'
import path from 'node:path'
import { lockDir } from './dir-lock'
import { openPglite } from './pglite'
import { openPostgres } from './postgres'
import type { Db } from './types'

export type { AfterCommit, Db, DbKind, Queryable, Tx } from './types'

export interface OpenDbOptions {
  /** A PostgreSQL URL; without one the embedded PGlite is used. */
  databaseUrl?: string
  /** PGlite's data folder, or 'memory://' for a throwaway database. */
  dataDir: string
  schema?: string
  poolSize?: number
}

export async function openDb(opts: OpenDbOptions): Promise<Db> {
  if (opts.databaseUrl) return openPostgres({ url: opts.databaseUrl, schema: opts.schema, max: opts.poolSize })
  if (opts.dataDir.startsWith('memory://')) return openPglite(opts.dataDir)
  const dir = path.resolve(opts.dataDir, 'pglite')
  fs.mkdirSync(dir, { recursive: true })
  const release = lockDir(dir)
  try {
    const db = await openPglite(dir)
    const close = db.close.bind(db)
    return Object.assign(db, {
      close: async () => {
        try {
          await close()
        } finally {
          release()
        }
      },
    })
  } catch (err) {
    release()
    throw err
  }
}
