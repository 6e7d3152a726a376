import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openDb } from '..'
import { lockDir } from '../dir-lock'

// PGlite is one process's database: a second process on the same DATA_DIR (a second
// `npm start`, `npm run staff` while the server runs) is refused instead of corrupting it.
describe('PGlite folder lock', () => {
  const dirs: string[] = []
  const tmp = () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'duet-lock-'))
    dirs.push(d)
    return d
  }
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true })
  })

  it('refuses a folder held by another live process, and takes it over once that process is gone', async () => {
    const dir = tmp()
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'])
    try {
      fs.writeFileSync(path.join(dir, 'duet.lock'), String(other.pid))
      expect(() => lockDir(dir)).toThrow(`in use by process ${other.pid}`)
    } finally {
      other.kill('SIGKILL')
      await new Promise((r) => other.once('exit', r))
    }
    const release = lockDir(dir)
    expect(fs.readFileSync(path.join(dir, 'duet.lock'), 'utf8')).toBe(String(process.pid))
    release()
    expect(fs.existsSync(path.join(dir, 'duet.lock'))).toBe(false)
  })

  it('openDb holds the lock while the database is open and lets go on close', async () => {
    const dataDir = tmp()
    const db = await openDb({ dataDir })
    const lock = path.join(dataDir, 'pglite', 'duet.lock')
    expect(fs.readFileSync(lock, 'utf8')).toBe(String(process.pid))
    await db.close()
    expect(fs.existsSync(lock)).toBe(false)
  })
})
