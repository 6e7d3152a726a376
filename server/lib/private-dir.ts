import fs from 'node:fs'
import path from 'node:path'

/**
 * DATA_DIR holds the embedded database, the session secret and the sandbox's private keys:
 * nobody but the server's own user may read it. The folder is 0700, which alone shuts every
 * other user out; the umask makes the files we write 0600. PGlite chmods its own files 0666
 * whatever the umask, so they are closed on every start and again when the app closes. A
 * folder that can't be made private (owned by another user) stops the start.
 */
export const PRIVATE_UMASK = 0o077

export function ensurePrivateDir(dir: string): { tightened: number } {
  process.umask(PRIVATE_UMASK)
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 })
  let tightened = 0
  const walk = (p: string) => {
    const st = fs.lstatSync(p)
    if (st.isSymbolicLink()) return
    if (st.mode & 0o077) {
      fs.chmodSync(p, st.mode & 0o700)
      tightened++
    }
    if (st.isDirectory()) for (const name of fs.readdirSync(p)) walk(path.join(p, name))
  }
  walk(dir)
  const mode = fs.statSync(dir).mode & 0o777
  if (mode & 0o077) throw new Error(`DATA_DIR ${dir} is readable by others (mode ${mode.toString(8)}) and could not be made private: chmod 700 it`)
  return { tightened }
}
