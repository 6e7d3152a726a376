import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../app'
import { TINY_CATALOG } from '../../test/fixtures'
import { ensurePrivateDir } from '../private-dir'

/** Every path under dir whose mode lets group or others in. */
function openToOthers(dir: string): string[] {
  const found: string[] = []
  const walk = (p: string) => {
    const st = fs.lstatSync(p)
    if (st.isSymbolicLink()) return
    if (st.mode & 0o077) found.push(`${path.relative(dir, p) || '.'} ${(st.mode & 0o777).toString(8)}`)
    if (st.isDirectory()) for (const n of fs.readdirSync(p)) walk(path.join(p, n))
  }
  walk(dir)
  return found
}

describe('DATA_DIR is private', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'duet-private-'))
  const umask = process.umask()
  afterAll(() => {
    process.umask(umask)
    fs.rmSync(root, { recursive: true, force: true })
  })

  it('a first start on the embedded database leaves nothing readable by others (folder 0700, files 0600)', async () => {
    process.umask(0o022) // the usual login shell's
    const dataDir = path.join(root, 'fresh')
    const app = await buildApp({ env: {}, config: { dataDir }, seed: TINY_CATALOG, sweeper: false })
    await app.close()
    expect((fs.statSync(dataDir).mode & 0o777).toString(8)).toBe('700')
    expect(fs.existsSync(path.join(dataDir, 'pglite'))).toBe(true)
    expect(fs.existsSync(path.join(dataDir, 'session-secret'))).toBe(true)
    expect(openToOthers(dataDir)).toEqual([])
  }, 120_000)

  it('closes a folder and files an older version left open', () => {
    process.umask(0o022)
    const dir = path.join(root, 'old')
    fs.mkdirSync(path.join(dir, 'pglite', 'base'), { recursive: true, mode: 0o755 })
    fs.writeFileSync(path.join(dir, 'pglite', 'base', '1'), 'x', { mode: 0o666 })
    fs.chmodSync(path.join(dir, 'pglite', 'base', '1'), 0o666)
    fs.writeFileSync(path.join(dir, 'session-secret'), 'y', { mode: 0o644 })
    expect(openToOthers(dir).length).toBeGreaterThan(0)
    const r = ensurePrivateDir(dir)
    expect(r.tightened).toBeGreaterThanOrEqual(4)
    expect(openToOthers(dir)).toEqual([])
    expect((fs.statSync(path.join(dir, 'pglite', 'base', '1')).mode & 0o777).toString(8)).toBe('600')
  })
})
