import { spawn, type ChildProcess } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDb, type Db } from '../../server/db'
import { SandboxCore, loadSandboxKeys } from '../../server/platforms/sandbox/core'
import { SandboxPay } from '../../server/platforms/sandbox/pay'
import { loadDemoCatalog } from '../../server/seed/load'

/**
 * Two servers, one PostgreSQL (issue 14): two real `tsx server/server.ts` processes on one
 * database (a schema of its own in DATABASE_URL's database, dropped at the end), every
 * request alternating between their ports, as a load balancer would send them. Checked in the
 * database afterwards: a flash sale never oversells, duplicate payment notifies to both
 * servers pay once, both sweepers close each unpaid order once (stock back once), both outbox
 * workers send each message once, and coupon claims never pass the batch total.
 *
 * `DATABASE_URL=postgres://… npx vitest run --project cluster` (.ci/run does it on a fresh
 * database). Without DATABASE_URL the suite is skipped: PGlite is one process's database.
 */
const DATABASE_URL = process.env.DATABASE_URL
if (!DATABASE_URL) console.warn('[cluster] skipped: two servers need one PostgreSQL; set DATABASE_URL=postgres://… to run it')

const ROOT = path.resolve(__dirname, '..', '..')
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx')
/** Time to pay: the sweeper orders are placed first and close while the other cases run. */
const ORDER_TTL_S = 40
const FLASH_BUYERS = 1000
const FLASH_STOCK = 100
const NOTIFIES_PER_ORDER = 20
const SWEEP_ORDERS = 40
const SWEEP_STOCK = 500
const COUPONS = 50
const ADMIN_TOKEN = crypto.randomBytes(24).toString('hex')
const H5_PAID = 'sandbox-h5-order-paid'

interface Server {
  name: string
  port: number
  base: string
  child: ChildProcess
  /** The tail of its output, shown when something fails. */
  log: string[]
}

const servers: Server[] = []
const children = new Set<ChildProcess>()
// Whatever happens to this test process, the servers go with it.
process.once('exit', () => {
  for (const c of children) c.kill('SIGKILL')
})

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo
      s.close(() => resolve(port))
    })
  })
}

function startServer(name: string, port: number, env: Record<string, string>): Server {
  const clean = { ...process.env }
  // Nothing of the caller's merchant keys or secrets: sandbox mode, our own values.
  for (const k of Object.keys(clean)) if (/^(WECHAT_|ALIPAY_|SESSION_SECRET|ADMIN_TOKEN|DATABASE_URL|DATA_DIR|NOTIFY_BASE_URL|MESSAGE_)/.test(k)) delete clean[k]
  const child = spawn(TSX, ['server/server.ts'], {
    cwd: ROOT,
    env: { ...clean, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', RATE_LIMIT: '0', NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.add(child)
  const log: string[] = []
  const keep = (chunk: Buffer) => {
    log.push(...chunk.toString().split('\n').filter(Boolean))
    if (log.length > 200) log.splice(0, log.length - 200)
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  child.once('exit', () => children.delete(child))
  return { name, port, base: `http://127.0.0.1:${port}`, child, log }
}

async function waitHealthy(s: Server): Promise<void> {
  const until = Date.now() + 90_000
  while (Date.now() < until) {
    if (s.child.exitCode !== null) throw new Error(`${s.name} exited (${s.child.exitCode}):\n${s.log.join('\n')}`)
    try {
      if ((await fetch(`${s.base}/api/health`)).ok) return
    } catch {
      // not listening yet
    }
    await sleep(250)
  }
  throw new Error(`${s.name} did not start in 90 s:\n${s.log.join('\n')}`)
}

async function stopServer(s: Server): Promise<void> {
  if (s.child.exitCode !== null || s.child.signalCode !== null) return
  const exited = new Promise((r) => s.child.once('exit', r))
  s.child.kill('SIGTERM')
  const timer = setTimeout(() => s.child.kill('SIGKILL'), 5000)
  await exited
  clearTimeout(timer)
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** The i-th request's server: alternating, as a round-robin load balancer does. */
const via = (i: number) => servers[i % servers.length]

interface Answer<T> {
  status: number
  body: T
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function call<T = any>(s: Server, method: string, apiPath: string, opts: { token?: string; body?: unknown; headers?: Record<string, string>; raw?: string } = {}): Promise<Answer<T>> {
  const headers: Record<string, string> = { ...opts.headers }
  if (opts.body !== undefined) headers['content-type'] = 'application/json'
  if (opts.token) headers.authorization = `Bearer ${opts.token}`
  const res = await fetch(`${s.base}${apiPath}`, { method, headers, body: opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)) })
  const text = await res.text()
  let body: T
  try {
    body = JSON.parse(text) as T
  } catch {
    body = text as T
  }
  return { status: res.status, body }
}

/** Runs fn over 0..n-1, at most `width` at a time (bounded: every request ends, fetch has no endless retry). */
async function pool<T>(n: number, width: number, fn: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(n)
  let next = 0
  await Promise.all(
    Array.from({ length: Math.min(width, n) }, async () => {
      while (next < n) {
        const i = next++
        out[i] = await fn(i)
      }
    }),
  )
  return out
}

async function logins(prefix: string, n: number): Promise<{ token: string; userId: number }[]> {
  return pool(n, 50, async (i) => {
    const r = await call<{ token: string; user: { id: number } }>(via(i), 'POST', '/api/auth/dev-login', { body: { nickname: `${prefix}-${i}` } })
    if (r.status !== 200) throw new Error(`dev-login: ${r.status} ${JSON.stringify(r.body)}`)
    return { token: r.body.token, userId: r.body.user.id }
  })
}

/** Polls until check() is true or the time is up; answers whether it became true. */
async function until(check: () => Promise<boolean>, ms: number, every = 500): Promise<boolean> {
  const end = Date.now() + ms
  for (;;) {
    if (await check()) return true
    if (Date.now() > end) return false
    await sleep(every)
  }
}

const tally = (xs: string[]) => xs.reduce<Record<string, number>>((m, x) => ({ ...m, [x]: (m[x] ?? 0) + 1 }), {})

describe.skipIf(!DATABASE_URL)('two servers on one PostgreSQL', () => {
  const schema = `cluster_${crypto.randomBytes(5).toString('hex')}`
  const dirs: string[] = []
  let db: Db
  let sandbox: SandboxPay
  const t0 = Date.now()
  const figures: Record<string, unknown> = {}

  // Shared between the cases, in order.
  let sweepSku = 0
  let sweepOrderIds: number[] = []
  let sweepBuyers: { token: string; userId: number }[] = []
  let flashSku = 0
  let paidOrders: { orderId: number; token: string; userId: number; outTradeNo: string; amount: number }[] = []

  beforeAll(async () => {
    // The schema is made here (openDb creates it); the servers reach it through search_path.
    db = await openDb({ databaseUrl: DATABASE_URL, dataDir: 'memory://', schema, poolSize: 5 })
    const url = new URL(DATABASE_URL as string)
    url.searchParams.set('options', `-c search_path=${schema}`)

    // One DATA_DIR each; the sandbox's keys are the merchant's keys of a real shop: the same on
    // every instance, so a notify signed for one verifies on the other (and here, where the
    // test plays the platform with them).
    for (const name of ['a', 'b']) dirs.push(fs.mkdtempSync(path.join(os.tmpdir(), `duet-cluster-${name}-`)))
    const keys = loadSandboxKeys(dirs[0])
    fs.writeFileSync(path.join(dirs[1], 'sandbox-pay-keys.json'), JSON.stringify(keys), { mode: 0o600 })
    sandbox = new SandboxPay(new SandboxCore(keys, () => new Date(), null))

    const shared = {
      DATABASE_URL: url.toString(),
      // The same session key on both: a token from one is good on the other.
      SESSION_SECRET: crypto.randomBytes(32).toString('hex'),
      ADMIN_TOKEN,
      ORDER_TTL: `${ORDER_TTL_S}s`,
      MESSAGE_CLOSING_SOON: '0',
    }
    const ports = [await freePort(), await freePort()]
    // Started together: migrations and the demo seed must survive two servers racing for them.
    servers.push(startServer('server A', ports[0], { ...shared, DATA_DIR: dirs[0] }), startServer('server B', ports[1], { ...shared, DATA_DIR: dirs[1] }))
    await Promise.all(servers.map(waitHealthy))
    figures.startedMs = Date.now() - t0
  }, 150_000)

  afterAll(async () => {
    await Promise.all(servers.map(stopServer))
    if (db) {
      await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => {})
      await db.close()
    }
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true })
    figures.totalMs = Date.now() - t0
    console.log('[cluster]', JSON.stringify(figures))
    // If any case failed, the servers' own words help.
    for (const s of servers) if (s.log.length) console.log(`[cluster] ${s.name} said:\n${s.log.slice(-30).join('\n')}`)
  }, 30_000)

  it('migrated and seeded once, and a session from one server is good on the other', async () => {
    const m = await db.one<{ n: number; distinct: number }>('SELECT count(*)::int AS n, count(DISTINCT version)::int AS distinct FROM schema_migrations')
    expect(m.n).toBe(m.distinct)
    // The demo shop once, not twice (banners have no unique key: a second seed would double them).
    const demo = await loadDemoCatalog()
    expect((await db.one<{ n: number }>('SELECT count(*)::int AS n FROM banners')).n).toBe(demo.banners.length)
    expect((await db.one<{ n: number }>("SELECT count(*)::int AS n FROM meta WHERE key = 'seeded'")).n).toBe(1)
    const [user] = await logins('session', 1)
    const a = await call(servers[0], 'GET', '/api/orders', { token: user.token })
    const b = await call(servers[1], 'GET', '/api/orders', { token: user.token })
    expect([a.status, b.status]).toEqual([200, 200])
  })

  it('made the sandbox console owner once: one admin row, its password in the DATA_DIR of the server that made it', async () => {
    expect((await db.one<{ n: number }>("SELECT count(*)::int AS n FROM staff WHERE username = 'admin'")).n).toBe(1)
    const files = dirs.map((d) => path.join(d, 'admin-password')).filter((f) => fs.existsSync(f))
    expect(files).toHaveLength(1)
    const password = fs.readFileSync(files[0], 'utf8').trim()
    // A console session from either server is good on the other.
    const signIn = await call<{ token: string }>(servers[1], 'POST', '/api/admin/session', { body: { username: 'admin', password } })
    expect(signIn.status).toBe(200)
    expect((await call(servers[0], 'GET', '/api/admin/me', { token: signIn.body.token })).status).toBe(200)
  })

  it(`places ${SWEEP_ORDERS} unpaid orders that the sweepers will close (${ORDER_TTL_S} s to pay)`, async () => {
    // Two ordinary SKUs no offer or rental touches: one for the sweeper orders, one for the flash sale.
    const free = await db.query<{ id: number }>(
      `SELECT k.id FROM skus k
       WHERE NOT EXISTS (SELECT 1 FROM promotion_items i WHERE i.sku_id = k.id)
         AND NOT EXISTS (SELECT 1 FROM product_rentals r WHERE r.product_id = k.product_id)
       ORDER BY k.id DESC LIMIT 2`,
    )
    sweepSku = free.rows[0].id
    flashSku = free.rows[1].id
    await db.query('UPDATE skus SET stock = $2 WHERE id = $1', [sweepSku, SWEEP_STOCK])
    sweepBuyers = await logins('sweep', SWEEP_ORDERS)
    const placed = await pool(SWEEP_ORDERS, 20, (i) =>
      call<{ id: number }>(via(i), 'POST', '/api/orders', { token: sweepBuyers[i].token, body: { items: [{ skuId: sweepSku, quantity: 2 }], idempotencyKey: `cluster-sweep-${i}` } }),
    )
    expect(tally(placed.map((r) => String(r.status)))).toEqual({ 201: SWEEP_ORDERS })
    sweepOrderIds = placed.map((r) => r.body.id)
    expect((await db.one<{ stock: number }>('SELECT stock FROM skus WHERE id = $1', [sweepSku])).stock).toBe(SWEEP_STOCK - 2 * SWEEP_ORDERS)
  })

  it(`flash sale: ${FLASH_BUYERS} buyers, stock ${FLASH_STOCK}, across both servers: exactly ${FLASH_STOCK} orders`, async () => {
    await db.query('UPDATE skus SET stock = $2 WHERE id = $1', [flashSku, FLASH_STOCK])
    const buyers = await logins('flash', FLASH_BUYERS)
    // Watch the stock from the side while the sale runs: it must never be seen below zero.
    let lowest = FLASH_STOCK
    let selling = true
    const watcher = (async () => {
      while (selling) {
        lowest = Math.min(lowest, (await db.one<{ stock: number }>('SELECT stock FROM skus WHERE id = $1', [flashSku])).stock)
        await sleep(20)
      }
    })()
    const started = Date.now()
    // All at once (undici opens as many connections as asked), alternating servers.
    const answers = await Promise.all(
      buyers.map((b, i) => call<{ id: number; code?: string }>(via(i), 'POST', '/api/orders', { token: b.token, body: { items: [{ skuId: flashSku, quantity: 1 }], idempotencyKey: `cluster-flash-${i}` } })),
    )
    figures.flashSaleMs = Date.now() - started
    selling = false
    await watcher
    const outcome = tally(answers.map((r) => (r.status === 201 ? 'ok' : r.status === 409 && r.body.code === 'SOLD_OUT' ? 'sold_out' : `other ${r.status} ${r.body.code}`)))
    figures.flashSale = outcome
    expect(outcome).toEqual({ ok: FLASH_STOCK, sold_out: FLASH_BUYERS - FLASH_STOCK })
    // Both servers sold: the sale really was split.
    const perServer = [0, 1].map((k) => answers.filter((r, i) => i % 2 === k && r.status === 201).length)
    figures.flashSoldPerServer = perServer
    expect(perServer.every((n) => n > 0)).toBe(true)
    const stock = (await db.one<{ stock: number }>('SELECT stock FROM skus WHERE id = $1', [flashSku])).stock
    const sold = await db.one<{ n: number; orders: number }>(
      "SELECT COALESCE(sum(i.quantity), 0)::int AS n, count(DISTINCT o.id)::int AS orders FROM order_items i JOIN orders o ON o.id = i.order_id WHERE i.sku_id = $1 AND o.status = 'created'",
      [flashSku],
    )
    figures.flashLowestStockSeen = lowest
    expect({ stock, neverNegative: lowest >= 0, sold: sold.n, orders: sold.orders }).toEqual({ stock: 0, neverNegative: true, sold: FLASH_STOCK, orders: FLASH_STOCK })
    paidOrders = answers.flatMap((r, i) => (r.status === 201 ? [{ orderId: r.body.id, token: buyers[i].token, userId: buyers[i].userId, outTradeNo: '', amount: 0 }] : []))
  })

  it(`${NOTIFIES_PER_ORDER} duplicate signed notifies per order, to both servers at once: each order paid once`, async () => {
    // Each buyer opens the cashier, alternating servers.
    await pool(paidOrders.length, 20, async (k) => {
      const o = paidOrders[k]
      const pay = await call<{ outTradeNo: string; amount: number }>(via(k), 'POST', `/api/orders/${o.orderId}/pay`, { token: o.token })
      expect(pay.status).toBe(200)
      o.outTradeNo = pay.body.outTradeNo
      o.amount = pay.body.amount
    })
    // The platform's side: the trade settles once, then its notify arrives 20 times (each signed
    // afresh, as a platform resending it does), half to each server, all of an order's at once.
    const started = Date.now()
    const statuses: number[] = []
    for (let w = 0; w < paidOrders.length; w += 10) {
      const wave = paidOrders.slice(w, w + 10)
      const sends = wave.flatMap((o) => {
        sandbox.openCashierTrade(o.outTradeNo, o.amount)
        sandbox.settle(o.outTradeNo)
        return Array.from({ length: NOTIFIES_PER_ORDER }, (_, j) => {
          const n = sandbox.wechatNotify(o.outTradeNo)
          return () => call(via(j), 'POST', '/api/payments/notify/wechat', { headers: n.headers as Record<string, string>, raw: n.body })
        })
      })
      statuses.push(...(await Promise.all(sends.map((send) => send()))).map((r) => r.status))
    }
    figures.notifies = { sent: statuses.length, ms: Date.now() - started }
    expect(tally(statuses.map(String))).toEqual({ 204: paidOrders.length * NOTIFIES_PER_ORDER })

    const ids = paidOrders.map((o) => o.orderId)
    const outs = paidOrders.map((o) => o.outTradeNo)
    const perOrder = await db.query<{ id: number; status: string; paid_events: number; payments: number; paid_payments: number }>(
      `SELECT o.id, o.status,
         (SELECT count(*)::int FROM order_events e WHERE e.order_id = o.id AND e.status = 'paid') AS paid_events,
         (SELECT count(*)::int FROM payments p WHERE p.order_id = o.id) AS payments,
         (SELECT count(*)::int FROM payments p WHERE p.order_id = o.id AND p.status = 'paid') AS paid_payments
       FROM orders o WHERE o.id = ANY($1::int[])`,
      [ids],
    )
    expect(perOrder.rows).toHaveLength(paidOrders.length)
    for (const r of perOrder.rows) expect({ id: r.id, status: r.status, paid_events: r.paid_events, payments: r.payments, paid_payments: r.paid_payments }).toEqual({ id: r.id, status: 'paid', paid_events: 1, payments: 1, paid_payments: 1 })
    // Every notify kept; one 'paid' per trade, the rest 'duplicate'.
    const audit = await db.query<{ outcome: string; n: number }>("SELECT outcome, count(*)::int AS n FROM payment_notifies WHERE provider = 'wechat' AND out_trade_no = ANY($1::text[]) GROUP BY outcome", [outs])
    const byOutcome = Object.fromEntries(audit.rows.map((r) => [r.outcome, r.n]))
    figures.notifyOutcomes = byOutcome
    expect(byOutcome).toEqual({ paid: paidOrders.length, duplicate: paidOrders.length * (NOTIFIES_PER_ORDER - 1) })
    // No refund: nothing was taken as a payment for a dead order.
    expect((await db.one<{ n: number }>('SELECT count(*)::int AS n FROM refunds r JOIN payments p ON p.id = r.payment_id WHERE p.order_id = ANY($1::int[])', [ids])).n).toBe(0)
  })

  it('both outbox workers: each "paid" message sent once', async () => {
    const ids = paidOrders.map((o) => o.orderId)
    // No shopper has allowed the message yet, so the workers park every row to wait for consent
    // (as when the app's dialog answers after the notify). Once all are parked, every shopper
    // allows it at once, alternating servers: each accept makes that shopper's row due at once,
    // so both servers' workers find the hundred rows due together and lease them side by side.
    // Parked: pending, not due, and no attempt counted (waiting for consent is not one; a row
    // two workers leased at once would count two attempts and come back with one).
    const states = async () =>
      tally(
        (await db.query<{ s: string }>("SELECT status || ' attempts=' || attempts || CASE WHEN next_attempt_at > now() THEN ' parked' ELSE '' END AS s FROM message_outbox WHERE order_id = ANY($1::int[])", [ids])).rows.map((r) => r.s),
      )
    await until(async () => (await states())['pending attempts=0 parked'] === ids.length, 20_000, 200)
    expect(await states()).toEqual({ 'pending attempts=0 parked': ids.length })
    const accepted = await Promise.all(paidOrders.map((o, k) => call(via(k), 'POST', '/api/messages/subscriptions', { token: o.token, body: { results: { [H5_PAID]: 'accept' } } })))
    expect(accepted.every((r) => r.status === 200)).toBe(true)
    const started = Date.now()
    const settled = await until(
      async () => (await db.one<{ n: number }>("SELECT count(*)::int AS n FROM message_outbox WHERE order_id = ANY($1::int[]) AND status <> 'sent'", [ids])).n === 0,
      30_000,
      100,
    )
    figures.outboxSentMs = Date.now() - started
    const rows = await db.query<{ dedupe_key: string; event: string; status: string; attempts: number }>('SELECT dedupe_key, event, status, attempts FROM message_outbox WHERE order_id = ANY($1::int[])', [ids])
    figures.outbox = tally(rows.rows.map((r) => `${r.event} ${r.status} attempts=${r.attempts}`))
    expect(settled).toBe(true)
    // One row per order and event, each claimed once (a second lease would count a second attempt) and sent.
    expect(rows.rows).toHaveLength(paidOrders.length)
    expect(new Set(rows.rows.map((r) => r.dedupe_key)).size).toBe(paidOrders.length)
    expect(rows.rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true)
    // What "the platform" received: one message per order, one quota unit spent per shopper.
    const got = await db.query<{ dedupe_key: string }>('SELECT dedupe_key FROM sandbox_messages WHERE dedupe_key = ANY($1::text[])', [rows.rows.map((r) => r.dedupe_key)])
    expect(got.rows).toHaveLength(paidOrders.length)
    const quota = await db.query<{ remaining: number; sent_total: number }>('SELECT remaining, sent_total FROM message_quota WHERE template_id = $2 AND user_id = ANY($1::int[])', [paidOrders.map((o) => o.userId), H5_PAID])
    expect(quota.rows).toHaveLength(paidOrders.length)
    expect(quota.rows.every((q) => q.remaining === 0 && q.sent_total === 1)).toBe(true)
  })

  it('both sweepers: each unpaid order past its time closed once, its stock back once', async () => {
    // The moment the last one is due, every shopper opens their order on both servers at once,
    // twice each: a due order read runs that server's sweeper (GET /api/orders/:id), so the two
    // processes sweep the same due orders side by side, besides their own timers.
    const due = await db.one<{ last: Date }>('SELECT max(expires_at) AS last FROM orders WHERE id = ANY($1::int[])', [sweepOrderIds])
    const wait = new Date(due.last).getTime() - Date.now() + 50
    if (wait > 0) await sleep(wait)
    const opened = await Promise.all(
      sweepOrderIds.flatMap((id, k) => Array.from({ length: 4 }, (_, j) => call<{ status: string }>(via(j), 'GET', `/api/orders/${id}`, { token: sweepBuyers[k].token }))),
    )
    figures.sweepReads = tally(opened.map((r) => `${r.status} ${r.body.status}`))
    expect(figures.sweepReads).toEqual({ '200 closed': 4 * SWEEP_ORDERS })
    const closedAll = await until(
      async () => (await db.one<{ n: number }>("SELECT count(*)::int AS n FROM orders WHERE id = ANY($1::int[]) AND status = 'closed'", [sweepOrderIds])).n === SWEEP_ORDERS,
      10_000,
    )
    figures.sweptAfterMs = Date.now() - t0
    expect(closedAll).toBe(true)
    // A moment longer: a second sweeper late to the same rows must find nothing to do.
    await sleep(3000)
    const events = await db.query<{ order_id: number; closed: number; events: number }>(
      "SELECT order_id, count(*) FILTER (WHERE status = 'closed')::int AS closed, count(*)::int AS events FROM order_events WHERE order_id = ANY($1::int[]) GROUP BY order_id",
      [sweepOrderIds],
    )
    expect(events.rows).toHaveLength(SWEEP_ORDERS)
    for (const e of events.rows) expect({ order: e.order_id, closed: e.closed, events: e.events }).toEqual({ order: e.order_id, closed: 1, events: 2 })
    expect((await db.one<{ stock: number }>('SELECT stock FROM skus WHERE id = $1', [sweepSku])).stock).toBe(SWEEP_STOCK)
    // The paid flash-sale orders stayed paid; the flash SKU stayed sold out.
    expect((await db.one<{ n: number }>("SELECT count(*)::int AS n FROM orders WHERE id = ANY($1::int[]) AND status = 'paid'", [paidOrders.map((o) => o.orderId)])).n).toBe(paidOrders.length)
    expect((await db.one<{ stock: number }>('SELECT stock FROM skus WHERE id = $1', [flashSku])).stock).toBe(0)
  })

  it(`coupon claims: a batch of ${COUPONS}, ${3 * COUPONS} claims across both servers: exactly ${COUPONS}`, async () => {
    const now = Date.now()
    const batch = await call<{ id: number }>(servers[0], 'POST', '/api/admin/coupon-batches', {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      body: {
        title: '双机压测券',
        type: 'amount',
        value: 100,
        // Never usable on a real cart: this batch exists to be claimed.
        threshold: 90_000_000,
        claimStartsAt: new Date(now - 60_000).toISOString(),
        claimEndsAt: new Date(now + 3_600_000).toISOString(),
        validity: { days: 7 },
        total: COUPONS,
        perUserLimit: 1,
      },
    })
    expect(batch.status).toBe(201)
    const claimers = await logins('coupon', 3 * COUPONS)
    const answers = await Promise.all(claimers.map((c, i) => call<{ code?: string }>(via(i), 'POST', `/api/coupons/center/${batch.body.id}/claim`, { token: c.token })))
    const outcome = tally(answers.map((r) => (r.status === 201 ? 'claimed' : `${r.status} ${r.body.code}`)))
    figures.coupons = outcome
    expect(outcome).toEqual({ claimed: COUPONS, '409 COUPONS_GONE': 2 * COUPONS })
    const row = await db.one<{ issued: number; coupons: number; holders: number }>(
      'SELECT b.issued, (SELECT count(*)::int FROM user_coupons c WHERE c.batch_id = b.id) AS coupons, (SELECT count(DISTINCT user_id)::int FROM user_coupons c WHERE c.batch_id = b.id) AS holders FROM coupon_batches b WHERE b.id = $1',
      [batch.body.id],
    )
    expect(row).toEqual({ issued: COUPONS, coupons: COUPONS, holders: COUPONS })

    // The per-shopper limit across servers too: one shopper, ten taps at once on both, one coupon.
    const second = await call<{ id: number }>(servers[1], 'POST', '/api/admin/coupon-batches', {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      body: { title: '每人一张', type: 'amount', value: 100, threshold: 90_000_000, claimStartsAt: new Date(now - 60_000).toISOString(), claimEndsAt: new Date(now + 3_600_000).toISOString(), validity: { days: 7 }, total: 1000, perUserLimit: 1 },
    })
    const [one] = await logins('coupon-limit', 1)
    const taps = await Promise.all(Array.from({ length: 10 }, (_, i) => call<{ code?: string }>(via(i), 'POST', `/api/coupons/center/${second.body.id}/claim`, { token: one.token })))
    expect(tally(taps.map((r) => (r.status === 201 ? 'claimed' : `${r.status} ${r.body.code}`)))).toEqual({ claimed: 1, '409 CLAIM_LIMIT': 9 })
  })
})
