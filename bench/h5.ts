/**
 * `npm run bench:h5`: how fast the H5 preview shows products on the embedded server.
 *
 * Starts the real server (in-memory PGlite, demo seed) serving dist/h5 on 127.0.0.1, then in
 * headless Chromium measures the time from navigation start to the first `.product-card`
 * on the home page (read in the page: performance.now() when the card enters the DOM).
 *   cold: a new browser context per run (empty cache, storage and connections)
 *   warm: one context, reloaded (HTTP cache and the service's connections kept)
 * Prints medians and writes bench/results/h5.json. Target: cold median < 1 s.
 *
 *   npm run bench:h5 [-- --runs 10]
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { BrowserContext } from 'playwright-core'
import { launchChromium, PHONE } from '../test/helpers/browser'
import { startTestServer } from '../test/helpers/server'

const ROOT = path.resolve(__dirname, '..')
const TARGET_COLD_MS = 1000

// Runs in the page before any of its scripts: note when the first product card appears.
const PROBE = `(() => {
  const mark = () => {
    if (window.__firstCard === undefined && document.querySelector('.product-card')) window.__firstCard = performance.now()
  }
  new MutationObserver(mark).observe(document, { childList: true, subtree: true })
})()`

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`)
  return i > -1 ? Number(process.argv[i + 1]) : fallback
}

async function measure(context: BrowserContext, url: string, reload: boolean, page?: Awaited<ReturnType<BrowserContext['newPage']>>) {
  const p = page ?? (await context.newPage())
  const errors: string[] = []
  p.on('pageerror', (e) => errors.push(e.message))
  if (reload) await p.reload({ waitUntil: 'commit' })
  else await p.goto(url, { waitUntil: 'commit' })
  try {
    await p.waitForFunction(() => (window as unknown as { __firstCard?: number }).__firstCard !== undefined, null, { timeout: 20_000, polling: 16 })
  } catch {
    throw new Error(`no .product-card within 20 s${errors.length ? `; page errors: ${errors.join('; ')}` : ''}`)
  }
  const ms = await p.evaluate(() => (window as unknown as { __firstCard: number }).__firstCard)
  return { ms, page: p }
}

async function main() {
  const runs = arg('runs', 10)
  // Serve a copy taken under the build lock: a build started meanwhile can't pull files away.
  const snap = fs.mkdtempSync(path.join(os.tmpdir(), 'duet-h5-'))
  const copy = spawnSync('flock', ['/tmp/duet-build-h5.lock', 'sh', '-c', `test -f dist/h5/index.html && cp -r dist/h5/. "${snap}"`], { cwd: ROOT })
  if (copy.status !== 0) throw new Error('dist/h5 is missing (no index.html). Run `npm run build:h5` first.')
  const server = await startTestServer({ h5: true, h5Dir: snap })
  const browser = await launchChromium()
  const url = `${server.url}/`
  try {
    // One throwaway load so the server's first-query costs are not billed to run 1.
    const warmup = await browser.newContext(PHONE)
    await warmup.addInitScript(PROBE)
    await measure(warmup, url, false)
    await warmup.close()

    const cold: number[] = []
    for (let i = 0; i < runs; i++) {
      const ctx = await browser.newContext(PHONE)
      await ctx.addInitScript(PROBE)
      cold.push((await measure(ctx, url, false)).ms)
      await ctx.close()
    }

    const warm: number[] = []
    const ctx = await browser.newContext(PHONE)
    await ctx.addInitScript(PROBE)
    const first = await measure(ctx, url, false)
    for (let i = 0; i < runs; i++) warm.push((await measure(ctx, url, true, first.page)).ms)
    await ctx.close()

    const result = {
      measuredAt: new Date().toISOString(),
      what: 'ms from navigation start to the first .product-card on the home page (H5, embedded PGlite server, 375x812 @2x)',
      runs,
      cold: { medianMs: Math.round(median(cold)), runsMs: cold.map(Math.round) },
      warm: { medianMs: Math.round(median(warm)), runsMs: warm.map(Math.round) },
      targetColdMs: TARGET_COLD_MS,
      ok: median(cold) < TARGET_COLD_MS,
    }
    console.log(`H5 home, first product card (median of ${runs}):`)
    console.log(`  cold  ${String(result.cold.medianMs).padStart(5)} ms   runs ${result.cold.runsMs.join(' ')}`)
    console.log(`  warm  ${String(result.warm.medianMs).padStart(5)} ms   runs ${result.warm.runsMs.join(' ')}`)
    console.log(`  target cold < ${TARGET_COLD_MS} ms: ${result.ok ? 'met' : 'NOT met'}`)
    const out = path.join(ROOT, 'bench/results/h5.json')
    fs.mkdirSync(path.dirname(out), { recursive: true })
    fs.writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`)
    console.log(`wrote ${path.relative(ROOT, out)}`)
  } finally {
    await browser.close()
    await server.close()
    fs.rmSync(snap, { recursive: true, force: true })
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
