import { expect, it } from 'vitest'
import { call, describeEachDb, skuId } from '../../../test/helpers'
import type { SandboxPay } from '../../../platforms'
import { platformUser, postNotify } from './helpers'

let seq = 0
const key = () => `audit-${process.pid}-${Date.now()}-${++seq}`

describeEachDb('notify audit', (ctx) => {
  const sandbox = () => ctx.app.payments.providers.sandbox as SandboxPay

  it('300 forged notifies (60 KB, 40 headers each) keep a hash, length, a 256-char prefix and safe headers only; verified ones stay whole', async () => {
    const big = `{"id":"forged","resource":{"ciphertext":"${'A'.repeat(60_000)}"}}`
    const junk: Record<string, string> = { 'content-type': 'application/json', 'wechatpay-serial': 'SERIAL1', 'wechatpay-timestamp': '1700000000', 'wechatpay-signature': 'x'.repeat(300) }
    for (let i = 0; i < 40; i++) junk[`x-junk-${i}`] = 'j'.repeat(500)
    const before = (await ctx.t.db.one<{ n: number }>('SELECT count(*)::int AS n FROM payment_notifies')).n
    for (let i = 0; i < 300; i += 30) {
      const answers = await Promise.all(Array.from({ length: 30 }, () => postNotify(ctx.app, 'wechat', { headers: junk, body: big })))
      expect(answers.every((a) => a.statusCode === 401)).toBe(true)
      const credit = await Promise.all(Array.from({ length: 30 }, () => ctx.app.inject({ method: 'POST', url: '/api/credit/notify/wechat', headers: junk, payload: big })))
      expect(credit.every((a) => a.statusCode === 401)).toBe(true)
    }
    for (const table of ['payment_notifies', 'credit_notifies']) {
      const rows = await ctx.t.db.query<{ body: string; headers: unknown; body_sha256: string; body_length: number; verified: boolean }>(
        `SELECT body, headers::text AS headers, body_sha256, body_length, verified FROM ${table} WHERE NOT verified ORDER BY id DESC LIMIT 300`,
      )
      expect(rows.rows).toHaveLength(300)
      for (const r of rows.rows) {
        expect(r.body.length).toBeLessThanOrEqual(256)
        expect(big.startsWith(r.body)).toBe(true)
        expect(r.body_length).toBe(big.length)
        expect(r.body_sha256).toMatch(/^[0-9a-f]{64}$/)
        expect(JSON.parse(r.headers as string)).toEqual({ 'content-type': 'application/json', 'wechatpay-serial': 'SERIAL1', 'wechatpay-timestamp': '1700000000' })
      }
    }
    expect((await ctx.t.db.one<{ n: number }>('SELECT count(*)::int AS n FROM payment_notifies')).n).toBe(before + 300)
    const stored = await ctx.t.db.one<{ bytes: number }>('SELECT sum(octet_length(body) + octet_length(headers::text))::int AS bytes FROM payment_notifies WHERE NOT verified')
    expect(stored.bytes).toBeLessThanOrEqual(300 * 400)

    // A verified notify is kept whole.
    const token = await platformUser(ctx.app, 'weapp')
    const mug = await skuId(ctx.t.db, 'mug', { 颜色: '米白' })
    const o = await call(ctx.app, 'POST', '/api/orders', { token, body: { items: [{ skuId: mug, quantity: 1 }], idempotencyKey: key() } })
    await call(ctx.app, 'POST', `/api/orders/${o.body.id}/pay`, { token })
    const out = (await ctx.t.db.one<{ out_trade_no: string }>('SELECT out_trade_no FROM payments WHERE order_id = $1', [o.body.id])).out_trade_no
    sandbox().settle(out)
    const n = sandbox().wechatNotify(out)
    expect((await postNotify(ctx.app, 'wechat', n)).statusCode).toBe(204)
    const kept = await ctx.t.db.one<{ body: string; headers: Record<string, string> }>('SELECT body, headers FROM payment_notifies WHERE out_trade_no = $1 AND verified', [out])
    expect(kept.body).toBe(n.body)
    const h = typeof kept.headers === 'string' ? JSON.parse(kept.headers) : kept.headers
    expect(h['wechatpay-signature']).toBe(n.headers['wechatpay-signature'])
  })

  it('pruning deletes unverified rows past NOTIFY_AUDIT_DAYS only, in batches; verified and recent rows stay', async () => {
    const old = new Date(Date.now() - 31 * 86_400_000)
    for (const [table, col] of [['payment_notifies', 'provider'], ['credit_notifies', 'channel']] as const) {
      await ctx.t.db.query(`DELETE FROM ${table}`)
      await ctx.t.db.query(
        `INSERT INTO ${table} (${col}, headers, body, verified, outcome, received_at)
         SELECT 'wechat', '{}', 'x', g % 4 = 0, CASE WHEN g % 4 = 0 THEN 'paid' ELSE 'bad_signature' END, CASE WHEN g <= 1200 THEN $1::timestamptz ELSE now() END
         FROM generate_series(1, 1400) g`,
        [old],
      )
    }
    const days = ctx.app.config.notifyAuditMs
    expect(days).toBe(30 * 86_400_000)
    expect(await ctx.app.payments.pruneNotifies(days)).toBe(900)
    expect(await ctx.app.credit.pruneNotifies(days)).toBe(900)
    for (const table of ['payment_notifies', 'credit_notifies']) {
      const left = await ctx.t.db.query<{ verified: boolean; recent: boolean; n: number }>(
        `SELECT verified, received_at > now() - interval '1 day' AS recent, count(*)::int AS n FROM ${table} GROUP BY 1, 2 ORDER BY 1, 2`,
      )
      expect(left.rows).toEqual([
        { verified: false, recent: true, n: 150 },
        { verified: true, recent: false, n: 300 },
        { verified: true, recent: true, n: 50 },
      ])
    }
    expect(await ctx.app.payments.pruneNotifies(days)).toBe(0)
  })
})
