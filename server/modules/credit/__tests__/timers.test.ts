import { expect, it } from 'vitest'
import { ADMIN_TOKEN, call, describeEachDb, productId, skuId } from '../../../test/helpers'
import type { SandboxCredit } from '../../../platforms'
import type { RawNotify } from '../../../platforms/types'
import { platformUser } from '../../payments/__tests__/helpers'

let seq = 0
const key = () => `timers-${process.pid}-${Date.now()}-${++seq}`

describeEachDb('credit timers', (ctx) => {
  const sandbox = () => ctx.app.credit.providers.sandbox as SandboxCredit
  const admin = (url: string) => call(ctx.app, 'POST', url, { token: ADMIN_TOKEN })
  const stateOf = async (id: number) => (await ctx.t.db.one<{ state: string }>('SELECT state FROM credit_orders WHERE id = $1', [id])).state

  /** A rental in use, authorised through the platform's signed callback and picked up at the shop. */
  async function inUse(token: string): Promise<number> {
    const pid = await productId(ctx.t.db, 'hoodie')
    await ctx.t.db.query('INSERT INTO product_rentals (product_id, deposit, daily_rate, min_days, max_days) VALUES ($1, 3000, 500, 1, 5) ON CONFLICT DO NOTHING', [pid])
    const res = await call(ctx.app, 'POST', '/api/rentals', { token, body: { skuId: await skuId(ctx.t.db, 'hoodie', { 尺码: 'L' }), days: 2, idempotencyKey: key() } })
    expect(res.status).toBe(201)
    const decided = sandbox().decide(res.body.credit.rentalNo, 'partial')
    const n = decided?.notify as RawNotify
    await ctx.app.inject({ method: 'POST', url: '/api/credit/notify/alipay', headers: n.headers as Record<string, string>, payload: n.body })
    expect((await admin(`/api/admin/rentals/${res.body.credit.id}/start`)).body.state).toBe('in_use')
    return res.body.credit.id
  }
  const pastDue = (ids: number[], days: number) =>
    ctx.t.db.query("UPDATE rentals SET started_at = started_at - $2 * interval '1 day', due_at = due_at - $2 * interval '1 day' WHERE credit_order_id = ANY($1::int[])", [ids, days])

  it('one broken rental is reported and skipped: the rentals after it still go overdue', async () => {
    const token = await platformUser(ctx.app, 'alipay')
    const broken = await inUse(token)
    const fine = await inUse(token)
    await pastDue([broken, fine], 3)
    // A row the timer can't read (its terms gone): it throws inside the sweep.
    await ctx.t.db.query("UPDATE credit_orders SET terms = 'null'::jsonb WHERE id = $1", [broken])
    const reported: string[] = []
    const original = ctx.app.log.error.bind(ctx.app.log)
    ctx.app.log.error = ((obj: unknown, msg?: string) => {
      reported.push(String(msg ?? obj))
      return original(obj as never, msg as never)
    }) as typeof ctx.app.log.error
    try {
      await expect(ctx.app.credit.sweep()).resolves.toBeGreaterThanOrEqual(1)
    } finally {
      ctx.app.log.error = original
    }
    expect(await stateOf(fine)).toBe('overdue')
    expect(await stateOf(broken)).toBe('in_use')
    const rentalNo = (await ctx.t.db.one<{ rental_no: string }>('SELECT rental_no FROM rentals WHERE credit_order_id = $1', [broken])).rental_no
    expect(reported).toContain(`credit: rental timer for ${rentalNo} failed`)
  })

  it('rentals past the first 500 in use get their timers too', async () => {
    const token = await platformUser(ctx.app, 'alipay')
    const template = await inUse(token)
    // 600 rentals in use, due in a month, all older than the one that falls due: the timer's old
    // query took the first 500 by id every time and never reached it.
    await ctx.t.db.query(
      `WITH made AS (
         INSERT INTO credit_orders (kind, user_id, state, provider, channel, out_order_no, amount, waived, frozen, terms, created_at, updated_at)
         SELECT 'rental', c.user_id, 'in_use', 'alipay', 'alipay', 'BULK' || g, 3000, 1500, 1500, c.terms, now(), now()
         FROM generate_series(1, 600) g, (SELECT user_id, terms FROM credit_orders WHERE id = $1) c
         RETURNING id, out_order_no)
       INSERT INTO rentals (credit_order_id, rental_no, sku_id, product_id, title, image, specs, days, started_at, due_at)
       SELECT made.id, made.out_order_no, r.sku_id, r.product_id, r.title, r.image, r.specs, 30, now(), now() + interval '30 days'
       FROM made, (SELECT * FROM rentals WHERE credit_order_id = $1) r`,
      [template],
    )
    const due = await inUse(token)
    expect(due).toBeGreaterThan(template + 600)
    await pastDue([due], 3)
    await ctx.app.credit.sweep()
    expect(await stateOf(due)).toBe('overdue')
    expect(await stateOf(template)).toBe('in_use')
  })
}, { sandboxNotifyDelayMs: null })

describeEachDb('credit notifies for another merchant', (ctx) => {
  const sandbox = () => ctx.app.credit.providers.sandbox as SandboxCredit
  const post = (channel: 'wechat' | 'alipay', n: RawNotify) => ctx.app.inject({ method: 'POST', url: `/api/credit/notify/${channel}`, headers: n.headers as Record<string, string>, payload: n.body })

  it.each(['weapp', 'alipay'] as const)('%s: a validly signed confirm naming another merchant is refused and recorded as mismatch; the rental stays unconfirmed', async (platform) => {
    const token = await platformUser(ctx.app, platform)
    const pid = await productId(ctx.t.db, 'hoodie')
    await ctx.t.db.query('INSERT INTO product_rentals (product_id, deposit, daily_rate, min_days, max_days) VALUES ($1, 3000, 500, 1, 5) ON CONFLICT DO NOTHING', [pid])
    const res = await call(ctx.app, 'POST', '/api/rentals', { token, body: { skuId: await skuId(ctx.t.db, 'hoodie', { 尺码: 'L' }), days: 2, idempotencyKey: key() } })
    expect(res.status).toBe(201)
    const out = res.body.credit.rentalNo as string
    const genuine = sandbox().decide(out, 'full')!
    const forged = platform === 'weapp' ? sandbox().wechatConfirm(out, { mchId: '1900000999' }) : sandbox().alipayFreeze(out, 'SUCCESS', { sellerId: '2088000000000999' })
    const channel = platform === 'weapp' ? 'wechat' : 'alipay'
    const refused = await post(channel, forged)
    // WeChat is told with a 4xx; Alipay reads the body ('fail' makes it retry, which changes nothing here).
    if (channel === 'wechat') expect(refused.statusCode).toBeGreaterThanOrEqual(400)
    else expect(refused.body).toBe('fail')
    const state = async () => (await ctx.t.db.one<{ state: string }>('SELECT state FROM credit_orders WHERE out_order_no = $1', [out])).state
    expect(await state()).toBe('created')
    const audit = await ctx.t.db.query<{ outcome: string }>('SELECT outcome FROM credit_notifies WHERE out_order_no = $1 ORDER BY id', [out])
    expect(audit.rows.map((r) => r.outcome)).toEqual(['mismatch'])
    expect((await post(channel, genuine.notify!)).statusCode).toBeLessThan(300)
    expect(await state()).toBe('authorized')
  })
}, { sandboxNotifyDelayMs: null })
