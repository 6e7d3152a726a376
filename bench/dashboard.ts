/**
 * `npm run bench:dashboard`: the console's dashboard (GET /api/admin/dashboard) on 100,000 orders.
 * A fresh database per backend (PGlite in a temp folder; PostgreSQL in its own schema when
 * DATABASE_URL is set) is seeded with the demo catalog, 20,000 shoppers and 100,000 orders over
 * the last 90 days (about 200,000 lines, paid / shipped / completed / refunded / unpaid / closed /
 * cancelled, refunds for the refunded ones) by a few generate_series INSERTs, then VACUUM ANALYZE
 * (the state a running shop's autovacuum keeps). The API runs in this process on loopback; each
 * range (today, 7d, 30d) is asked BENCH_REQUESTS (200) times one after another after a warm-up,
 * and p50 / p99 are reported. On PostgreSQL the plans of the dashboard's queries are kept too
 * (EXPLAIN ANALYZE), to show which indexes they use. Target: p99 < 200 ms on PostgreSQL (exit 1
 * when missed). Writes bench/results/dashboard.json.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import { buildApp } from '../server/app'
import { openDb, type Db, type Queryable } from '../server/db'
import { migrate } from '../server/db/migrate'
import { dashboard } from '../server/modules/reports'
import { loadDemoCatalog, seedCatalog } from '../server/seed/load'

const ROOT = path.resolve(__dirname, '..')
const ORDERS = Number(process.env.BENCH_ORDERS || 100_000)
const USERS = Number(process.env.BENCH_USERS || 20_000)
const REQUESTS = Number(process.env.BENCH_REQUESTS || 200)
const WARMUP = 20
const TARGET_P99_MS = 200
const RANGES = ['today', '7d', '30d'] as const
const TOKEN = crypto.randomBytes(16).toString('hex')

/** Shoppers, orders, lines, payments and refunds in set-based statements: seconds, not a request per order. */
async function seed(db: Db, now: Date): Promise<{ orders: number; items: number; refunds: number }> {
  await migrate(db)
  await seedCatalog(db, await loadDemoCatalog(), now)
  await db.query(
    `INSERT INTO users (platform, external_id, nickname, created_at)
     SELECT (ARRAY['weapp', 'alipay', 'h5'])[1 + i % 3], 'bench-' || i, '买家' || i,
            $1::timestamptz - ((i::bigint * 104729) % (90 * 86400)) * interval '1 second'
     FROM generate_series(1, $2::int) i`,
    [now, USERS],
  )
  // Status by i % 20: 14 in 20 paid and later (paid, shipped, completed), 2 refunded, 4 never paid.
  // Spread evenly over the last 90 days in id order (ids are taken at creation, so they follow
  // time, give or take a few minutes of jitter); paid two minutes after being placed.
  await db.query(
    `WITH u AS (SELECT min(id) AS first, count(*)::int AS n FROM users)
     INSERT INTO orders (order_no, user_id, status, idempotency_key, subtotal, shipping, discount, total, address, created_at, paid_at, expires_at)
     SELECT 'B' || lpad(i::text, 12, '0'), u.first + (i::bigint * 7919) % u.n, s.status, 'bench-' || i, 0, 0, 0, 0,
            jsonb_build_object('name', '收货人' || i, 'phone', '138' || lpad((i % 100000000)::text, 8, '0'), 'region', jsonb_build_array('广东省', '深圳市', '南山区'), 'detail', '科技园 ' || i || ' 号'),
            t.at, CASE WHEN s.status IN ('paid', 'shipped', 'completed', 'refunded') THEN t.at + interval '2 minutes' END,
            CASE WHEN s.status = 'created' THEN t.at + interval '15 minutes' END
     FROM generate_series(1, $2::int) i CROSS JOIN u
     CROSS JOIN LATERAL (SELECT $1::timestamptz - interval '3 minutes' - (($2::int - i)::float8 * 90 * 86400 / $2::int + (i * 7919) % 600) * interval '1 second' AS at) t
     CROSS JOIN LATERAL (SELECT (ARRAY['paid', 'shipped', 'completed', 'completed', 'completed', 'completed', 'completed', 'completed', 'completed', 'completed',
                                       'shipped', 'completed', 'completed', 'paid', 'refunded', 'refunded', 'created', 'closed', 'closed', 'cancelled'])[1 + i % 20] AS status) s`,
    [now, ORDERS],
  )
  await db.query('UPDATE orders o SET platform = u.platform FROM users u WHERE u.id = o.user_id')
  // One to three lines per order from the catalog's SKUs (goods and rentals alike: it's only their numbers).
  await db.query(
    `WITH k AS (SELECT array_agg(id ORDER BY id) AS ids, array_agg(product_id ORDER BY id) AS pids, array_agg(price ORDER BY id) AS prices, count(*)::int AS n FROM skus)
     INSERT INTO order_items (order_id, sku_id, product_id, title, image, specs, unit_price, quantity, line_total, discount, refunded_quantity)
     SELECT o.id, k.ids[x.j], k.pids[x.j], 'bench', '', '{}', k.prices[x.j], x.q, k.prices[x.j] * x.q, 0, CASE WHEN o.status = 'refunded' THEN x.q ELSE 0 END
     FROM orders o CROSS JOIN k CROSS JOIN generate_series(1, 1 + o.id % 3) g
     CROSS JOIN LATERAL (SELECT 1 + (o.id * 7 + g * 13) % k.n AS j, 1 + (o.id + g) % 3 AS q) x`,
  )
  await db.query(
    `UPDATE orders o SET subtotal = t.s, total = t.s, refunded_total = CASE WHEN o.status = 'refunded' THEN t.s ELSE 0 END
     FROM (SELECT order_id, sum(line_total)::int AS s FROM order_items GROUP BY order_id) t WHERE t.order_id = o.id`,
  )
  // The refunded orders' payments and their refunds, the money back a day after payment.
  await db.query(
    `INSERT INTO payments (order_id, provider, out_trade_no, amount, status, created_at, updated_at, paid_at)
     SELECT id, 'sandbox', order_no || 'P1', total, 'paid', paid_at, paid_at, paid_at FROM orders WHERE status = 'refunded'`,
  )
  await db.query(
    `INSERT INTO refunds (order_id, payment_id, out_refund_no, amount, kind, restock, closes_order, reason, status, created_at, updated_at, succeeded_at)
     SELECT o.id, p.id, o.order_no || 'R01', o.total, 'order', true, true, 'bench', 'succeeded', o.paid_at + interval '1 day', o.paid_at + interval '1 day', LEAST(o.paid_at + interval '1 day', $1::timestamptz)
     FROM orders o JOIN payments p ON p.order_id = o.id WHERE o.status = 'refunded'`,
    [now],
  )
  await db.exec('VACUUM ANALYZE')
  const c = await db.one<{ orders: number; items: number; refunds: number }>(
    'SELECT (SELECT count(*)::int FROM orders) AS orders, (SELECT count(*)::int FROM order_items) AS items, (SELECT count(*)::int FROM refunds) AS refunds',
  )
  return c
}

/** The dashboard's queries with EXPLAIN (ANALYZE, BUFFERS) in front: their plans, not their answers. */
async function explain(db: Db, now: Date): Promise<string[]> {
  const plans: string[] = []
  const record = async (sql: string, params?: readonly unknown[]) => {
    const r = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params)
    plans.push(`${sql.replace(/\s+/g, ' ').trim()}\n${r.rows.map((x) => `  ${x['QUERY PLAN']}`).join('\n')}`)
  }
  const spy: Queryable = {
    query: async (sql, params) => {
      await record(sql, params)
      return { rows: [], rowCount: 0 }
    },
    one: async (sql, params) => {
      await record(sql, params)
      return { n: 0 } as never
    },
    maybeOne: async (sql, params) => {
      await record(sql, params)
      return null
    },
    exec: async () => {},
  }
  await dashboard(spy, { range: '30d', lowStock: 5, now })
  return plans
}

const pct = (sorted: number[], p: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * p) - 1)] * 10) / 10

async function measure(db: Db): Promise<Record<(typeof RANGES)[number], { p50: number; p99: number; max: number; paidOrders: number }>> {
  const app = await buildApp({ env: {}, db, seed: false, sweeper: false, config: { dataDir: 'memory://', adminToken: TOKEN, rateLimit: 0 } })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
  const ask = async (range: string) => {
    const t0 = performance.now()
    const res = await fetch(`${base}/api/admin/dashboard?range=${range}`, { headers: { authorization: `Bearer ${TOKEN}` } })
    const body = (await res.json()) as { totals: { paidOrders: number } }
    if (res.status !== 200) throw new Error(`dashboard answered ${res.status}: ${JSON.stringify(body)}`)
    return { ms: performance.now() - t0, paidOrders: body.totals.paidOrders }
  }
  try {
    const out = {} as Awaited<ReturnType<typeof measure>>
    for (const range of RANGES) {
      for (let i = 0; i < WARMUP; i++) await ask(range)
      const times: number[] = []
      let paidOrders = 0
      for (let i = 0; i < REQUESTS; i++) {
        const r = await ask(range)
        times.push(r.ms)
        paidOrders = r.paidOrders
      }
      times.sort((a, b) => a - b)
      out[range] = { p50: pct(times, 0.5), p99: pct(times, 0.99), max: Math.round(times[times.length - 1] * 10) / 10, paidOrders }
    }
    return out
  } finally {
    await app.close()
  }
}

async function run(kind: 'pglite' | 'postgres') {
  const now = new Date()
  let db: Db
  let cleanup: () => Promise<void>
  if (kind === 'pglite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'duet-dash-'))
    db = await openDb({ dataDir: dir })
    cleanup = async () => {
      await db.close()
      fs.rmSync(dir, { recursive: true, force: true })
    }
  } else {
    const schema = `bench_dash_${crypto.randomBytes(4).toString('hex')}`
    db = await openDb({ databaseUrl: process.env.DATABASE_URL, dataDir: '.data', schema })
    cleanup = async () => {
      // BENCH_KEEP=1 leaves the seeded schema for trying queries by hand (psql, SET search_path).
      if (process.env.BENCH_KEEP) console.log(`kept schema ${schema}`)
      else await db.query(`DROP SCHEMA ${schema} CASCADE`)
      await db.close()
    }
  }
  try {
    const t0 = performance.now()
    const counts = await seed(db, now)
    const seedSeconds = Math.round((performance.now() - t0) / 100) / 10
    console.log(`${kind}: seeded ${counts.orders} orders, ${counts.items} lines, ${counts.refunds} refunds in ${seedSeconds} s`)
    const ranges = await measure(db)
    console.log(`load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} on ${os.cpus().length} CPUs`)
    for (const [range, r] of Object.entries(ranges)) console.log(`${kind} ${range.padEnd(5)} p50 ${r.p50} ms  p99 ${r.p99} ms  max ${r.max} ms  (${r.paidOrders} paid orders)`)
    const plans = kind === 'postgres' ? await explain(db, now) : undefined
    if (plans) for (const p of plans) console.log(`\n${p}`)
    return { seed: { ...counts, seconds: seedSeconds }, ranges, plans }
  } finally {
    await cleanup()
  }
}

async function main() {
  const results: Record<string, unknown> = {}
  // BENCH_DB=postgres or pglite runs one backend only.
  const only = process.env.BENCH_DB
  if (only !== 'postgres') results.pglite = await run('pglite')
  let missed = false
  if (process.env.DATABASE_URL && only !== 'pglite') {
    const pg = await run('postgres')
    results.postgres = pg
    missed = Object.values(pg.ranges).some((r) => r.p99 >= TARGET_P99_MS)
  } else {
    console.log('DATABASE_URL not set: PostgreSQL skipped')
  }
  const file = path.join(ROOT, 'bench', 'results', 'dashboard.json')
  const meta = { at: new Date().toISOString(), orders: ORDERS, users: USERS, requestsPerRange: REQUESTS, sequential: true, targetP99MsPostgres: TARGET_P99_MS, cpus: os.cpus().length, loadAverage: os.loadavg().map((x) => Math.round(x * 10) / 10), node: process.version }
  fs.writeFileSync(file, `${JSON.stringify({ ...meta, results }, null, 2)}\n`)
  console.log(`wrote ${path.relative(ROOT, file)}`)
  if (missed) {
    console.error(`PostgreSQL p99 target (${TARGET_P99_MS} ms) missed`)
    process.exitCode = 1
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
