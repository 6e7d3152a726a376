import { beforeEach, expect, it } from 'vitest'
import { call, describeEachDb, login, skuId } from '../../../test/helpers'
import { DAY, claimCoupon, createBatch, endAll, fromNow, key } from './support'

describeEachDb('coupon claims', (ctx) => {
  beforeEach(() => endAll(ctx.app))

  it('500 concurrent claims of a 100-coupon batch issue exactly 100; the rest hear 已领完', async () => {
    const batch = await createBatch(ctx.app, { title: '抢券100', total: 100, perUserLimit: 1 })
    const tokens = await Promise.all(Array.from({ length: 500 }, (_, i) => login(ctx.app, `claimer-${i}`)))
    const results = await Promise.all(tokens.map((token) => call(ctx.app, 'POST', `/api/coupons/center/${batch.id}/claim`, { token })))
    const ok = results.filter((r) => r.status === 201)
    const gone = results.filter((r) => r.status === 409)
    expect(ok).toHaveLength(100)
    expect(gone).toHaveLength(400)
    for (const r of gone) expect(r.body).toMatchObject({ code: 'COUPONS_GONE', message: '优惠券已领完' })
    const db = await ctx.t.db.one<{ issued: number; held: number; users: number }>(
      'SELECT b.issued, (SELECT count(*)::int FROM user_coupons WHERE batch_id = b.id) AS held, (SELECT count(DISTINCT user_id)::int FROM user_coupons WHERE batch_id = b.id) AS users FROM coupon_batches b WHERE b.id = $1',
      [batch.id],
    )
    expect(db).toEqual({ issued: 100, held: 100, users: 100 })
    const center = await call(ctx.app, 'GET', '/api/coupons/center', { token: tokens[0] })
    expect(center.body.items.find((e: { batchId: number }) => e.batchId === batch.id)).toMatchObject({ remaining: 0, canClaim: false, reason: '已领完' })
  })

  it('one shopper claiming 20 times at once gets exactly the per-user limit (3), and the batch counts 3', async () => {
    const batch = await createBatch(ctx.app, { title: '限领3张', total: 50, perUserLimit: 3 })
    const token = await login(ctx.app)
    const results = await Promise.all(Array.from({ length: 20 }, () => call(ctx.app, 'POST', `/api/coupons/center/${batch.id}/claim`, { token })))
    expect(results.filter((r) => r.status === 201)).toHaveLength(3)
    const refused = results.filter((r) => r.status !== 201)
    expect(refused).toHaveLength(17)
    for (const r of refused) expect(r.body).toMatchObject({ code: 'CLAIM_LIMIT', message: '已达领取上限' })
    const b = await ctx.t.db.one<{ issued: number }>('SELECT issued FROM coupon_batches WHERE id = $1', [batch.id])
    expect(b.issued).toBe(3)
    const center = await call(ctx.app, 'GET', '/api/coupons/center', { token })
    expect(center.body.items.find((e: { batchId: number }) => e.batchId === batch.id)).toMatchObject({ claimed: 3, remaining: 47, canClaim: false, reason: '已达领取上限' })
  })

  it('the centre: guests see batches with claimed 0; claiming needs a login; closed windows and ended batches refuse', async () => {
    const open = await createBatch(ctx.app, { title: '满50减5', value: 500, threshold: 5000, total: 10, perUserLimit: 2, validity: { from: fromNow(ctx.app, -DAY), to: fromNow(ctx.app, 10 * DAY) } })
    const later = await createBatch(ctx.app, { title: '明天开抢', claimStartsAt: fromNow(ctx.app, DAY), claimEndsAt: fromNow(ctx.app, 2 * DAY) })
    const guest = await call(ctx.app, 'GET', '/api/coupons/center')
    expect(guest.status).toBe(200)
    const entry = guest.body.items.find((e: { batchId: number }) => e.batchId === open.id)
    expect(entry).toMatchObject({ title: '满50减5', type: 'amount', value: 500, threshold: 5000, scopeText: '全场通用', total: 10, remaining: 10, perUserLimit: 2, claimed: 0, canClaim: true, reason: null })
    expect(entry.validity).toEqual({ from: expect.any(String), to: expect.any(String) })
    // Not open yet: not listed, and a claim is refused.
    expect(guest.body.items.some((e: { batchId: number }) => e.batchId === later.id)).toBe(false)
    expect((await call(ctx.app, 'POST', `/api/coupons/center/${open.id}/claim`)).status).toBe(401)
    const token = await login(ctx.app)
    expect((await call(ctx.app, 'POST', `/api/coupons/center/${later.id}/claim`, { token })).body.code).toBe('CLAIM_NOT_STARTED')
    const coupon = await claimCoupon(ctx.app, token, open.id)
    expect(coupon).toMatchObject({ batchId: open.id, title: '满50减5', status: 'usable', orderId: null, usedAt: null, scopeText: '全场通用' })
    const mine = await call(ctx.app, 'GET', '/api/coupons/center', { token })
    expect(mine.body.items.find((e: { batchId: number }) => e.batchId === open.id)).toMatchObject({ claimed: 1, remaining: 9, canClaim: true })
    await call(ctx.app, 'POST', `/api/admin/coupon-batches/${open.id}/end`, { token: (await import('../../../test/helpers')).ADMIN_TOKEN })
    const ended = await call(ctx.app, 'POST', `/api/coupons/center/${open.id}/claim`, { token })
    expect(ended.status).toBe(409)
    expect(ended.body).toMatchObject({ code: 'CLAIM_CLOSED', message: '该优惠券已停止领取' })
    // A coupon claimed before the end stays usable.
    expect((await call(ctx.app, 'GET', '/api/coupons?status=usable', { token })).body.items.map((c: { id: number }) => c.id)).toEqual([coupon.id])
    expect((await call(ctx.app, 'POST', '/api/coupons/center/999999/claim', { token })).status).toBe(404)
  })

  it('my coupons by status: usable, used (with its order), expired; only the caller\'s own', async () => {
    const mug = await skuId(ctx.t.db, 'mug', { 颜色: '米白' })
    const short = await createBatch(ctx.app, { title: '1天券', value: 300, validity: { days: 1 } })
    const long = await createBatch(ctx.app, { title: '7天券', value: 500 })
    const token = await login(ctx.app)
    const other = await login(ctx.app)
    const a = await claimCoupon(ctx.app, token, short.id)
    const b = await claimCoupon(ctx.app, token, long.id)
    await claimCoupon(ctx.app, other, long.id)
    const usable = await call(ctx.app, 'GET', '/api/coupons', { token })
    expect(usable.body.items.map((c: { id: number }) => c.id)).toEqual([a.id, b.id])
    expect(usable.body.total).toBe(2)
    const order = await call(ctx.app, 'POST', '/api/orders', { token, body: { items: [{ skuId: mug, quantity: 1 }], idempotencyKey: key(), couponIds: [b.id] } })
    expect(order.status).toBe(201)
    const used = await call(ctx.app, 'GET', '/api/coupons?status=used', { token })
    expect(used.body.items).toEqual([expect.objectContaining({ id: b.id, status: 'used', orderId: order.body.id, usedAt: expect.any(String) })])
    expect((await call(ctx.app, 'GET', '/api/coupons?status=expired', { token })).body.items).toEqual([])
    // The 1-day coupon expires: listed as expired, no longer usable (the shared clock is moved back after).
    const realNow = ctx.app.now
    const later = new Date(Date.now() + 2 * DAY)
    ;(ctx.app as unknown as { now: () => Date }).now = () => later
    try {
      expect((await call(ctx.app, 'GET', '/api/coupons?status=expired', { token })).body.items.map((c: { id: number; status: string }) => [c.id, c.status])).toEqual([[a.id, 'expired']])
      expect((await call(ctx.app, 'GET', '/api/coupons?status=usable', { token })).body.items).toEqual([])
    } finally {
      ;(ctx.app as unknown as { now: () => Date }).now = realNow
    }
    expect((await call(ctx.app, 'GET', '/api/coupons?status=nope', { token })).status).toBe(400)
    expect((await call(ctx.app, 'GET', '/api/coupons')).status).toBe(401)
  })
})
