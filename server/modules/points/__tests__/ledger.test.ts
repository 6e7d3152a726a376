import { expect, it } from 'vitest'
import { call, describeEachDb, login } from '../../../test/helpers'
import { pointsService } from '..'

describeEachDb('points ledger core: credit, debit, keys, lots', (ctx) => {
  const at = new Date('2026-12-05T04:00:00.000Z')
  const userOf = async () => (await call(ctx.app, 'GET', '/api/me', { token: await login(ctx.app) })).body.id as number
  const ledger = () => pointsService(ctx.t.db, { now: () => at })
  const lots = (userId: number) =>
    ctx.t.db.query<{ delta: number; remaining: number | null; expires_at: Date | null; kind: string }>('SELECT delta, remaining, expires_at, kind FROM points_entries WHERE user_id = $1 ORDER BY id', [userId])

  it('credits a lot expiring at the end of next year (Asia/Shanghai); the same key twice writes once', async () => {
    const userId = await userOf()
    const e = { userId, points: 30, kind: 'check_in' as const, key: `t:${userId}:a`, title: '签到', at }
    expect(await ctx.t.db.tx((q) => ledger().creditIn(q, e))).toEqual({ applied: true, balance: 30 })
    expect(await ctx.t.db.tx((q) => ledger().creditIn(q, e))).toEqual({ applied: false, balance: 30 })
    const rows = (await lots(userId)).rows
    expect(rows).toHaveLength(1)
    expect(new Date(rows[0].expires_at as Date).toISOString()).toBe('2027-12-31T16:00:00.000Z')
    expect(await ledger().balanceOf(userId)).toBe(30)
  })

  it('debits from the lots expiring first; refuses when short and writes nothing; a repeated key is not spent twice', async () => {
    const userId = await userOf()
    const l = ledger()
    await ctx.t.db.tx((q) => l.creditIn(q, { userId, points: 50, kind: 'admin', key: `t:${userId}:new`, title: '新', at }))
    // Earned a year earlier: expires a year sooner, so it is spent first.
    await ctx.t.db.tx((q) => l.creditIn(q, { userId, points: 20, kind: 'admin', key: `t:${userId}:old`, title: '旧', at: new Date('2025-06-01T00:00:00Z') }))
    const spend = { userId, points: 30, kind: 'checkout' as const, key: `t:${userId}:spend`, title: '抵扣', at }
    expect(await ctx.t.db.tx((q) => l.debitIn(q, spend))).toEqual({ ok: true, applied: true, balance: 40 })
    expect(await ctx.t.db.tx((q) => l.debitIn(q, spend))).toEqual({ ok: true, applied: false, balance: 40 })
    expect((await lots(userId)).rows.map((r) => r.remaining)).toEqual([40, 0, null])
    expect(await ctx.t.db.tx((q) => l.debitIn(q, { ...spend, key: `t:${userId}:big`, points: 41 }))).toEqual({ ok: false, applied: false, balance: 40 })
    expect((await lots(userId)).rows).toHaveLength(3)
  })

  it('ten spends of 10 at once on a balance of 50: five apply, the balance ends at 0, never below', async () => {
    const userId = await userOf()
    const l = ledger()
    await ctx.t.db.tx((q) => l.creditIn(q, { userId, points: 50, kind: 'admin', key: `t:${userId}:c`, title: '赠', at }))
    const rs = await Promise.all(Array.from({ length: 10 }, (_, i) => ctx.t.db.tx((q) => l.debitIn(q, { userId, points: 10, kind: 'mall', key: `t:${userId}:d${i}`, title: '兑换', at }))))
    expect(rs.filter((r) => r.ok).length).toBe(5)
    expect(await l.balanceOf(userId)).toBe(0)
    const sum = await ctx.t.db.one<{ n: number }>('SELECT coalesce(sum(remaining), 0)::int AS n FROM points_entries WHERE user_id = $1', [userId])
    expect(sum.n).toBe(0)
  })
})
