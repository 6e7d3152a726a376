/**
 * `npm run bench:build`: how long the storefront takes to build on this machine, from clean
 * (dist/<target> and the webpack cache removed) and warm (built again, the persistent cache
 * kept), for weapp, alipay and h5 (BENCH_TARGETS=weapp,alipay to pick), with the machine's
 * 1-minute load average next to every time (a shared 2-core machine's noise), and the bundle
 * sizes against bench/results/size.json (the mini-programs must stay within 5 %).
 * Then `npm run build` as a whole from clean (the three targets and the merchant console), and
 * the H5 dev server's rebuild after a one-line change (devRebuild). BENCH_ONLY=dev: that one.
 * Writes bench/results/build.json.
 */
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { measure } from '../scripts/size'

const ROOT = path.resolve(__dirname, '..')
const TARGETS = (process.env.BENCH_TARGETS || 'weapp,alipay,h5').split(',') as ('weapp' | 'alipay' | 'h5')[]
const CACHE_DIR = path.join(ROOT, '.cache', 'webpack')
const load1 = () => Math.round(os.loadavg()[0] * 100) / 100

function build(target: string): { seconds: number; loadBefore: number; loadAfter: number } {
  const loadBefore = load1()
  const t0 = performance.now()
  const r = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'taro'), ['build', '--type', target], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, NODE_ENV: 'production' } })
  if (r.status !== 0) throw new Error(`taro build --type ${target} failed (${r.status})`)
  return { seconds: Math.round((performance.now() - t0) / 100) / 10, loadBefore, loadAfter: load1() }
}

/** Runs `npm run build` with every target's dist and webpack cache removed first. */
function wholeBuild(): { seconds: number; loadBefore: number; loadAfter: number } {
  for (const t of ['weapp', 'alipay', 'h5', 'console']) fs.rmSync(path.join(ROOT, 'dist', t), { recursive: true, force: true })
  fs.rmSync(CACHE_DIR, { recursive: true, force: true })
  const loadBefore = load1()
  const t0 = performance.now()
  const r = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, NODE_ENV: 'production' } })
  if (r.status !== 0) throw new Error(`npm run build failed (${r.status})`)
  return { seconds: Math.round((performance.now() - t0) / 100) / 10, loadBefore, loadAfter: load1() }
}

// The file a developer edits in the rebuild case: the home page, one comment line appended.
const EDITED = path.join(ROOT, 'src', 'pages', 'index', 'index.tsx')

/**
 * `taro build --type h5 --watch` as `npm run dev` runs it (NODE_ENV=development, the dev
 * server on a spare port): the first compile, then three one-line edits of the home page,
 * each timed from the write to Taro's 编译成功 / 编译警告 line. The file is put back after.
 */
async function devRebuild(): Promise<{ firstSeconds: number; rebuildSeconds: number[]; medianSeconds: number; load: number }> {
  const original = fs.readFileSync(EDITED, 'utf8')
  const child = spawn(path.join(ROOT, 'node_modules', '.bin', 'taro'), ['build', '--type', 'h5', '--watch'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'development', DUET_DEV_PORT: String(process.env.BENCH_DEV_PORT || 10186) },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let waiting: ((ms: number) => void) | null = null
  let out = ''
  const onData = (b: Buffer) => {
    out += b.toString()
    if (/编译(成功|警告|失败)/.test(out)) {
      if (/编译失败/.test(out)) console.error(out.slice(-2000))
      out = ''
      waiting?.(performance.now())
      waiting = null
    }
  }
  child.stdout.on('data', onData)
  child.stderr.on('data', onData)
  const compiled = () => new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no compile within 300 s')), 300_000)
    waiting = (t) => {
      clearTimeout(timer)
      resolve(t)
    }
  })
  try {
    const t0 = performance.now()
    const firstSeconds = Math.round(((await compiled()) - t0) / 100) / 10
    const rebuildSeconds: number[] = []
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setTimeout(r, 1500))
      const done = compiled()
      const t1 = performance.now()
      fs.writeFileSync(EDITED, `${original}// bench:build edit ${i}\n`)
      rebuildSeconds.push(Math.round(((await done) - t1) / 10) / 100)
    }
    const sorted = [...rebuildSeconds].sort((a, b) => a - b)
    return { firstSeconds, rebuildSeconds, medianSeconds: sorted[1], load: load1() }
  } finally {
    fs.writeFileSync(EDITED, original)
    child.kill('SIGTERM')
  }
}

function dirBytes(dir: string): number {
  let n = 0
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) n += e.isDirectory() ? dirBytes(path.join(dir, e.name)) : fs.statSync(path.join(dir, e.name)).size
  return n
}

async function main() {
  if (process.env.BENCH_ONLY === 'dev') {
    console.log('h5 dev rebuild', await devRebuild())
    return
  }
  const baseline = JSON.parse(fs.readFileSync(path.join(ROOT, 'bench', 'results', 'size.json'), 'utf8')) as { results: { target: string; total: number }[] }
  const results = []
  for (const target of TARGETS) {
    fs.rmSync(path.join(ROOT, 'dist', target), { recursive: true, force: true })
    for (const e of fs.existsSync(CACHE_DIR) ? fs.readdirSync(CACHE_DIR) : []) if (e.includes(`-${target}`)) fs.rmSync(path.join(CACHE_DIR, e), { recursive: true, force: true })
    const clean = build(target)
    // BENCH_WARM=0: the clean build only (a config without a persistent cache has no warm case).
    const warm = process.env.BENCH_WARM === '0' ? null : build(target)
    const bytes = target === 'h5' ? dirBytes(path.join(ROOT, 'dist', 'h5')) : measure(target).total
    const before = baseline.results.find((r) => r.target === target)?.total ?? null
    const row = { target, clean, warm, bytes, sizeJsonBytes: before, sizeChange: before ? Math.round(((bytes - before) / before) * 1000) / 10 : null }
    console.log(row)
    results.push(row)
  }
  console.table(results.map((r) => ({ target: r.target, 'clean s': r.clean.seconds, 'load (clean)': r.clean.loadAfter, 'warm s': r.warm?.seconds, 'load (warm)': r.warm?.loadAfter, bytes: r.bytes, 'vs size.json %': r.sizeChange })))
  const total = results.reduce((s, r) => s + r.clean.seconds, 0)
  console.log(`clean builds, all targets: ${Math.round(total * 10) / 10} s`)
  const npmRunBuild = process.env.BENCH_WHOLE === '0' ? null : wholeBuild()
  console.log('npm run build from clean (weapp, alipay, h5, console)', npmRunBuild)
  const h5DevRebuild = process.env.BENCH_DEV === '0' ? null : await devRebuild()
  console.log('h5 dev rebuild after a one-line change', h5DevRebuild)
  const out = path.join(ROOT, 'bench', 'results', 'build.json')
  fs.writeFileSync(out, `${JSON.stringify({ at: new Date().toISOString(), machine: { cpus: os.cpus().length, node: process.version }, cleanSecondsAll: total, npmRunBuild, h5DevRebuild, results }, null, 2)}\n`)
  console.log(`wrote ${path.relative(ROOT, out)}`)
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
