import { expect, it } from 'vitest'
import { call, describeEachDb, login } from '../../../test/helpers'
import { admin, auditRows, movementSum } from './admin-support'

const SPECS = [
  { name: '颜色', values: ['白色', '黑色'] },
  { name: '尺码', values: ['M', 'L'] },
]

describeEachDb('catalog admin: products', (ctx) => {
  let categoryId = 0
  let productId = 0
  let version = 0
  let key = 0
  const idem = () => `admin-products-${++key}-${Math.random()}`

  async function newProduct(title: string, skus?: unknown[]) {
    const res = await admin(ctx.app, 'POST', '/api/admin/products', {
      title,
      categoryId,
      images: ['/api/images/tee-1.jpg'],
      specs: [{ name: '颜色', values: ['红', '蓝'] }],
      skus: skus ?? [
        { specs: { 颜色: '红' }, price: 1000, stock: 5 },
        { specs: { 颜色: '蓝' }, price: 1200, stock: 5 },
      ],
    })
    expect(res.status).toBe(201)
    return res.body.id as number
  }

  it('creates a product with 2 specs × values and SKUs priced in fen and in yuan', async () => {
    categoryId = (await admin(ctx.app, 'GET', '/api/admin/categories')).body.items[0].id
    // Warm the storefront cache: the new product must show anyway.
    const warm = await call(ctx.app, 'GET', '/api/products?pageSize=50')
    expect(warm.body.items.some((p: { title: string }) => p.title === '亚麻衬衫')).toBe(false)

    const res = await admin(ctx.app, 'POST', '/api/admin/products', {
      title: '亚麻衬衫',
      subtitle: '透气',
      categoryId,
      images: ['/api/images/tee-1.jpg'],
      specs: SPECS,
      skus: [
        { specs: { 尺码: 'M', 颜色: '白色' }, price: 1990, stock: 3, code: 'LS-W-M' },
        { specs: { 颜色: '白色', 尺码: 'L' }, price: '19.90', stock: 0 },
        { specs: { 颜色: '黑色', 尺码: 'M' }, price: '0.1', stock: 7, originalPrice: '29.90' },
        { specs: { 颜色: '黑色', 尺码: 'L' }, price: '1234567.89', stock: 1 },
      ],
    })
    expect(res.status).toBe(201)
    productId = res.body.id

    const detail = await admin(ctx.app, 'GET', `/api/admin/products/${productId}`)
    expect(detail.status).toBe(200)
    version = detail.body.version
    expect(version).toBe(1)
    expect(detail.body.onShelf).toBe(true)
    expect(detail.body.specs).toEqual(SPECS)
    expect(detail.body.skus.map((s: { price: number }) => s.price)).toEqual([1990, 1990, 10, 123456789])
    expect(detail.body.skus[0]).toMatchObject({ specs: { 颜色: '白色', 尺码: 'M' }, code: 'LS-W-M', stock: 3, archived: false, hasOrders: false })
    // Keys in spec-group order whatever order the form sent them in.
    expect(Object.keys(detail.body.skus[0].specs)).toEqual(['颜色', '尺码'])
    expect(detail.body.skus[2].originalPrice).toBe(2990)
    // Opening stock went through inventory: each SKU's movements explain its stock.
    for (const s of detail.body.skus) expect(await movementSum(ctx.t.db, s.id)).toBe(s.stock)

    const list = await call(ctx.app, 'GET', '/api/products?pageSize=50')
    const card = list.body.items.find((p: { id: number }) => p.id === productId)
    expect(card).toMatchObject({ title: '亚麻衬衫', price: 10, stock: 11 })
    const shown = await call(ctx.app, 'GET', `/api/products/${productId}`)
    expect(shown.status).toBe(200)
    expect(shown.body.skus).toHaveLength(4)
    expect((await call(ctx.app, 'GET', `/api/products?q=${encodeURIComponent('亚麻')}`)).body.total).toBe(1)

    const audit = await auditRows(ctx.t.db, 'product.create', productId)
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ entity: 'product', actor_name: 'ADMIN_TOKEN', after: { title: '亚麻衬衫' } })
  })

  it('refuses bad forms with a Chinese message naming the field', async () => {
    const base = { title: 'x', categoryId, images: ['/api/images/tee-1.jpg'], specs: [{ name: '颜色', values: ['红', '蓝'] }] }
    const cases: [unknown, string, RegExp][] = [
      [{ ...base, skus: [{ specs: { 颜色: '红' }, price: '19.999', stock: 1 }] }, 'skus.0.price', /价格最多两位小数/],
      [{ ...base, skus: [{ specs: { 颜色: '红' }, price: -1, stock: 1 }] }, 'skus.0.price', /价格不能为负数/],
      [{ ...base, skus: [{ specs: { 颜色: '红' }, price: '99999999999', stock: 1 }] }, 'skus.0.price', /价格不能超过/],
      [{ ...base, skus: [{ specs: { 颜色: '红' }, price: 100 }] }, 'skus.0.stock', /库存/],
      [{ ...base, skus: [{ specs: { 颜色: '绿' }, price: 100, stock: 1 }] }, 'skus.0.specs', /没有「绿」/],
      [{ ...base, skus: [{ specs: {}, price: 100, stock: 1 }] }, 'skus.0.specs', /请选择「颜色」/],
      [{ ...base, skus: [{ specs: { 颜色: '红', 尺码: 'M' }, price: 100, stock: 1 }] }, 'skus.0.specs', /尺码/],
      [{ ...base, skus: [{ specs: { 颜色: '红' }, price: 100, stock: 1 }, { specs: { 颜色: '红' }, price: 100, stock: 1 }] }, 'skus.1.specs', /重复/],
      [{ ...base, specs: [{ name: '颜色', values: ['红', '红'] }], skus: [{ specs: { 颜色: '红' }, price: 100, stock: 1 }] }, 'specs.0.values.1', /重复/],
      [{ ...base, title: '', skus: [{ specs: { 颜色: '红' }, price: 100, stock: 1 }] }, 'title', /请填写商品标题/],
      [{ ...base, images: ['../../etc/passwd'], skus: [{ specs: { 颜色: '红' }, price: 100, stock: 1 }] }, 'images.0', /商品图片/],
      [{ ...base, categoryId: 999999, skus: [{ specs: { 颜色: '红' }, price: 100, stock: 1 }] }, 'categoryId', /分类不存在/],
    ]
    for (const [body, field, message] of cases) {
      const res = await admin(ctx.app, 'POST', '/api/admin/products', body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(res.body.code).toBe('BAD_INPUT')
      expect(res.body.field).toBe(field)
      expect(res.body.message).toMatch(message)
    }
  })

  it('edits title and price with the version; a stale version is a 409 with the current one', async () => {
    const before = (await admin(ctx.app, 'GET', `/api/admin/products/${productId}`)).body
    await call(ctx.app, 'GET', `/api/products/${productId}`) // cached now
    const skus = before.skus.map((s: { id: number; specs: object; price: number; code: string | null }, i: number) => ({ id: s.id, specs: s.specs, price: i === 0 ? '25.50' : s.price, code: s.code, stock: 999 }))
    const res = await admin(ctx.app, 'PATCH', `/api/admin/products/${productId}`, { version, title: '亚麻衬衫（新）', skus })
    expect(res.status).toBe(200)
    expect(res.body.version).toBe(version + 1)
    expect(res.body.title).toBe('亚麻衬衫（新）')
    expect(res.body.skus[0].price).toBe(2550)
    // Stock is not edited here (the stock route is).
    expect(res.body.skus[0].stock).toBe(3)

    const shown = await call(ctx.app, 'GET', `/api/products/${productId}`)
    expect(shown.body.title).toBe('亚麻衬衫（新）')
    expect(shown.body.skus[0].price).toBe(2550)

    const stale = await admin(ctx.app, 'PATCH', `/api/admin/products/${productId}`, { version, title: '别人的改动' })
    expect(stale.status).toBe(409)
    expect(stale.body).toMatchObject({ code: 'VERSION_CONFLICT', current: version + 1 })
    expect((await admin(ctx.app, 'GET', `/api/admin/products/${productId}`)).body.title).toBe('亚麻衬衫（新）')
    version += 1

    const missing = await admin(ctx.app, 'PATCH', '/api/admin/products/999999', { version: 1, title: 'x' })
    expect(missing.status).toBe(404)
    const noVersion = await admin(ctx.app, 'PATCH', `/api/admin/products/${productId}`, { title: 'x' })
    expect(noVersion.status).toBe(400)
    expect(noVersion.body.field).toBe('version')

    const audit = await auditRows(ctx.t.db, 'product.update', productId)
    expect(audit).toHaveLength(1)
    expect(audit[0].before).toMatchObject({ title: '亚麻衬衫' })
    expect(audit[0].after).toMatchObject({ title: '亚麻衬衫（新）' })
    expect(audit[0].after).not.toHaveProperty('description')
  })

  it('two operators saving the same version at once: one wins, the other hears VERSION_CONFLICT', async () => {
    const id = await newProduct('并发编辑品')
    const v = (await admin(ctx.app, 'GET', `/api/admin/products/${id}`)).body.version
    const [a, b] = await Promise.all([
      admin(ctx.app, 'PATCH', `/api/admin/products/${id}`, { version: v, title: '甲的标题' }),
      admin(ctx.app, 'PATCH', `/api/admin/products/${id}`, { version: v, title: '乙的标题' }),
    ])
    expect([a.status, b.status].sort()).toEqual([200, 409])
    const winner = a.status === 200 ? a : b
    const loser = a.status === 200 ? b : a
    expect(loser.body).toMatchObject({ code: 'VERSION_CONFLICT', current: v + 1 })
    const now = (await admin(ctx.app, 'GET', `/api/admin/products/${id}`)).body
    expect(now).toMatchObject({ title: winner.body.title, version: v + 1 })
    expect(await auditRows(ctx.t.db, 'product.update', id)).toHaveLength(1)
  })

  it('shelf off: gone from list, search and detail, and can not be carted or ordered', async () => {
    const id = await newProduct('下架测试品')
    const sku = (await admin(ctx.app, 'GET', `/api/admin/products/${id}`)).body.skus[0].id
    const token = await login(ctx.app)
    expect((await call(ctx.app, 'POST', '/api/cart/lines', { token, body: { skuId: sku, quantity: 1 } })).status).toBe(200)
    expect((await call(ctx.app, 'GET', '/api/products?pageSize=50')).body.items.some((p: { id: number }) => p.id === id)).toBe(true)

    const off = await admin(ctx.app, 'POST', `/api/admin/products/${id}/shelf`, { onShelf: false })
    expect(off.status).toBe(200)
    expect(off.body).toEqual({ onShelf: false })

    expect((await call(ctx.app, 'GET', '/api/products?pageSize=50')).body.items.some((p: { id: number }) => p.id === id)).toBe(false)
    expect((await call(ctx.app, 'GET', `/api/products?q=${encodeURIComponent('下架测试')}`)).body.total).toBe(0)
    const detail = await call(ctx.app, 'GET', `/api/products/${id}`)
    expect(detail.status).toBe(404)
    expect(detail.body).toMatchObject({ code: 'PRODUCT_OFF_SHELF', message: '商品已下架' })
    expect((await call(ctx.app, 'POST', '/api/cart/lines', { token, body: { skuId: sku, quantity: 1 } })).status).toBe(404)
    const order = await call(ctx.app, 'POST', '/api/orders', { token, body: { items: [{ skuId: sku, quantity: 1 }], idempotencyKey: idem() } })
    expect(order.status).toBe(404)
    expect(order.body.code).toBe('SKU_NOT_FOUND')
    const cart = await call(ctx.app, 'GET', '/api/cart', { token })
    expect(cart.body.lines.find((l: { skuId: number }) => l.skuId === sku).available).toBe(false)
    // Still in the console, off the shelf.
    const listed = await admin(ctx.app, 'GET', '/api/admin/products?onShelf=false')
    expect(listed.body.items.map((p: { id: number }) => p.id)).toContain(id)
    expect((await admin(ctx.app, 'GET', `/api/admin/products/${id}`)).body.version).toBe(2)

    expect((await admin(ctx.app, 'POST', `/api/admin/products/${id}/shelf`, { onShelf: true })).status).toBe(200)
    expect((await call(ctx.app, 'GET', `/api/products/${id}`)).status).toBe(200)
    const audit = await auditRows(ctx.t.db, 'product.shelf_off', id)
    expect(audit[0]).toMatchObject({ before: { onShelf: true }, after: { onShelf: false } })
  })

  it('a removed SKU with an order is archived, one without is deleted', async () => {
    const id = await newProduct('归档测试品')
    const before = (await admin(ctx.app, 'GET', `/api/admin/products/${id}`)).body
    const [red, blue] = before.skus
    const token = await login(ctx.app)
    const order = await call(ctx.app, 'POST', '/api/orders', { token, body: { items: [{ skuId: red.id, quantity: 1 }], idempotencyKey: idem() } })
    expect(order.status).toBe(201)
    expect((await admin(ctx.app, 'GET', `/api/admin/products/${id}`)).body.skus[0].hasOrders).toBe(true)

    // Both dropped from the form, a new one added.
    const res = await admin(ctx.app, 'PATCH', `/api/admin/products/${id}`, {
      version: before.version,
      specs: [{ name: '颜色', values: ['红', '蓝', '绿'] }],
      skus: [{ specs: { 颜色: '绿' }, price: '8.80', stock: 4 }],
    })
    expect(res.status).toBe(200)
    const byId = new Map(res.body.skus.map((s: { id: number }) => [s.id, s]))
    expect(byId.get(red.id)).toMatchObject({ archived: true, hasOrders: true })
    expect(byId.has(blue.id)).toBe(false)
    expect(await ctx.t.db.maybeOne('SELECT 1 FROM skus WHERE id = $1', [blue.id])).toBeNull()
    const green = res.body.skus.find((s: { specs: { 颜色: string } }) => s.specs.颜色 === '绿')
    expect(green).toMatchObject({ price: 880, stock: 4, archived: false })
    expect(await movementSum(ctx.t.db, green.id)).toBe(4)

    const shown = await call(ctx.app, 'GET', `/api/products/${id}`)
    expect(shown.body.skus.map((s: { id: number }) => s.id)).toEqual([green.id])
    const again = await call(ctx.app, 'POST', '/api/orders', { token, body: { items: [{ skuId: red.id, quantity: 1 }], idempotencyKey: idem() } })
    expect(again.status).toBe(404)
    // The old order still reads fine.
    expect((await call(ctx.app, 'GET', `/api/orders/${order.body.id}`, { token })).status).toBe(200)
  })

  it('rental terms are set and cleared with the product', async () => {
    const id = await newProduct('租赁测试品')
    const p = (await admin(ctx.app, 'GET', `/api/admin/products/${id}`)).body
    expect(p.rental).toBeNull()
    const bad = await admin(ctx.app, 'PATCH', `/api/admin/products/${id}`, { version: p.version, rental: { deposit: '100', dailyRate: '2', minDays: 5, maxDays: 2 } })
    expect(bad.status).toBe(400)
    expect(bad.body.field).toBe('rental')
    const ok = await admin(ctx.app, 'PATCH', `/api/admin/products/${id}`, { version: p.version, rental: { deposit: '500.00', dailyRate: 1000, minDays: 1, maxDays: 30 } })
    expect(ok.status).toBe(200)
    expect(ok.body.rental).toEqual({ deposit: 50000, dailyRate: 1000, minDays: 1, maxDays: 30 })
    expect((await call(ctx.app, 'GET', `/api/products/${id}`)).body.rental).toMatchObject({ deposit: 50000 })
    const cleared = await admin(ctx.app, 'PATCH', `/api/admin/products/${id}`, { version: ok.body.version, rental: null })
    expect(cleared.body.rental).toBeNull()
  })

  it('lists products for the console with filters', async () => {
    const res = await admin(ctx.app, 'GET', `/api/admin/products?q=${encodeURIComponent('亚麻')}`)
    expect(res.status).toBe(200)
    expect(res.body.total).toBe(1)
    expect(res.body.items[0]).toMatchObject({ id: productId, categoryId, onShelf: true, priceMin: 10, priceMax: 123456789, stock: 11, version })
    expect(typeof res.body.items[0].categoryName).toBe('string')
    expect((await admin(ctx.app, 'GET', `/api/admin/products?categoryId=${categoryId}&pageSize=2`)).body.items).toHaveLength(2)
    expect((await admin(ctx.app, 'GET', '/api/admin/products?onShelf=maybe')).status).toBe(400)
  })

  it('needs the admin token', async () => {
    expect((await call(ctx.app, 'GET', '/api/admin/products')).status).toBe(401)
    const token = await login(ctx.app)
    expect((await call(ctx.app, 'POST', '/api/admin/products', { token, body: {} })).status).toBe(401)
  })
})
