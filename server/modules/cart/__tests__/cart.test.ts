import { expect, it } from 'vitest'
import { call, describeEachDb, login, skuId } from '../../../test/helpers'

describeEachDb('cart', (ctx) => {
  const white = () => skuId(ctx.t.db, 'tee', { 颜色: '白色', 尺码: 'M' }) // 4900, stock 10
  const whiteL = () => skuId(ctx.t.db, 'tee', { 颜色: '白色', 尺码: 'L' }) // stock 0
  const green = () => skuId(ctx.t.db, 'mug', { 颜色: '墨绿' }) // 4200, stock 3

  it('needs a login', async () => {
    expect((await call(ctx.app, 'GET', '/api/cart')).status).toBe(401)
    expect((await call(ctx.app, 'POST', '/api/cart/lines', { body: { skuId: 1, quantity: 1 } })).status).toBe(401)
  })

  it('adds, adds to the same line, prices from the catalog and counts', async () => {
    const token = await login(ctx.app)
    const empty = await call(ctx.app, 'GET', '/api/cart', { token })
    expect(empty.body).toMatchObject({ lines: [], count: 0, preview: { total: 0, shipping: 0 } })
    const sku = await white()
    await call(ctx.app, 'POST', '/api/cart/lines', { token, body: { skuId: sku, quantity: 1 } })
    const res = await call(ctx.app, 'POST', '/api/cart/lines', { token, body: { skuId: sku, quantity: 2, price: 1 } })
    expect(res.status).toBe(200)
    expect(res.body.lines).toHaveLength(1)
    expect(res.body.lines[0]).toMatchObject({ skuId: sku, quantity: 3, unitPrice: 4900, selected: true, available: true, stock: 10, image: '/api/images/tee-1.jpg' })
    expect(res.body.count).toBe(3)
    // 3 x 49.00 = 147.00 >= 99: free shipping
    expect(res.body.preview).toMatchObject({ subtotal: 14700, shipping: 0, total: 14700, itemCount: 3 })
  })

  it('checks stock and the per-line limit, changing nothing on refusal', async () => {
    const token = await login(ctx.app)
    const soldOut = await call(ctx.app, 'POST', '/api/cart/lines', { token, body: { skuId: await whiteL(), quantity: 1 } })
    expect(soldOut.status).toBe(409)
    expect(soldOut.body.code).toBe('SOLD_OUT')
    await call(ctx.app, 'POST', '/api/cart/lines', { token, body: { skuId: await green(), quantity: 2 } })
    const tooMany = await call(ctx.app, 'POST', '/api/cart/lines', { token, body: { skuId: await green(), quantity: 2 } })
    expect(tooMany.status).toBe(409)
    expect(tooMany.body.code).toBe('OUT_OF_STOCK')
    expect(tooMany.body.message).toContain('仅剩 3 件')
    const cart = await call(ctx.app, 'GET', '/api/cart', { token })
    expect(cart.body.lines[0].quantity).toBe(2)
    expect((await call(ctx.app, 'POST', '/api/cart/lines', { token, body: { skuId: 999999, quantity: 1 } })).status).toBe(404)
  })

  it('updates quantity and selection, deletes, selects all', async () => {
    const token = await login(ctx.app)
    const add = await call(ctx.app, 'POST', '/api/cart/lines', { token, body: { skuId: await white(), quantity: 1 } })
    await call(ctx.app, 'POST', '/api/cart/lines', { token, body: { skuId: await green(), quantity: 1 } })
    const lineId = add.body.lines[0].id
    const up = await call(ctx.app, 'PATCH', `/api/cart/lines/${lineId}`, { token, body: { quantity: 4 } })
    expect(up.body.lines.find((l: { id: number }) => l.id === lineId).quantity).toBe(4)
    expect((await call(ctx.app, 'PATCH', `/api/cart/lines/${lineId}`, { token, body: { quantity: 11 } })).status).toBe(409)
    const unsel = await call(ctx.app, 'PATCH', `/api/cart/lines/${lineId}`, { token, body: { selected: false } })
    // Only the mug (42.00) is priced now: below 99, so shipping is charged.
    expect(unsel.body.preview).toMatchObject({ subtotal: 4200, shipping: 1000, total: 5200 })
    const all = await call(ctx.app, 'POST', '/api/cart/select-all', { token, body: { selected: true } })
    expect(all.body.lines.every((l: { selected: boolean }) => l.selected)).toBe(true)
    expect(all.body.preview.subtotal).toBe(4 * 4900 + 4200)
    const del = await call(ctx.app, 'DELETE', `/api/cart/lines/${lineId}`, { token, headers: { 'content-type': 'application/json' } })
    expect(del.status).toBe(200)
    expect(del.body.lines).toHaveLength(1)
    expect((await call(ctx.app, 'DELETE', `/api/cart/lines/${lineId}`, { token })).status).toBe(404)
  })

  it("never shows or changes another user's cart line (404)", async () => {
    const alice = await login(ctx.app)
    const bob = await login(ctx.app)
    const add = await call(ctx.app, 'POST', '/api/cart/lines', { token: alice, body: { skuId: await white(), quantity: 2 } })
    const lineId = add.body.lines[0].id
    expect((await call(ctx.app, 'PATCH', `/api/cart/lines/${lineId}`, { token: bob, body: { quantity: 1 } })).status).toBe(404)
    expect((await call(ctx.app, 'DELETE', `/api/cart/lines/${lineId}`, { token: bob })).status).toBe(404)
    expect((await call(ctx.app, 'GET', '/api/cart', { token: bob })).body.lines).toHaveLength(0)
    const mine = await call(ctx.app, 'GET', '/api/cart', { token: alice })
    expect(mine.body.lines[0]).toMatchObject({ id: lineId, quantity: 2 })
  })

  it('merges a guest cart, capped by stock, skipping unknown and sold-out SKUs', async () => {
    const token = await login(ctx.app)
    await call(ctx.app, 'POST', '/api/cart/lines', { token, body: { skuId: await green(), quantity: 2 } })
    const res = await call(ctx.app, 'POST', '/api/cart/merge', {
      token,
      body: { items: [{ skuId: await green(), quantity: 5 }, { skuId: await white(), quantity: 1 }, { skuId: await white(), quantity: 1 }, { skuId: await whiteL(), quantity: 1 }, { skuId: 999999, quantity: 1 }] },
    })
    expect(res.status).toBe(200)
    const bySku = Object.fromEntries(res.body.lines.map((l: { skuId: number; quantity: number }) => [l.skuId, l.quantity]))
    expect(bySku).toEqual({ [await green()]: 3, [await white()]: 2 })
  })

  it('rejects bad input without touching the cart', async () => {
    const token = await login(ctx.app)
    const sku = await white()
    await call(ctx.app, 'POST', '/api/cart/lines', { token, body: { skuId: sku, quantity: 1 } })
    const bad: unknown[] = [
      { skuId: sku, quantity: 0 },
      { skuId: sku, quantity: -1 },
      { skuId: sku, quantity: 1.5 },
      { skuId: sku, quantity: 1e9 },
      { skuId: sku, quantity: '2' },
      { skuId: sku, quantity: 100 },
      { skuId: -1, quantity: 1 },
      { skuId: 'abc', quantity: 1 },
      { skuId: sku },
      [],
      null,
    ]
    for (const body of bad) {
      const res = await call(ctx.app, 'POST', '/api/cart/lines', { token, body })
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(res.body.code).toBe('BAD_INPUT')
    }
    const cart = await call(ctx.app, 'GET', '/api/cart', { token })
    expect(cart.body.lines).toHaveLength(1)
    expect(cart.body.lines[0].quantity).toBe(1)
  })

  it('prices a guest cart without login, ignoring client prices', async () => {
    const res = await call(ctx.app, 'POST', '/api/pricing/preview', { body: { items: [{ skuId: await white(), quantity: 1, unitPrice: 1, price: 1 }] } })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ subtotal: 4900, shipping: 1000, total: 5900, freeShippingGap: 5000 })
    expect(res.body.lines[0]).toMatchObject({ title: '纯棉短袖T恤', unitPrice: 4900, stock: 10 })
    expect((await call(ctx.app, 'POST', '/api/pricing/preview', { body: { items: [{ skuId: 999999, quantity: 1 }] } })).status).toBe(404)
  })
})
