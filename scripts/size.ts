/**
 * `npm run size`: build the two mini-programs and report their package sizes.
 *
 * The main package is every file not under a subpackage root from app.json; each
 * subpackage is its root folder. IDE project files (project.config.json,
 * mini.project.json, .browserslistrc) are not uploaded as code and are left out.
 * Budgets: main package <= 1.2 MB (ours), any package <= 2 MB (the platforms' limit).
 *
 *   npm run size               build weapp + alipay, then measure
 *   npm run size -- --no-build measure the existing dist/
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const ROOT = path.resolve(__dirname, '..')
const TARGETS = ['weapp', 'alipay'] as const
type Target = (typeof TARGETS)[number]
const MAIN_BUDGET = 1_258_291 // 1.2 MB
const PACKAGE_LIMIT = 2 * 1024 * 1024 // 2 MB
const NOT_UPLOADED = new Set(['project.config.json', 'project.private.config.json', 'mini.project.json', '.browserslistrc'])

interface PackageSize {
  name: string
  root: string
  bytes: number
  files: number
}

export interface TargetSize {
  target: Target
  total: number
  main: PackageSize
  subpackages: PackageSize[]
  /** Pages app.json declares whose script is not in the build: their bytes would be missing from the count. */
  missingPages: string[]
}

/**
 * Build (unless --no-build) and copy dist/<target> to a private snapshot while holding the
 * target's build lock, so a build started by someone else can't empty the folder mid-count.
 */
function buildAndSnapshot(target: Target, build: boolean, snapshotRoot: string): string {
  const started = Date.now()
  const snap = path.join(snapshotRoot, target)
  const script = `${build ? `npm run build:${target} && ` : ''}test -f dist/${target}/app.json && cp -r dist/${target} "${snap}"`
  const res = spawnSync('flock', [`/tmp/duet-build-${target}.lock`, 'sh', '-c', script], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
  })
  if (res.status !== 0) {
    process.stderr.write(res.stdout + res.stderr)
    throw new Error(build ? `npm run build:${target} failed (exit ${res.status})` : `dist/${target}/app.json is missing: run npm run build:${target}`)
  }
  if (build) console.log(`built ${target} in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  return snap
}

function files(dir: string, rel = ''): { rel: string; bytes: number }[] {
  const out: { rel: string; bytes: number }[] = []
  for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name
    if (e.isDirectory()) out.push(...files(dir, r))
    else if (!(rel === '' && NOT_UPLOADED.has(e.name))) out.push({ rel: r, bytes: fs.statSync(path.join(dir, r)).size })
  }
  return out
}

export function measure(target: Target, dir = path.join(ROOT, 'dist', target)): TargetSize {
  const appJson = path.join(dir, 'app.json')
  if (!fs.existsSync(appJson)) throw new Error(`dist/${target}/app.json is missing: run npm run build:${target}`)
  const app = JSON.parse(fs.readFileSync(appJson, 'utf8')) as { pages?: string[]; subPackages?: { root: string; pages?: string[] }[]; subpackages?: { root: string; pages?: string[] }[] }
  const subDecl = app.subPackages ?? app.subpackages ?? []
  const roots = subDecl.map((s) => s.root.replace(/\/+$/, ''))
  const pages = [...(app.pages ?? []), ...subDecl.flatMap((s) => (s.pages ?? []).map((p) => `${s.root.replace(/\/+$/, '')}/${p}`))]
  const missingPages = pages.filter((p) => !fs.existsSync(path.join(dir, `${p}.js`)))
  const main: PackageSize = { name: 'main', root: '/', bytes: 0, files: 0 }
  const subs = new Map(roots.map((r) => [r, { name: r, root: `${r}/`, bytes: 0, files: 0 } as PackageSize]))
  let total = 0
  for (const f of files(dir)) {
    const root = roots.find((r) => f.rel.startsWith(`${r}/`))
    const pkg = root ? subs.get(root)! : main
    pkg.bytes += f.bytes
    pkg.files++
    total += f.bytes
  }
  return { target, total, main, subpackages: [...subs.values()], missingPages }
}

function kb(n: number) {
  return `${(n / 1024).toFixed(1)} KB`
}

function main() {
  const args = new Set(process.argv.slice(2))
  const snapshots = fs.mkdtempSync(path.join(os.tmpdir(), 'duet-size-'))
  let results: TargetSize[]
  try {
    results = TARGETS.map((t) => measure(t, buildAndSnapshot(t, !args.has('--no-build'), snapshots)))
  } finally {
    fs.rmSync(snapshots, { recursive: true, force: true })
  }
  const problems: string[] = []
  const rows: string[][] = [['platform', 'package', 'files', 'bytes', 'size']]
  for (const r of results) {
    for (const p of [r.main, ...r.subpackages]) {
      rows.push([r.target, p.name, String(p.files), String(p.bytes), kb(p.bytes)])
      if (p.bytes > PACKAGE_LIMIT) problems.push(`${r.target} ${p.name} is ${p.bytes} bytes, over the 2 MB platform limit`)
    }
    rows.push([r.target, 'total', '', String(r.total), kb(r.total)])
    for (const p of r.missingPages) problems.push(`${r.target} declares page ${p} but the build has no ${p}.js: its package is undercounted`)
    if (r.main.bytes > MAIN_BUDGET) problems.push(`${r.target} main package is ${r.main.bytes} bytes, over the 1.2 MB budget (${MAIN_BUDGET})`)
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)))
  for (const row of rows) console.log(row.map((c, i) => (i >= 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  '))
  const out = path.join(ROOT, 'bench/results/size.json')
  fs.mkdirSync(path.dirname(out), { recursive: true })
  fs.writeFileSync(
    out,
    `${JSON.stringify({ measuredAt: new Date().toISOString(), budgets: { mainBytes: MAIN_BUDGET, packageBytes: PACKAGE_LIMIT }, results, ok: problems.length === 0, problems }, null, 2)}\n`,
  )
  console.log(`wrote ${path.relative(ROOT, out)}`)
  if (problems.length) {
    for (const p of problems) console.error(`SIZE CHECK FAILED: ${p}`)
    process.exit(1)
  }
  console.log(`main package within budget on ${TARGETS.join(' and ')}`)
}

// Run as `npm run size`; bench/build.ts imports measure() without building.
if (require.main === module) main()
