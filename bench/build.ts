/**
 * `npm run bench:build`: how long the storefront takes to build on this machine, from clean
 * (dist/<target> and the webpack cache removed) and warm (built again, the persistent cache
 * kept), for weapp, alipay and h5 (BENCH_TARGETS=weapp,alipay to pick), with the machine's
 * 1-minute load average next to every time (a shared 2-core machine's noise), and the bundle
 * sizes against bench/results/size.json (the mini-programs must stay within 5 %).
 * Writes bench/results/build.json. The merchant console (vite) is not part of it.
 */
import { spawnSync } from 'node:child_process'
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

function dirBytes(dir: string): number {
  let n = 0
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) n += e.isDirectory() ? dirBytes(path.join(dir, e.name)) : fs.statSync(path.join(dir, e.name)).size
  return n
}

function main() {
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
  const out = path.join(ROOT, 'bench', 'results', 'build.json')
  fs.writeFileSync(out, `${JSON.stringify({ at: new Date().toISOString(), machine: { cpus: os.cpus().length, node: process.version }, cleanSecondsAll: total, results }, null, 2)}\n`)
  console.log(`wrote ${path.relative(ROOT, out)}`)
}

main()
