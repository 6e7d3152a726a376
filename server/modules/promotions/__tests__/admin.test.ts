import { beforeEach, expect, it } from 'vitest'
import { ADMIN_TOKEN, call, describeEachDb, login, skuId } from '../../../test/helpers'
import { DAY, createBatch, createPromotion, endAll, fromNow } from './support'

describeEachDb('promotion admin', (ctx) => {
  const admin = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown) => call(ctx.app, method, url, { token: ADMIN_TOKEN, body })
  const category = async (key: string) => (await ctx.t.db.one<{ id: number }>('SELECT id FROM categories WHERE key = $1', [key])).id
  beforeEach(() => endAll(ctx.app))

  it('needs the admin token', async () => {
    const token = await login(ctx.app)
    expect((await call(ctx.app, 'POST', '/api/admin/promotions', { token, body: {} })).status).toBe(401)
    expect((await call(ctx.app, 'GET', '/api/admin/coupon-batches')).status).toBe(401)
    expect((await call(ctx.app, 'PUT', '/api/admin/members/1', { token })).status).toBe(401)
  })

  it('refuses bad promotions with a message saying what is wrong, and stores nothing', async () => {
    const mug = await skuId(ctx.t.db, 'mug', { 颜色: '米白' })
    const base = { name: '坏活动', startsAt: fromNow(ctx.app, -60_000), endsAt: fromNow(ctx.app, DAY) }
    const cases: [Record<string, unknown>, string][] = [
      [{ kind: 'full_reduction', scope: { type: 'all' }, tiers: [{ threshold: 30000, off: 4000 }, { threshold: 20000, off: 2000 }] }, '档位门槛必须从低到高'],
      [{ kind: 'full_reduction', scope: { type: 'all' }, tiers: [{ threshold: 2000, off: 2000 }] }, '减免金额必须小于门槛'],
      [{ kind: 'full_discount', scope: { type: 'all' }, tiers: [{ threshold: 20000, percent: 100 }] }, '1 到 99'],
      [{ kind: 'full_discount', scope: { type: 'all' }, tiers: [{ threshold: 1, percent: 80 }, { threshold: 2, percent: 90 }] }, '折扣必须更低'],
      [{ kind: 'n_for_n', scope: { type: 'categories', categoryIds: [999] }, count: 3, price: 9900 }, '分类不存在'],
      [{ kind: 'n_for_n', scope: { type: 'all' }, count: 1, price: 9900 }, '件数至少 2 件'],
      [{ kind: 'limited_time', items: [{ skuId: 999999, price: 100, stock: 5 }] }, '商品规格不存在'],
      [{ kind: 'limited_time', items: [{ skuId: mug, price: 3900, stock: 5 }] }, '限时价必须低于原价'],
      [{ kind: 'limited_time', items: [{ skuId: mug, price: 100, stock: 5 }, { skuId: mug, price: 200, stock: 5 }] }, '只能出现一次'],
      [{ kind: 'member_price', scope: { type: 'all' } }, '请设置会员折扣'],
      [{ kind: 'full_reduction', scope: { type: 'all' }, tiers: [{ threshold: 100, off: 10 }], endsAt: fromNow(ctx.app, -DAY) }, '结束时间必须晚于开始时间'],
      [{ kind: 'full_reduction', scope: { type: 'all' }, tiers: [{ threshold: 100, off: 10 }], startsAt: fromNow(ctx.app, -2 * DAY), endsAt: fromNow(ctx.app, -DAY) }, '结束时间必须晚于现在'],
      [{ kind: 'buy_one_get_one' }, 'kind 只能是'],
      [{ kind: 'full_reduction', scope: { type: 'all' }, tiers: [{ threshold: 100, off: 10 }], startsAt: 'tomorrow' }, 'ISO 时间'],
    ]
    for (const [body, message] of cases) {
      const res = await admin('POST', '/api/admin/promotions', { ...base, ...body })
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(res.body.code).toBe('BAD_INPUT')
      expect(res.body.message).toContain(message)
    }
    expect((await ctx.t.db.one<{ n: number }>("SELECT count(*)::int AS n FROM promotions WHERE name = '坏活动'")).n).toBe(0)
  })

  it('refuses bad coupon batches', async () => {
    const base = { title: '坏券', type: 'amount', value: 500, claimStartsAt: fromNow(ctx.app, -60_000), claimEndsAt: fromNow(ctx.app, DAY), validity: { days: 3 }, total: 10 }
    const cases: [Record<string, unknown>, string][] = [
      [{ type: 'percent', value: 120 }, '1 到 99'],
      [{ cap: 500 }, '满减券不能设置封顶金额'],
      [{ value: 5000, threshold: 3000 }, '减免金额必须小于使用门槛'],
      [{ claimEndsAt: fromNow(ctx.app, -DAY) }, '领取结束时间必须晚于开始时间'],
      [{ validity: { from: fromNow(ctx.app, DAY), to: fromNow(ctx.app, 0) } }, '有效期结束必须晚于开始'],
      [{ total: 0 }, '发行总量至少 1 张'],
      [{ scope: { type: 'products', productIds: [999999] } }, '商品不存在'],
      [{ validity: { days: 0 } }, '有效天数至少 1 天'],
    ]
    for (const [body, message] of cases) {
      const res = await admin('POST', '/api/admin/coupon-batches', { ...base, ...body })
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(res.body.message).toContain(message)
    }
    expect((await ctx.t.db.one<{ n: number }>("SELECT count(*)::int AS n FROM coupon_batches WHERE title = '坏券'")).n).toBe(0)
  })

  it('lists promotions and batches with their state; ending is idempotent and a missing id is 404', async () => {
    const p = await createPromotion(ctx.app, { kind: 'n_for_n', name: '任选3件99', scope: { type: 'categories', categoryIds: [await category('cups')] }, count: 3, price: 9900 })
    expect(p).toMatchObject({ kind: 'n_for_n', status: 'running', count: 3, price: 9900, stacking: { priority: 10 } })
    const later = await createPromotion(ctx.app, { kind: 'full_reduction', name: '明天满减', scope: { type: 'all' }, tiers: [{ threshold: 10000, off: 1000 }], startsAt: fromNow(ctx.app, DAY), endsAt: fromNow(ctx.app, 2 * DAY) })
    expect(later.status).toBe('scheduled')
    const list = await admin('GET', '/api/admin/promotions')
    expect(list.body.items.slice(0, 2).map((x: { id: number }) => x.id)).toEqual([later.id, p.id])
    const b = await createBatch(ctx.app, { title: '列表券', total: 5 })
    const token = await login(ctx.app)
    await call(ctx.app, 'POST', `/api/coupons/center/${b.id}/claim`, { token })
    const batches = await admin('GET', '/api/admin/coupon-batches')
    expect(batches.body.items[0]).toMatchObject({ id: b.id, total: 5, issued: 1, remaining: 4, endedAt: null, validity: { days: 7 } })
    const e1 = await admin('POST', `/api/admin/promotions/${p.id}/end`)
    const e2 = await admin('POST', `/api/admin/promotions/${p.id}/end`)
    expect(e1.body.endedAt).toBe(e2.body.endedAt)
    expect((await admin('POST', '/api/admin/promotions/999999/end')).status).toBe(404)
    expect((await admin('POST', '/api/admin/coupon-batches/999999/end')).status).toBe(404)
  })

  it('members: PUT makes a shopper a member (member prices apply), DELETE ends it', async () => {
    const mug = await skuId(ctx.t.db, 'mug', { 颜色: '米白' }) // 3900
    await createPromotion(ctx.app, { kind: 'member_price', name: '会员95折', scope: { type: 'categories', categoryIds: [await category('cups')] }, percent: 95 })
    const token = await login(ctx.app)
    const userId = await ctx.app.sessions.verify(token)
    const preview = () => call(ctx.app, 'POST', '/api/orders/preview', { token, body: { items: [{ skuId: mug, quantity: 2 }] } })
    expect((await preview()).body.discount).toBe(0)
    const m = await admin('PUT', `/api/admin/members/${userId}`, { source: 'test' })
    expect(m.body).toMatchObject({ userId, status: 'active', source: 'test', endsAt: null })
    const member = (await preview()).body
    expect(member).toMatchObject({ subtotal: 7800, discount: 390, total: 7410 + 1000 })
    expect(member.lines[0].labels).toEqual(['会员价'])
    // Guests never get member prices; the card shows the member price to everyone.
    expect((await call(ctx.app, 'POST', '/api/pricing/preview', { body: { items: [{ skuId: mug, quantity: 2 }] } })).body.discount).toBe(0)
    const ended = await admin('DELETE', `/api/admin/members/${userId}`)
    expect(ended.body.status).toBe('ended')
    expect((await preview()).body.discount).toBe(0)
    expect((await admin('PUT', '/api/admin/members/999999', {})).status).toBe(404)
    expect((await admin('PUT', `/api/admin/members/${userId}`, { endsAt: fromNow(ctx.app, -DAY) })).status).toBe(400)
  })
})
