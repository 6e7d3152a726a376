import crypto from 'node:crypto'
import { Aes, Formatter, Rsa } from 'wechatpay-axios-plugin'
import { nextStatus, statusesAllowing } from '../src/domain/order-state'
import { buildApp } from '../server/app'
import { openDb, type Db, type Queryable } from '../server/db'
import { SANDBOX_IDS } from '../server/platforms/sandbox/core'
import type { SandboxPay } from '../server/platforms/sandbox/pay'
import { yuanToFen } from '../server/platforms/alipay/core'
import { verifyWechatNotify } from '../server/platforms/wechat/pay'
import type { PayFacet, RawNotify } from '../server/platforms/types'
import { cpuSnapshot } from './cpu'

/**
 * `npx tsx bench/notify-steps.ts` (with DATABASE_URL: PostgreSQL too): where one notify's
 * time goes, in-process and without HTTP. The real app (buildApp) on a database whose every
 * statement is timed, the providers' verifyNotify timed, and the crypto primitives alone
 * (with the PEM text the providers pass today, and with a KeyObject made once).
 * Prints µs per step; the HTTP figures are bench/server.ts's.
 *
 * Then the same notifies through a sketch of a cheaper path (not the shop's code, a
 * measurement for the service's owner): keys parsed once into KeyObjects, Alipay's RSA2
 * checked once instead of the SDK's twice, and the settle as one statement (UPDATE payments,
 * UPDATE orders, INSERT order_events, INSERT payment_notifies in one CTE) inside the
 * transaction, so a notify costs SELECT + BEGIN + 1 statement + COMMIT instead of 7 round trips.
 */
const N = Number(process.env.STEPS_N || 600)
const results: { db: string; channel: string; today: Driven; sketchInTx: Driven; sketchAutocommit: Driven }[] = []
const CONCURRENCY = 20

class Timings {
  private readonly t = new Map<string, { n: number; us: number }>()
  add(label: string, us: number): void {
    const x = this.t.get(label) ?? { n: 0, us: 0 }
    x.n++
    x.us += us
    this.t.set(label, x)
  }
  reset(): void {
    this.t.clear()
  }
  /** µs per notify (total of a label over the notifies), and per call. */
  table(per: number): Record<string, { calls: number; 'µs per notify': number; 'µs per call': number }> {
    const out: Record<string, { calls: number; 'µs per notify': number; 'µs per call': number }> = {}
    for (const [k, v] of [...this.t].sort((a, b) => b[1].us - a[1].us)) out[k] = { calls: v.n, 'µs per notify': Math.round(v.us / per), 'µs per call': Math.round(v.us / v.n) }
    return out
  }
}

const timings = new Timings()
const us = (t0: number) => (performance.now() - t0) * 1000

function label(sql: string): string {
  const s = sql.replace(/\s+/g, ' ').trim()
  const m = /^(SELECT|INSERT INTO \w+|UPDATE \w+|DELETE FROM \w+)/i.exec(s)
  const from = /FROM (\w+)/i.exec(s)
  return `sql ${m ? m[1] : s.slice(0, 20)}${m?.[1] === 'SELECT' && from ? ` ${from[1]}` : ''}`
}

function timedQueryable(q: Queryable, prefix = ''): Queryable {
  const query: Queryable['query'] = async (sql, params) => {
    const t0 = performance.now()
    try {
      return await q.query(sql, params)
    } finally {
      timings.add(prefix + label(sql), us(t0))
    }
  }
  return {
    query,
    exec: (sql) => q.exec(sql),
    async one(sql, params) {
      const r = await query(sql, params)
      if (r.rows.length !== 1) throw new Error(`expected one row, got ${r.rows.length}`)
      return r.rows[0] as never
    },
    async maybeOne(sql, params) {
      return ((await query(sql, params)).rows[0] as never) ?? null
    },
  }
}

function timedDb(db: Db): Db {
  return {
    ...timedQueryable(db),
    kind: db.kind,
    close: () => db.close(),
    async tx(fn) {
      const t0 = performance.now()
      try {
        return await db.tx((q) => fn({ ...timedQueryable(q, 'tx: '), afterCommit: (cb) => q.afterCommit(cb) }))
      } finally {
        timings.add('tx (whole, BEGIN..COMMIT incl. statements)', us(t0))
      }
    },
  }
}

function timeVerify(p: PayFacet, name: string): void {
  const verify = p.verifyNotify.bind(p)
  p.verifyNotify = (raw: RawNotify) => {
    const t0 = performance.now()
    try {
      return verify(raw)
    } finally {
      timings.add(`${name}.verifyNotify (signature + parse${name === 'wechat' ? ' + AES-GCM' : ''})`, us(t0))
    }
  }
}

function micro(name: string, n: number, fn: () => unknown): [string, number] {
  for (let i = 0; i < 50; i++) fn()
  const t0 = performance.now()
  for (let i = 0; i < n; i++) fn()
  return [name, Math.round(us(t0) / n)]
}

const PAY_FROM = statusesAllowing('pay')
const PAY_TO = nextStatus(PAY_FROM[0], 'pay', 'system')

/**
 * The settle and its audit row in one statement: which of paid / duplicate / unpayable it was
 * comes back. With the message outbox (migration 005), its order_paid row is part of it too,
 * as transition() writes it today.
 */
function settleOneStatement(outbox: boolean): string {
  return `
WITH p AS (
  UPDATE payments SET status = 'paid', platform_trade_id = $2, paid_at = $3, updated_at = $3
  WHERE id = $1 AND status IN ('pending', 'closed') RETURNING order_id
), o AS (
  UPDATE orders SET status = $5, expires_at = NULL WHERE id = (SELECT order_id FROM p) AND status = ANY($4::text[]) RETURNING id, user_id
), e AS (
  INSERT INTO order_events (order_id, status, actor, note, at) SELECT id, $5, 'system', NULL, $3 FROM o
),${
    outbox
      ? ` m AS (
  INSERT INTO message_outbox (dedupe_key, user_id, order_id, event, next_attempt_at, occurred_at, created_at)
  SELECT 'order:' || id || ':order_paid', user_id, id, 'order_paid', $3, $3, $3 FROM o ON CONFLICT (dedupe_key) DO NOTHING
),`
      : ''
  } r AS (
  SELECT CASE WHEN EXISTS (SELECT 1 FROM o) THEN 'paid' WHEN EXISTS (SELECT 1 FROM p) THEN 'unpayable' ELSE 'duplicate' END AS outcome
), a AS (
  INSERT INTO payment_notifies (provider, headers, body, verified, out_trade_no, outcome, received_at)
  SELECT $6, $7, $8, true, $9, outcome, $3 FROM r
)
SELECT outcome FROM r`
}

interface Proposed {
  handle(channel: 'wechat' | 'alipay', raw: RawNotify): Promise<string>
}

/** A sketch of handleNotify with the three changes (payment notifies only; the unpayable path left out). */
function proposedPath(db: Db, platform: SandboxPay, inTx: boolean, outbox: boolean): Proposed {
  const sql = settleOneStatement(outbox)
  const wechatKeys = { apiV3Key: platform.keys.apiV3Key, platformKeys: new Map([[SANDBOX_IDS.wechatPublicKeyId, crypto.createPublicKey(platform.keys.wechatPlatformPublic)]]) }
  const alipayKey = crypto.createPublicKey(platform.keys.alipayPlatformPublic)
  function verifyAlipay(body: string) {
    const f = Object.fromEntries(new URLSearchParams(body))
    // Alipay signs the sorted fields but sign and sign_type, values as sent: one RSA2 check.
    const content = Object.keys(f)
      .filter((k) => k !== 'sign' && k !== 'sign_type')
      .sort()
      .map((k) => `${k}=${f[k]}`)
      .join('&')
    if (!crypto.verify('RSA-SHA256', Buffer.from(content), alipayKey, Buffer.from(f.sign ?? '', 'base64'))) return null
    return { outTradeNo: f.out_trade_no, amount: yuanToFen(f.total_amount), tradeId: f.trade_no ?? '' }
  }
  return {
    async handle(channel, raw) {
      const t0 = performance.now()
      let e: { outTradeNo: string; amount: number | null; tradeId: string } | null
      if (channel === 'wechat') {
        const v = verifyWechatNotify(wechatKeys, raw, new Date())
        e = v.ok && v.event.kind === 'payment' ? v.event : null
      } else e = verifyAlipay(raw.body)
      timings.add(`${channel} verify with a KeyObject${channel === 'alipay' ? ', one RSA2 check' : ' + AES-GCM'}`, us(t0))
      if (!e) throw new Error('does not verify')
      const pay = await db.maybeOne<{ id: number; amount: number }>('SELECT id, amount FROM payments WHERE out_trade_no = $1', [e.outTradeNo])
      if (!pay || pay.amount !== e.amount) throw new Error('mismatch')
      const params = [pay.id, e.tradeId || null, new Date(), PAY_FROM, PAY_TO, channel, JSON.stringify(raw.headers), raw.body, e.outTradeNo]
      const r = inTx ? await db.tx((q) => q.one<{ outcome: string }>(sql, params)) : await db.one<{ outcome: string }>(sql, params)
      return r.outcome
    },
  }
}

interface Driven {
  perSec: number
  /** CPU ms per notify: this process (the app) and PostgreSQL's processes for this database. */
  cpuMs: { node: number; postgres: number | null } | null
}

async function drive(n: number, concurrency: number, handle: (i: number) => Promise<string>, pgDatabase: string | null = null): Promise<Driven> {
  let next = 0
  const before = cpuSnapshot(process.pid, pgDatabase)
  const t0 = performance.now()
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) {
        const outcome = await handle(next++)
        if (outcome !== 'paid') throw new Error(outcome)
      }
    }),
  )
  const perSec = Math.round(n / ((performance.now() - t0) / 1000))
  const after = cpuSnapshot(process.pid, pgDatabase)
  const per = (a: number, b: number) => Math.round(((b - a) / n) * 100) / 100
  const cpuMs = before && after ? { node: per(before.server, after.server), postgres: before.postgres !== null && after.postgres !== null ? per(before.postgres, after.postgres) : null } : null
  return { perSec, cpuMs }
}

const show = (d: Driven) => `${d.perSec}/s${d.cpuMs ? ` (CPU per notify: node ${d.cpuMs.node} ms${d.cpuMs.postgres !== null ? `, postgres ${d.cpuMs.postgres} ms` : ''})` : ''}`

async function run(kind: 'pglite' | 'postgres'): Promise<void> {
  const schema = `steps_${crypto.randomBytes(4).toString('hex')}`
  const raw = await openDb(kind === 'postgres' ? { databaseUrl: process.env.DATABASE_URL, dataDir: 'memory://', schema } : { dataDir: 'memory://' })
  const pgDatabase = kind === 'postgres' ? new URL(process.env.DATABASE_URL as string).pathname.slice(1) : null
  const app = await buildApp({ env: {}, db: timedDb(raw), sweeper: false, sandboxNotifyDelayMs: null, config: { dataDir: 'memory://' } })
  try {
    const platform = app.payments.providers.sandbox as SandboxPay
    timeVerify(app.payments.providers.byId.wechat as PayFacet, 'wechat')
    timeVerify(app.payments.providers.byId.alipay as PayFacet, 'alipay')

    // Orders and their pending attempts, made through the service (weapp and alipay users).
    const sku = await raw.one<{ id: number }>('SELECT id FROM skus ORDER BY id LIMIT 1')
    await raw.query('UPDATE skus SET stock = 1000000 WHERE id = $1', [sku.id])
    const made: { channel: 'wechat' | 'alipay'; out: string }[] = []
    for (const [platformName, channel] of [
      ['weapp', 'wechat'],
      ['alipay', 'alipay'],
    ] as const) {
      const u = await raw.one<{ id: number }>('INSERT INTO users (platform, external_id, open_id, nickname) VALUES ($1, $2, $3, $4) RETURNING id', [
        platformName,
        channel === 'alipay' ? '2088000000001234' : 'o-steps',
        channel === 'alipay' ? null : 'o-steps',
        'steps',
      ])
      const token = (await app.sessions.sign(u.id)).token
      for (let i = 0; i < 5 * N; i++) {
        const o = await app.inject({ method: 'POST', url: '/api/orders', headers: { authorization: `Bearer ${token}` }, payload: { items: [{ skuId: sku.id, quantity: 1 }], idempotencyKey: `steps-${channel}-${i}` } })
        if (o.statusCode !== 201) throw new Error(o.body)
        const r = await app.payments.pay(u.id, o.json().id)
        made.push({ channel, out: r.outTradeNo })
      }
    }
    const notify = (m: { channel: 'wechat' | 'alipay'; out: string }) => {
      platform.settle(m.out)
      return m.channel === 'wechat' ? platform.wechatNotify(m.out) : platform.alipayNotify(m.out)
    }

    for (const channel of ['wechat', 'alipay'] as const) {
      const mine = made.filter((m) => m.channel === channel)
      // One at a time: each step's own cost, no queueing.
      const seq = mine.slice(0, N).map((m) => ({ m, n: notify(m) }))
      timings.reset()
      const t0 = performance.now()
      for (const { m, n } of seq) {
        const t1 = performance.now()
        const r = await app.payments.handleNotify(channel, n)
        timings.add('handleNotify (whole)', us(t1))
        if (r.outcome !== 'paid') throw new Error(`${m.out}: ${r.outcome}`)
      }
      const seqRate = Math.round(N / ((performance.now() - t0) / 1000))
      console.log(`\n[${kind}] ${channel}: ${N} notifies one at a time, ${seqRate}/s in-process (no HTTP); µs per step:`)
      console.table(timings.table(N))

      // CONCURRENCY at once (as the HTTP bench drives it): the in-process ceiling.
      const par = mine.slice(N, 2 * N).map((m) => notify(m))
      const today = await drive(N, CONCURRENCY, (i) => app.payments.handleNotify(channel, par[i]).then((r) => r.outcome), pgDatabase)
      console.log(`[${kind}] ${channel}: ${N} notifies ${CONCURRENCY} at a time: ${show(today)} in-process (no HTTP)`)

      // The sketch: one at a time (steps), then CONCURRENCY at once, in a transaction and as a lone statement.
      const outbox = (await raw.one<{ t: string | null }>("SELECT to_regclass('message_outbox')::text AS t")).t !== null
      const inTx = proposedPath(timedDb(raw), platform, true, outbox)
      const lone = proposedPath(timedDb(raw), platform, false, outbox)
      const one = mine.slice(2 * N, 3 * N).map((m) => notify(m))
      timings.reset()
      const { perSec: seqSketch } = await drive(N, 1, async (i) => {
        const t1 = performance.now()
        const outcome = await inTx.handle(channel, one[i])
        timings.add('sketch: handle (whole)', us(t1))
        return outcome
      })
      console.log(`[${kind}] ${channel}, sketch: one at a time ${seqSketch}/s in-process; µs per step:`)
      console.table(timings.table(N))
      const a = mine.slice(3 * N, 4 * N).map((m) => notify(m))
      const b = mine.slice(4 * N, 5 * N).map((m) => notify(m))
      const sketchTx = await drive(N, CONCURRENCY, (i) => inTx.handle(channel, a[i]), pgDatabase)
      const sketchLone = await drive(N, CONCURRENCY, (i) => lone.handle(channel, b[i]), pgDatabase)
      console.log(`[${kind}] ${channel}: ${CONCURRENCY} at a time, in-process:\n  today                              ${show(today)}\n  sketch in a transaction            ${show(sketchTx)}\n  sketch as one autocommit statement ${show(sketchLone)}`)
      results.push({ db: kind, channel, today, sketchInTx: sketchTx, sketchAutocommit: sketchLone })
    }
    // Both paths leave the same rows: each order paid once, one event, one audit row (and one message) each.
    const c = await raw.one<Record<string, number>>(
      `SELECT (SELECT count(*)::int FROM orders WHERE status = 'paid') AS paid_orders,
              (SELECT count(*)::int FROM order_events WHERE status = 'paid') AS paid_events,
              (SELECT count(*)::int FROM payment_notifies WHERE outcome = 'paid') AS paid_notifies,
              (SELECT count(*)::int FROM payments WHERE status = 'paid') AS paid_attempts`,
    )
    const outboxRows = (await raw.one<{ t: string | null }>("SELECT to_regclass('message_outbox')::text AS t")).t
      ? (await raw.one<{ n: number }>("SELECT count(*)::int AS n FROM message_outbox WHERE event = 'order_paid'")).n
      : null
    console.log(`[${kind}] in the database:`, { ...c, order_paid_messages: outboxRows, expected: 2 * 5 * N })
  } finally {
    await app.close()
    if (kind === 'postgres') await raw.query(`DROP SCHEMA ${schema} CASCADE`)
    await raw.close()
  }
}

function primitives(): void {
  // The crypto alone, with the PEM text the providers pass today and with a KeyObject parsed once.
  const a = crypto.generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs1', format: 'pem' } })
  const pub = crypto.createPublicKey(a.publicKey)
  const priv = crypto.createPrivateKey(a.privateKey)
  const msg = Formatter.response(String(Math.floor(Date.now() / 1000)), Formatter.nonce(), 'x'.repeat(900))
  const sig = Rsa.sign(msg, a.privateKey as never)
  const apiV3Key = crypto.randomBytes(16).toString('hex')
  const nonce = Formatter.nonce(12)
  const ct = Aes.AesGcm.encrypt(JSON.stringify({ out_trade_no: 'x'.repeat(20), amount: { total: 100 }, payer: { openid: 'o' } }), apiV3Key, nonce, 'transaction')
  const rows = [
    micro('RSA-2048 verify, PEM text (parsed every call: today)', 2000, () => Rsa.verify(msg, sig, a.publicKey as never)),
    micro('RSA-2048 verify, KeyObject made once', 2000, () => Rsa.verify(msg, sig, pub as never)),
    micro('createPublicKey(PEM) alone', 2000, () => crypto.createPublicKey(a.publicKey)),
    micro('RSA-2048 sign (paySign), PEM text (today)', 300, () => Rsa.sign(msg, a.privateKey as never)),
    micro('RSA-2048 sign (paySign), KeyObject made once', 300, () => Rsa.sign(msg, priv as never)),
    micro('createPrivateKey(PEM) alone', 1000, () => crypto.createPrivateKey(a.privateKey)),
    micro('AES-256-GCM decrypt of a transaction', 5000, () => Aes.AesGcm.decrypt(ct, apiV3Key, nonce, 'transaction')),
  ]
  console.log('\ncrypto primitives, µs per call:')
  console.table(Object.fromEntries(rows.map(([k, v]) => [k, { µs: v }])))
}

async function main(): Promise<void> {
  primitives()
  await run('pglite')
  if (process.env.DATABASE_URL) await run('postgres')
  console.log('\nnotifies per second in-process, 20 at a time (CPU ms per notify: node + postgres):')
  console.table(
    results.map((r) => ({
      db: r.db,
      channel: r.channel,
      today: r.today.perSec,
      'today cpu': r.today.cpuMs ? `${r.today.cpuMs.node} + ${r.today.cpuMs.postgres ?? '-'}` : '',
      'sketch (tx)': r.sketchInTx.perSec,
      'sketch (tx) cpu': r.sketchInTx.cpuMs ? `${r.sketchInTx.cpuMs.node} + ${r.sketchInTx.cpuMs.postgres ?? '-'}` : '',
      'sketch (autocommit)': r.sketchAutocommit.perSec,
      'sketch (autocommit) cpu': r.sketchAutocommit.cpuMs ? `${r.sketchAutocommit.cpuMs.node} + ${r.sketchAutocommit.cpuMs.postgres ?? '-'}` : '',
    })),
  )
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
