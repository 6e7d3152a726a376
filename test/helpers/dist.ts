import fs from 'node:fs'
import path from 'node:path'

export type MiniTarget = 'weapp' | 'alipay'
export type Target = MiniTarget | 'h5' | 'console'

export const ROOT = path.resolve(__dirname, '../..')

/** Where a target's build lives; the bundle and e2e tests read the compiled output, never the sources. */
export function distDir(target: Target): string {
  return path.join(ROOT, 'dist', target)
}

/**
 * The built output of a target, or a clear error telling how to make it. Tests call this
 * in beforeAll so a missing build fails loudly instead of testing nothing.
 */
export function requireDist(target: Target): string {
  const dir = distDir(target)
  const marker = target === 'h5' || target === 'console' ? 'index.html' : 'app.json'
  if (!fs.existsSync(path.join(dir, marker))) {
    throw new Error(`dist/${target} is missing (no ${marker}). Run \`npm run build\` (or \`npm run build:${target}\`) first.`)
  }
  return dir
}

/** All files under dir (relative, forward slashes), sorted. */
export function listFiles(dir: string, filter: (rel: string) => boolean = () => true): string[] {
  const out: string[] = []
  const walk = (sub: string) => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name
      if (entry.isDirectory()) walk(rel)
      else if (filter(rel)) out.push(rel)
    }
  }
  walk('')
  return out.sort()
}
