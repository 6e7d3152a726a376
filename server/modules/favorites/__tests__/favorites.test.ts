import { expect, it } from 'vitest'
import { call, describeEachDb, login, productId } from '../../../test/helpers'
import { MAX_CHECK_IDS } from '../routes'

describeEachDb('favorites', (ctx) => {
  it('needs a session', async () => {
    for (const [method, url] of [['GET', '/api/favorites'], ['PUT', '/api/favorites/1'], ['DELETE', '/api/favorites/1'], ['GET', '/api/favorites/check?ids=1']] as const) {
      expect((await call(ctx.app, method, url)).status).toBe(401)
    }
  })

  it('adds idempotently (first price and time kept), lists newest first with the product, removes idempotently', async () => {
    const token = await login(ctx.app)
    const tee = await productId(ctx.t.db, 'tee')
    const mug = await productId(ctx.t.db, 'mug')
    expect(await call(ctx.app, 'PUT', `/api/favorites/${tee}`, { token })).toEqual({ status: 200, body: { productId: tee, favorited: true } })
    expect((await call(ctx.app, 'PUT', `/api/favorites/${tee}`, { token })).status).toBe(200)
    expect((await call(ctx.app, 'PUT', `/api/favorites/${mug}`, { token })).status).toBe(200)
    const list = await call(ctx.app, 'GET', '/api/favorites', { token })
    expect(list.status).toBe(200)
    expect(list.body).toMatchObject({ total: 2, page: 1, pageSize: 20 })
    expect(list.body.items.map((f: { productId: number }) => f.productId)).toEqual([mug, tee])
    expect(list.body.items[1]).toMatchObject({
      productId: tee,
      priceWhenFavorited: 4900,
      priceDropped: false,
      priceDrop: 0,
      soldOut: false,
      available: true,
      product: { id: tee, title: '纯棉短袖T恤', price: 4900, stock: 15, image: '/api/images/tee-1.jpg' },
    })
    const paged = await call(ctx.app, 'GET', '/api/favorites?page=2&pageSize=1', { token })
    expect(paged.body.items.map((f: { productId: number }) => f.productId)).toEqual([tee])

    expect(await call(ctx.app, 'DELETE', `/api/favorites/${tee}`, { token })).toEqual({ status: 200, body: { productId: tee, favorited: false } })
    expect((await call(ctx.app, 'DELETE', `/api/favorites/${tee}`, { token })).status).toBe(200)
    expect((await call(ctx.app, 'GET', '/api/favorites', { token })).body.total).toBe(1)
  })

  it('marks a price drop (and by how much), sold out, and a product that left the shop', async () => {
    const token = await login(ctx.app)
    const db = ctx.t.db
    // A product of this test only, so changing its price and stock disturbs no other test.
    const cat = await db.one<{ id: number }>("SELECT id FROM categories WHERE key = 'cups'")
    const p = await db.one<{ id: number }>("INSERT INTO products (key, category_id, title, images) VALUES ($1, $2, '限时保温杯', '[\"cup.jpg\"]') RETURNING id", [`fav-${Date.now()}`, cat.id])
    await db.query("INSERT INTO skus (product_id, specs, price, stock) VALUES ($1, '{}', 8000, 2), ($1, '{}', 9000, 1)", [p.id])
    expect((await call(ctx.app, 'PUT', `/api/favorites/${p.id}`, { token })).status).toBe(200)

    await db.query('UPDATE skus SET price = 6500 WHERE product_id = $1 AND price = 8000', [p.id])
    let f = (await call(ctx.app, 'GET', '/api/favorites', { token })).body.items[0]
    expect(f).toMatchObject({ productId: p.id, priceWhenFavorited: 8000, priceDropped: true, priceDrop: 1500, soldOut: false, available: true })
    expect(f.product.price).toBe(6500)

    await db.query('UPDATE skus SET stock = 0 WHERE product_id = $1', [p.id])
    f = (await call(ctx.app, 'GET', '/api/favorites', { token })).body.items[0]
    expect(f).toMatchObject({ soldOut: true, available: true })

    // Off the shelf: no SKUs left, then the product itself gone. The row stays, marked.
    await db.query('DELETE FROM skus WHERE product_id = $1', [p.id])
    f = (await call(ctx.app, 'GET', '/api/favorites', { token })).body.items[0]
    expect(f).toMatchObject({ productId: p.id, available: false, soldOut: false, priceDropped: false, priceDrop: 0 })
    await db.query('DELETE FROM products WHERE id = $1', [p.id])
    f = (await call(ctx.app, 'GET', '/api/favorites', { token })).body.items[0]
    expect(f).toMatchObject({ productId: p.id, product: null, available: false, priceWhenFavorited: 8000 })
    // It can still be removed; it can't be added again.
    expect((await call(ctx.app, 'PUT', `/api/favorites/${p.id}`, { token })).body.code).toBe('PRODUCT_NOT_FOUND')
    expect((await call(ctx.app, 'DELETE', `/api/favorites/${p.id}`, { token })).status).toBe(200)
    expect((await call(ctx.app, 'GET', '/api/favorites', { token })).body.total).toBe(0)
  })

  it('answers which of a list of ids are favorited', async () => {
    const token = await login(ctx.app)
    const tee = await productId(ctx.t.db, 'tee')
    const hoodie = await productId(ctx.t.db, 'hoodie')
    await call(ctx.app, 'PUT', `/api/favorites/${hoodie}`, { token })
    await call(ctx.app, 'PUT', `/api/favorites/${tee}`, { token })
    const r = await call(ctx.app, 'GET', `/api/favorites/check?ids=${hoodie},999999,${tee},${tee},99999999999`, { token })
    expect(r).toEqual({ status: 200, body: { favorited: [tee, hoodie].sort((a, b) => a - b) } })
  })

  it('never shows or changes another user’s favorites', async () => {
    const alice = await login(ctx.app)
    const bob = await login(ctx.app)
    const mug = await productId(ctx.t.db, 'mug')
    await call(ctx.app, 'PUT', `/api/favorites/${mug}`, { token: alice })
    expect((await call(ctx.app, 'GET', '/api/favorites', { token: bob })).body).toMatchObject({ items: [], total: 0 })
    expect((await call(ctx.app, 'GET', `/api/favorites/check?ids=${mug}`, { token: bob })).body).toEqual({ favorited: [] })
    // Bob removing "his" favorite of that product leaves Alice's alone.
    await call(ctx.app, 'DELETE', `/api/favorites/${mug}`, { token: bob })
    expect((await call(ctx.app, 'GET', '/api/favorites', { token: alice })).body.total).toBe(1)
  })

  it('refuses bad input with a clear message', async () => {
    const token = await login(ctx.app)
    const bad = async (method: 'GET' | 'PUT' | 'DELETE', url: string) => {
      const r = await call(ctx.app, method, url, { token })
      expect(r.status, url).toBe(400)
      expect(r.body.code).toBe('BAD_INPUT')
      return r.body.message as string
    }
    expect(await bad('PUT', '/api/favorites/abc')).toMatch(/正整数 id/)
    await bad('PUT', '/api/favorites/0')
    await bad('DELETE', '/api/favorites/-1')
    await bad('GET', '/api/favorites?page=0')
    await bad('GET', '/api/favorites?pageSize=51')
    expect(await bad('GET', '/api/favorites/check')).toMatch(/ids/)
    await bad('GET', '/api/favorites/check?ids=')
    await bad('GET', '/api/favorites/check?ids=1,,2')
    await bad('GET', "/api/favorites/check?ids=1;DROP TABLE favorites")
    const many = Array.from({ length: MAX_CHECK_IDS + 1 }, (_, i) => i + 1).join(',')
    expect(await bad('GET', `/api/favorites/check?ids=${many}`)).toMatch(/最多 100/)
    expect((await call(ctx.app, 'PUT', '/api/favorites/2147483647', { token })).status).toBe(404)
    expect((await call(ctx.app, 'PUT', '/api/favorites/99999999999', { token })).status).toBe(404)
  })
})
