import fs from 'node:fs'
import path from 'node:path'

/**
 * One process per PGlite folder. PGlite is an embedded database: two processes writing one
 * folder (a second `npm start`, or `npm run staff` while the server runs) would corrupt it, and
 * PGlite itself doesn't stop them. The folder gets a lock file naming the holder's pid; a lock
 * whose process is gone (a crash, kill -9) is taken over. Returns the release function.
 */
export function lockDir(dir: string): () => void {
  const file = path.join(dir, 'duet.lock')
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx', mode: 0o600 })
      return () => {
        try {
          if (fs.readFileSync(file, 'utf8').trim() === String(process.pid)) fs.unlinkSync(file)
        } catch {
          // Already gone: nothing to release.
        }
      }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
    }
    const holder = Number(fs.readFileSync(file, 'utf8').trim())
    // This process already holds it (tests reopen a folder they closed): no second lock to take.
    if (holder === process.pid) return () => {}
    if (Number.isInteger(holder) && holder > 0 && alive(holder)) {
      throw new Error(
        `the embedded database in ${dir} is in use by process ${holder} (a running server?). ` +
          'Stop it first, or use DATABASE_URL (PostgreSQL) to run several processes on one database.',
      )
    }
    fs.rmSync(file, { force: true })
  }
  throw new Error(`could not lock ${dir}`)
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    // EPERM: it exists but belongs to another user; still alive.
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}
