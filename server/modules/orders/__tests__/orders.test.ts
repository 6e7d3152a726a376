import { expect, it } from 'vitest'
import { ADMIN_TOKEN, call, describeEachDb, login, productId, skuId, stockOf } from '../../../test/helpers'

const HOME = { name: '张三', phone: '13800138000', region: ['广东省', '深圳市', '南山区'], detail: '科技园南路 1 号' }
let keySeq = 0
const key = () => `key-${process.pid}-${Date.now()}-${++keySeq}`

describeEachDb('orders', (ctx) => {
  const hoodieL = () => skuId(ctx.t.db, 'hoodie', { 尺码: 'L' }) // 19900, stock 8
  const hoodieXL = () => skuId(ctx.t.db, 'hoodie', { 尺码: 'XL' }) // 18900, stock 8
  const mugWhite = () => skuId(ctx.t.db, 'mug', { 颜色: '米白' }) // 3900, stock 50
  const teeWhiteL = () => skuId(ctx.t.db, 'tee', { 颜色: '白色', 尺码: 'L' }) // stock 0

  it('previews with catalog prices, ignoring any client price', async () => {
    const token = await login(ctx.app)
    const res = await call(ctx.app, 'POST', '/api/orders/preview', { token, body: { items: [{ skuId: await mugWhite(), quantity: 2, unitPrice: 1 }], total: 1 } })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ subtotal: 7800, shipping: 1000, total: 8800, itemCount: 2, freeShippingGap: 2100 })
  })

  it('creates an order: 201, catalog prices, address snapshot, reserved stock, timeline', async () => {
    const token = await login(ctx.app)
    const addr = await call(ctx.app, 'POST', '/api/addresses', { token, body: HOME })
    const sku = await mugWhite()
    const before = await stockOf(ctx.t.db, sku)
    const productUrl = `/api/products/${await productId(ctx.t.db, 'mug')}`
    const skuStock = async () => (await call(ctx.app, 'GET', productUrl)).body.skus.find((s: { id: number }) => s.id === sku).stock
    expect(await skuStock()).toBe(before)
    const res = await call(ctx.app, 'POST', '/api/orders', {
      token,
      body: { items: [{ skuId: sku, quantity: 3, price: 1, unitPrice: 1 }], addressId: addr.body.id, idempotencyKey: key(), note: '请放门口 📦', total: 1, subtotal: 1 },
    })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ status: 'created', subtotal: 11700, shipping: 0, discount: 0, total: 11700, itemCount: 3, note: '请放门口 📦', tracking: null })
    expect(res.body.orderNo).toMatch(/^\d{16}$/)
    expect(res.body.items[0]).toMatchObject({ skuId: sku, title: '陶瓷马克杯', specs: { 颜色: '米白' }, unitPrice: 3900, quantity: 3, lineTotal: 11700 })
    expect(res.body.address).toEqual({ name: '张三', phone: '13800138000', region: ['广东省', '深圳市', '南山区'], detail: '科技园南路 1 号' })
    expect(res.body.timeline).toEqual([expect.objectContaining({ status: 'created' })])
    expect(Date.parse(res.body.expiresAt) - Date.parse(res.body.createdAt)).toBe(15 * 60_000)
    expect(await stockOf(ctx.t.db, sku)).toBe(before - 3)
    // The catalog (cached briefly) shows the new stock at once: ordering clears the cache.
    expect(await skuStock()).toBe(before - 3)
    // Editing the address book later doesn't move the placed order.
    await call(ctx.app, 'PUT', `/api/addresses/${addr.body.id}`, { token, body: { ...HOME, detail: '别的地方 99 号' } })
    const again = await call(ctx.app, 'GET', `/api/orders/${res.body.id}`, { token })
    expect(again.body.address.detail).toBe('科技园南路 1 号')
  })

  it('makes one order per idempotency key, also for a concurrent double tap', async () => {
    const token = await login(ctx.app)
    const sku = await mugWhite()
    const before = await stockOf(ctx.t.db, sku)
    const k = key()
    const body = { items: [{ skuId: sku, quantity: 1 }], idempotencyKey: k }
    const [a, b] = await Promise.all([call(ctx.app, 'POST', '/api/orders', { token, body }), call(ctx.app, 'POST', '/api/orders', { token, body })])
    expect([a.status, b.status].sort()).toEqual([200, 201])
    expect(a.body.id).toBe(b.body.id)
    const c = await call(ctx.app, 'POST', '/api/orders', { token, body })
    expect(c.status).toBe(200)
    expect(c.body.id).toBe(a.body.id)
    expect(await stockOf(ctx.t.db, sku)).toBe(before - 1)
    const n = await ctx.t.db.one<{ n: number }>('SELECT count(*)::int AS n FROM orders WHERE idempotency_key = $1', [k])
    expect(n.n).toBe(1)
  })

  it('answers 409 SOLD_OUT naming product and spec, and rolls the whole order back', async () => {
    const token = await login(ctx.app)
    const [l, mug] = [await hoodieL(), await mugWhite()]
    const [lBefore, mugBefore] = [await stockOf(ctx.t.db, l), await stockOf(ctx.t.db, mug)]
    const res = await call(ctx.app, 'POST', '/api/orders', { token, body: { items: [{ skuId: mug, quantity: 1 }, { skuId: await teeWhiteL(), quantity: 1 }], idempotencyKey: key() } })
    expect(res.status).toBe(409)
    expect(res.body.code).toBe('SOLD_OUT')
    expect(res.body.message).toContain('纯棉短袖T恤')
    expect(res.body.message).toContain('白色 / L')
    const tooMany = await call(ctx.app, 'POST', '/api/orders', { token, body: { items: [{ skuId: l, quantity: lBefore + 1 }], idempotencyKey: key() } })
    expect(tooMany.status).toBe(409)
    expect(tooMany.body.message).toContain(`仅剩 ${lBefore} 件`)
    expect(await stockOf(ctx.t.db, mug)).toBe(mugBefore)
    expect(await stockOf(ctx.t.db, l)).toBe(lBefore)
    expect((await call(ctx.app, 'GET', '/api/orders', { token })).body.total).toBe(0)
  })

  it('removes ordered lines from the cart when ordering from the cart', async () => {
    const token = await login(ctx.app)
    const [mug, xl] = [await mugWhite(), await hoodieXL()]
    await call(ctx.app, 'POST', '/api/cart/lines', { token, body: { skuId: mug, quantity: 1 } })
    await call(ctx.app, 'POST', '/api/cart/lines', { token, body: { skuId: xl, quantity: 1 } })
    const res = await call(ctx.app, 'POST', '/api/orders', { token, body: { items: [{ skuId: mug, quantity: 1 }], idempotencyKey: key(), fromCart: true } })
    expect(res.status).toBe(201)
    const cart = await call(ctx.app, 'GET', '/api/cart', { token })
    expect(cart.body.lines.map((x: { skuId: number }) => x.skuId)).toEqual([xl])
  })

  it('lists by status with counts, cancels (stock back), ships, confirms, keeps the timeline', async () => {
    const token = await login(ctx.app)
    const sku = await hoodieXL()
    const s0 = await stockOf(ctx.t.db, sku)
    const o1 = (await call(ctx.app, 'POST', '/api/orders', { token, body: { items: [{ skuId: sku, quantity: 2 }], idempotencyKey: key() } })).body
    const addr = (await call(ctx.app, 'POST', '/api/addresses', { token, body: HOME })).body
    const o2 = (await call(ctx.app, 'POST', '/api/orders', { token, body: { items: [{ skuId: sku, quantity: 1 }], addressId: addr.id, idempotencyKey: key() } })).body
    expect(await stockOf(ctx.t.db, sku)).toBe(s0 - 3)

    const cancelled = await call(ctx.app, 'POST', `/api/orders/${o1.id}/cancel`, { token, headers: { 'content-type': 'application/json' } })
    expect(cancelled.status).toBe(200)
    expect(cancelled.body).toMatchObject({ status: 'cancelled', expiresAt: null })
    expect(await stockOf(ctx.t.db, sku)).toBe(s0 - 1)
    const twice = await call(ctx.app, 'POST', `/api/orders/${o1.id}/cancel`, { token })
    expect(twice.status).toBe(409)
    expect(twice.body.code).toBe('INVALID_STATE')
    expect(await stockOf(ctx.t.db, sku)).toBe(s0 - 1)

    // Confirming before shipping is refused; paying is the payment module's (system) event.
    expect((await call(ctx.app, 'POST', `/api/orders/${o2.id}/confirm`, { token })).status).toBe(409)
    await ctx.app.orders.apply(o2.id, 'pay', 'system', { note: 'test payment' })
    // An order without an address can be paid (the contract makes it optional) but not shipped.
    const other = await login(ctx.app)
    const mug = await skuId(ctx.t.db, 'mug', { 颜色: '米白' })
    const bare = (await call(ctx.app, 'POST', '/api/orders', { token: other, body: { items: [{ skuId: mug, quantity: 1 }], idempotencyKey: key() } })).body
    await ctx.app.orders.apply(bare.id, 'pay', 'system')
    const refused = await call(ctx.app, 'POST', `/api/admin/orders/${bare.id}/ship`, { token: ADMIN_TOKEN, body: { carrier: '顺丰速运', trackingNo: 'SF10001' } })
    expect(refused.status).toBe(409)
    expect(refused.body.code).toBe('NO_ADDRESS')
    expect((await call(ctx.app, 'GET', `/api/orders/${bare.id}`, { token: other })).body.status).toBe('paid')
    const ship = await call(ctx.app, 'POST', `/api/admin/orders/${o2.id}/ship`, { token: ADMIN_TOKEN, body: { carrier: '顺丰速运', trackingNo: 'SF1234567890' } })
    expect(ship.status).toBe(200)
    expect(ship.body).toMatchObject({ status: 'shipped', tracking: { carrier: '顺丰速运', number: 'SF1234567890' } })
    const done = await call(ctx.app, 'POST', `/api/orders/${o2.id}/confirm`, { token })
    expect(done.status).toBe(200)
    expect(done.body.status).toBe('completed')
    expect(done.body.timeline.map((e: { status: string }) => e.status)).toEqual(['created', 'paid', 'shipped', 'completed'])
    expect(await stockOf(ctx.t.db, sku)).toBe(s0 - 1)

    const all = await call(ctx.app, 'GET', '/api/orders?page=1&pageSize=10', { token })
    expect(all.body.items.map((o: { id: number }) => o.id)).toEqual([o2.id, o1.id])
    const completed = await call(ctx.app, 'GET', '/api/orders?status=completed', { token })
    expect(completed.body).toMatchObject({ total: 1, items: [expect.objectContaining({ id: o2.id })] })
    const counts = await call(ctx.app, 'GET', '/api/orders/counts', { token })
    expect(counts.body).toEqual({ created: 0, paid: 0, shipped: 0, completed: 1, cancelled: 1, closed: 0, refunding: 0, refunded: 0 })
    expect((await call(ctx.app, 'GET', '/api/orders?status=bogus', { token })).status).toBe(400)
  })

  it("hides another user's order (404) and changes nothing", async () => {
    const alice = await login(ctx.app)
    const bob = await login(ctx.app)
    const sku = await mugWhite()
    const o = (await call(ctx.app, 'POST', '/api/orders', { token: alice, body: { items: [{ skuId: sku, quantity: 1 }], idempotencyKey: key() } })).body
    const stock = await stockOf(ctx.t.db, sku)
    expect((await call(ctx.app, 'GET', `/api/orders/${o.id}`, { token: bob })).status).toBe(404)
    expect((await call(ctx.app, 'POST', `/api/orders/${o.id}/cancel`, { token: bob })).status).toBe(404)
    expect((await call(ctx.app, 'POST', `/api/orders/${o.id}/confirm`, { token: bob })).status).toBe(404)
    expect((await call(ctx.app, 'GET', '/api/orders', { token: bob })).body.total).toBe(0)
    // Bob can't ship his order to Alice's address either.
    const aliceAddr = (await call(ctx.app, 'POST', '/api/addresses', { token: alice, body: HOME })).body
    const steal = await call(ctx.app, 'POST', '/api/orders', { token: bob, body: { items: [{ skuId: sku, quantity: 1 }], addressId: aliceAddr.id, idempotencyKey: key() } })
    expect(steal.status).toBe(404)
    expect(steal.body.code).toBe('ADDRESS_NOT_FOUND')
    // The same idempotency key from another user is another order, not Alice's.
    const mine = await call(ctx.app, 'GET', `/api/orders/${o.id}`, { token: alice })
    expect(mine.body.status).toBe('created')
    expect(await stockOf(ctx.t.db, sku)).toBe(stock)
  })

  it('refuses bad order input with 400 and changes nothing', async () => {
    const token = await login(ctx.app)
    const sku = await mugWhite()
    const stock = await stockOf(ctx.t.db, sku)
    const bad: unknown[] = [
      {},
      { items: [], idempotencyKey: key() },
      { items: [{ skuId: sku, quantity: 1 }] },
      { items: [{ skuId: sku, quantity: 0 }], idempotencyKey: key() },
      { items: [{ skuId: sku, quantity: -2 }], idempotencyKey: key() },
      { items: [{ skuId: sku, quantity: 0.5 }], idempotencyKey: key() },
      { items: [{ skuId: sku, quantity: 1e308 }], idempotencyKey: key() },
      { items: [{ skuId: sku, quantity: '1' }], idempotencyKey: key() },
      { items: [{ skuId: sku, quantity: 60 }, { skuId: sku, quantity: 60 }], idempotencyKey: key() },
      { items: [{ skuId: 1.5, quantity: 1 }], idempotencyKey: key() },
      { items: 'all', idempotencyKey: key() },
      { items: [{ skuId: sku, quantity: 1 }], idempotencyKey: 'short' },
      { items: [{ skuId: sku, quantity: 1 }], idempotencyKey: "x'; DROP TABLE orders; --" },
      { items: [{ skuId: sku, quantity: 1 }], idempotencyKey: 'k'.repeat(65) },
      { items: [{ skuId: sku, quantity: 1 }], idempotencyKey: key(), note: '长'.repeat(201) },
      { items: [{ skuId: sku, quantity: 1 }], idempotencyKey: key(), addressId: -1 },
      { items: [{ skuId: sku, quantity: 1 }], idempotencyKey: key(), fromCart: 'yes' },
      { items: Array.from({ length: 51 }, (_, i) => ({ skuId: i + 1, quantity: 1 })), idempotencyKey: key() },
    ]
    for (const body of bad) {
      const res = await call(ctx.app, 'POST', '/api/orders', { token, body })
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400)
      expect(res.body.code).toBe('BAD_INPUT')
    }
    const malformed = await ctx.app.inject({ method: 'POST', url: '/api/orders', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: '{"items": [' })
    expect(malformed.statusCode).toBe(400)
    const huge = await ctx.app.inject({
      method: 'POST',
      url: '/api/orders',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ items: [{ skuId: sku, quantity: 1 }], idempotencyKey: key(), note: 'x'.repeat(100_000) }),
    })
    expect(huge.statusCode).toBe(413)
    const unknown = await call(ctx.app, 'POST', '/api/orders', { token, body: { items: [{ skuId: 987654, quantity: 1 }], idempotencyKey: key() } })
    expect(unknown.status).toBe(404)
    expect(unknown.body.code).toBe('SKU_NOT_FOUND')
    const emoji = await call(ctx.app, 'POST', '/api/orders/preview', { token, body: { items: [{ skuId: sku, quantity: 1 }], note: '🎉' } })
    expect(emoji.status).toBe(200)
    expect(await stockOf(ctx.t.db, sku)).toBe(stock)
    expect((await call(ctx.app, 'GET', '/api/orders', { token })).body.total).toBe(0)
  })

  it('guards the admin API with ADMIN_TOKEN', async () => {
    expect((await call(ctx.app, 'GET', '/api/admin/orders')).status).toBe(401)
    expect((await call(ctx.app, 'GET', '/api/admin/orders', { token: 'wrong' })).status).toBe(401)
    const shopper = await login(ctx.app)
    expect((await call(ctx.app, 'GET', '/api/admin/orders', { token: shopper })).status).toBe(401)
    const list = await call(ctx.app, 'GET', '/api/admin/orders?status=created', { token: ADMIN_TOKEN })
    expect(list.status).toBe(200)
    expect(list.body.items.every((o: { status: string }) => o.status === 'created')).toBe(true)
    const o = list.body.items[0]
    const early = await call(ctx.app, 'POST', `/api/admin/orders/${o.id}/ship`, { token: ADMIN_TOKEN, body: { carrier: '顺丰', trackingNo: 'SF10001' } })
    expect(early.status).toBe(409)
    const bad = await call(ctx.app, 'POST', `/api/admin/orders/${o.id}/ship`, { token: ADMIN_TOKEN, body: { carrier: '', trackingNo: 'SF 1' } })
    expect(bad.status).toBe(400)
  })
})
