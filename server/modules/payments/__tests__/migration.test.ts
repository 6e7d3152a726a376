import { expect, it } from 'vitest'
import { describeEachDb } from '../../../test/helpers'

describeEachDb('payments migration', (ctx) => {
  it('creates payments with a unique out_trade_no and payment_notifies', async () => {
    const r = await ctx.t.db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version')
    expect(r.rows.map((x) => x.version)).toContain(2)
    const user = await ctx.t.db.one<{ id: number }>("INSERT INTO users (platform, external_id, nickname) VALUES ('h5', 'mig-test', 'm') RETURNING id")
    const order = await ctx.t.db.one<{ id: number }>(
      "INSERT INTO orders (order_no, user_id, status, idempotency_key, subtotal, shipping, discount, total, created_at) VALUES ('MIG1', $1, 'created', 'mig-key-1', 100, 0, 0, 100, now()) RETURNING id",
      [user.id],
    )
    const insert = () =>
      ctx.t.db.query("INSERT INTO payments (order_id, provider, out_trade_no, amount, created_at, updated_at) VALUES ($1, 'sandbox', 'MIG1-01', 100, now(), now())", [order.id])
    await insert()
    await expect(insert()).rejects.toThrow()
    await expect(
      ctx.t.db.query("INSERT INTO payments (order_id, provider, out_trade_no, amount, created_at, updated_at) VALUES ($1, 'paypal', 'MIG1-02', 100, now(), now())", [order.id]),
    ).rejects.toThrow()
    await ctx.t.db.query("INSERT INTO payment_notifies (provider, headers, body, verified, outcome, received_at) VALUES ('wechat', '{}', 'x', false, 'bad_signature', now())")
    expect((await ctx.t.db.one<{ n: number }>('SELECT count(*)::int AS n FROM payment_notifies')).n).toBe(1)
  })
})
