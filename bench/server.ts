import { spawn, type ChildProcess } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import autocannon from 'autocannon'
import { openDb, type Db } from '../server/db'
import { migrate } from '../server/db/migrate'
import { loadDemoCatalog, seedCatalog } from '../server/seed/load'

/**
 * `npm run bench:server`: the API in its own process on loopback, on a fresh database
 * (PGlite in a temp folder, and PostgreSQL when DATABASE_URL is set), measured with
 * autocannon: product list, product detail, order creation, and a flash sale (1,000 buyers,
 * stock 100) checked for overselling. List and detail run twice: with the 1 s catalog cache
 * the server ships with, and with it off (CATALOG_CACHE_MS=0), to show the database path too.
 * Prints a table and writes bench/results/server.json.
 */
const ROOT = path.resolve(__dirname, '..')
const SECONDS = Number(process.env.BENCH_SECONDS || 5)
const PORT = Number(process.env.BENCH_PORT || 3390)
const BASE = `http://127.0.0.1:${PORT}`
const FLASH_BUYERS = 1000
const FLASH_STOCK = 100

interface Prepared {
  kind: 'pglite' | 'postgres'
  env: Record<string, string>
  productId: number
  orderSkus: number[]
  flashSku: number
  flashProduct: number
  cleanup: () => Promise<void>
  /** Counts what was sold of the flash SKU, from the database, after the server stopped. */
  soldInDb: () => Promise<{ sold: number; stock: number }>
}

async function prepareDb(db: Db): Promise<{ productId: number; orderSkus: number[]; flashSku: number; flashProduct: number }> {
  await migrate(db)
  await seedCatalog(db, await loadDemoCatalog())
  const skus = await db.query<{ id: number; product_id: number }>('SELECT id, product_id FROM skus ORDER BY id')
  const flash = skus.rows[skus.rows.length - 1]
  // Ordinary orders spread over the rest of the catalog (a flash sale is the hot-row case,
  // measured on its own), with enough stock that the run measures ordering, not selling out.
  const orderSkus = skus.rows.filter((s) => s.product_id !== flash.product_id).map((s) => s.id)
  await db.query('UPDATE skus SET stock = 1000000 WHERE id = ANY($1::int[])', [orderSkus])
  await db.query('UPDATE skus SET stock = $2 WHERE id = $1', [flash.id, FLASH_STOCK])
  return { productId: skus.rows[0].product_id, orderSkus, flashSku: flash.id, flashProduct: flash.product_id }
}

async function soldOf(db: Db, skuId: number): Promise<{ sold: number; stock: number }> {
  const sold = await db.one<{ n: number }>(
    "SELECT COALESCE(sum(i.quantity), 0)::int AS n FROM order_items i JOIN orders o ON o.id = i.order_id WHERE i.sku_id = $1 AND o.status = 'created'",
    [skuId],
  )
  const stock = await db.one<{ stock: number }>('SELECT stock FROM skus WHERE id = $1', [skuId])
  return { sold: sold.n, stock: stock.stock }
}

async function preparePglite(): Promise<Prepared> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'duet-bench-'))
  const db = await openDb({ dataDir })
  const ids = await prepareDb(db)
  await db.close()
  return {
    kind: 'pglite',
    env: { DATA_DIR: dataDir },
    ...ids,
    cleanup: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
    soldInDb: async () => {
      const again = await openDb({ dataDir })
      try {
        return await soldOf(again, ids.flashSku)
      } finally {
        await again.close()
      }
    },
  }
}

async function preparePostgres(url: string): Promise<Prepared> {
  const schema = `bench_${crypto.randomBytes(5).toString('hex')}`
  const db = await openDb({ databaseUrl: url, dataDir: '.data', schema })
  const ids = await prepareDb(db)
  const u = new URL(url)
  u.searchParams.set('options', `-c search_path=${schema}`)
  return {
    kind: 'postgres',
    env: { DATABASE_URL: u.toString(), DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'duet-bench-')) },
    ...ids,
    cleanup: async () => {
      await db.query(`DROP SCHEMA ${schema} CASCADE`)
      await db.close()
    },
    soldInDb: () => soldOf(db, ids.flashSku),
  }
}

function startServer(env: Record<string, string>): ChildProcess {
  const clean = { ...process.env }
  for (const k of ['DATABASE_URL', 'WECHAT_APPID', 'WECHAT_SECRET', 'ALIPAY_APPID', 'ALIPAY_PRIVATE_KEY', 'ALIPAY_PUBLIC_KEY', 'SESSION_SECRET']) delete clean[k]
  return spawn(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['server/server.ts'], {
    cwd: ROOT,
    env: { ...clean, ...env, PORT: String(PORT), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ORDER_TTL: '1h', NODE_ENV: 'production' },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
}

async function waitHealthy(): Promise<void> {
  const until = Date.now() + 120_000
  while (Date.now() < until) {
    try {
      if ((await fetch(`${BASE}/api/health`)).ok) return
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300))
  }
  throw new Error('server did not start')
}

async function devLogin(nickname: string): Promise<string> {
  const res = await fetch(`${BASE}/api/auth/dev-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ nickname }) })
  return ((await res.json()) as { token: string }).token
}

async function logins(prefix: string, n: number): Promise<string[]> {
  const out: string[] = []
  for (let i = 0; i < n; i += 50) out.push(...(await Promise.all(Array.from({ length: Math.min(50, n - i) }, (_, j) => devLogin(`${prefix}-${i + j}`)))))
  return out
}

interface Measured {
  rps: number
  p99: number
  p50: number
  non2xx: number
  errors: number
}

async function cannon(opts: autocannon.Options): Promise<Measured> {
  const r = await autocannon({ duration: SECONDS, ...opts })
  return { rps: Math.round(r.requests.average), p99: r.latency.p99, p50: r.latency.p50, non2xx: r.non2xx, errors: r.errors + r.timeouts }
}

async function flashSale(tokens: string[], skuId: number) {
  const latencies: number[] = []
  const t0 = performance.now()
  const statuses = await Promise.all(
    tokens.map(async (token, i) => {
      const s = performance.now()
      const res = await fetch(`${BASE}/api/orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ items: [{ skuId, quantity: 1 }], idempotencyKey: `flash-${i}-${Date.now()}` }),
      })
      const body = (await res.json()) as { code?: string }
      latencies.push(performance.now() - s)
      return res.status === 201 ? 'ok' : body.code === 'SOLD_OUT' ? 'sold_out' : `other:${res.status}`
    }),
  )
  const ms = performance.now() - t0
  latencies.sort((a, b) => a - b)
  const count = (v: string) => statuses.filter((s) => s === v).length
  return {
    buyers: tokens.length,
    stock: FLASH_STOCK,
    sold: count('ok'),
    soldOut: count('sold_out'),
    other: statuses.length - count('ok') - count('sold_out'),
    durationMs: Math.round(ms),
    p99: Math.round(latencies[Math.floor(latencies.length * 0.99) - 1]),
  }
}

/** The same reads with the catalog cache off: what the database path alone sustains. */
async function uncachedReads(p: Prepared): Promise<{ list: Measured; detail: Measured }> {
  const server = startServer({ ...p.env, CATALOG_CACHE_MS: '0' })
  try {
    await waitHealthy()
    await cannon({ url: `${BASE}/api/products?page=1&pageSize=20`, connections: 10, duration: 1 })
    const list = await cannon({ url: `${BASE}/api/products?page=1&pageSize=20`, connections: 50 })
    console.log(`[${p.kind}] list, no cache`, list)
    const detail = await cannon({ url: `${BASE}/api/products/${p.productId}`, connections: 50 })
    console.log(`[${p.kind}] detail, no cache`, detail)
    return { list, detail }
  } finally {
    server.kill('SIGTERM')
    await new Promise((r) => server.once('exit', r))
  }
}

async function runBackend(p: Prepared) {
  const uncached = await uncachedReads(p)
  const server = startServer(p.env)
  try {
    await waitHealthy()
    console.log(`\n[${p.kind}] server up; ${SECONDS}s per case`)
    // Warm-up: JIT and database caches, so the first case isn't measuring start-up.
    await cannon({ url: `${BASE}/api/products?page=1&pageSize=20`, connections: 10, duration: 1 })

    const list = await cannon({ url: `${BASE}/api/products?page=1&pageSize=20`, connections: 50 })
    console.log(`[${p.kind}] list`, list)
    const detail = await cannon({ url: `${BASE}/api/products/${p.productId}`, connections: 50 })
    console.log(`[${p.kind}] detail`, detail)

    const buyers = await logins(`bench-${p.kind}`, 200)
    let n = 0
    const orders = await cannon({
      url: BASE,
      connections: 10,
      requests: [
        {
          method: 'POST',
          path: '/api/orders',
          setupRequest: (req) => {
            const i = n++
            return {
              ...req,
              headers: { 'content-type': 'application/json', authorization: `Bearer ${buyers[i % buyers.length]}` },
              body: JSON.stringify({ items: [{ skuId: p.orderSkus[(i * 7919) % p.orderSkus.length], quantity: 1 }], idempotencyKey: `bench-order-${i}` }),
            }
          },
        },
      ],
    })
    console.log(`[${p.kind}] orders`, orders)

    const flashTokens = await logins(`flash-${p.kind}`, FLASH_BUYERS)
    const flash = await flashSale(flashTokens, p.flashSku)
    const product = (await (await fetch(`${BASE}/api/products/${p.flashProduct}`)).json()) as { skus: { id: number; stock: number }[] }
    const apiStock = product.skus.find((s) => s.id === p.flashSku)?.stock
    server.kill('SIGTERM')
    await new Promise((r) => server.once('exit', r))
    const db = await p.soldInDb()
    const oversell = Math.max(0, db.sold - FLASH_STOCK, flash.sold - FLASH_STOCK)
    const flashResult = { ...flash, stockAfter: apiStock, soldInDb: db.sold, stockInDb: db.stock, oversell }
    console.log(`[${p.kind}] flash`, flashResult)
    return { db: p.kind, list, detail, uncached, orders: { ...orders, ordersPerSec: orders.rps }, flash: flashResult }
  } finally {
    if (server.exitCode === null) server.kill('SIGTERM')
    await p.cleanup()
  }
}

async function main(): Promise<void> {
  const results = []
  results.push(await runBackend(await preparePglite()))
  if (process.env.DATABASE_URL) results.push(await runBackend(await preparePostgres(process.env.DATABASE_URL)))

  const rows = results.map((r) => ({
    db: r.db,
    'list req/s': r.list.rps,
    'list p99 ms': r.list.p99,
    'detail req/s': r.detail.rps,
    'detail p99 ms': r.detail.p99,
    'list req/s no cache': r.uncached.list.rps,
    'list p99 no cache': r.uncached.list.p99,
    'orders/s': r.orders.rps,
    'orders p99 ms': r.orders.p99,
    'order errors': r.orders.non2xx + r.orders.errors,
    'flash sold/stock': `${r.flash.sold}/${r.flash.stock}`,
    'flash 409': r.flash.soldOut,
    oversell: r.flash.oversell,
  }))
  console.log('')
  console.table(rows)
  const out = {
    at: new Date().toISOString(),
    machine: { cpus: os.cpus().length, node: process.version, platform: `${os.platform()} ${os.arch()}` },
    secondsPerCase: SECONDS,
    connections: { list: 50, detail: 50, orders: 10, flash: FLASH_BUYERS },
    results,
  }
  fs.mkdirSync(path.join(ROOT, 'bench', 'results'), { recursive: true })
  fs.writeFileSync(path.join(ROOT, 'bench', 'results', 'server.json'), `${JSON.stringify(out, null, 2)}\n`)
  console.log('wrote bench/results/server.json')
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
