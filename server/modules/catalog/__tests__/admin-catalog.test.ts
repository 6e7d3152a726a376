import { expect, it } from 'vitest'
import { call, describeEachDb, login, skuId, stockOf } from '../../../test/helpers'
import { admin, auditRows, movementSum } from './admin-support'

describeEachDb('catalog admin: stock, categories, banners', (ctx) => {
  it('adjusts stock with a reason: movements explain it, below zero is refused', async () => {
    const sku = await skuId(ctx.t.db, 'mug', { 颜色: '墨绿' })
    await call(ctx.app, 'GET', '/api/products?pageSize=50') // cached
    const start = await stockOf(ctx.t.db, sku)

    const up = await admin(ctx.app, 'POST', `/api/admin/skus/${sku}/stock`, { delta: 5, reason: '盘点补货' })
    expect(up.status).toBe(200)
    expect(up.body).toEqual({ skuId: sku, stock: start + 5 })
    const down = await admin(ctx.app, 'POST', `/api/admin/skus/${sku}/stock`, { delta: -3, reason: '破损' })
    expect(down.body).toEqual({ skuId: sku, stock: start + 2 })
    expect(await movementSum(ctx.t.db, sku)).toBe(start + 2)

    const mug = (await call(ctx.app, 'GET', '/api/products?pageSize=50')).body.items.find((p: { title: string }) => p.title === '陶瓷马克杯')
    expect(mug.stock).toBe(50 + start + 2)

    const neg = await admin(ctx.app, 'POST', `/api/admin/skus/${sku}/stock`, { delta: -(start + 3), reason: '多减了' })
    expect(neg.status).toBe(409)
    expect(neg.body.code).toBe('STOCK_NEGATIVE')
    expect(await stockOf(ctx.t.db, sku)).toBe(start + 2)

    const noReason = await admin(ctx.app, 'POST', `/api/admin/skus/${sku}/stock`, { delta: 1, reason: ' ' })
    expect(noReason.status).toBe(400)
    expect(noReason.body.field).toBe('reason')
    expect((await admin(ctx.app, 'POST', `/api/admin/skus/${sku}/stock`, { delta: 0, reason: 'x' })).body.field).toBe('delta')
    expect((await admin(ctx.app, 'POST', `/api/admin/skus/${sku}/stock`, { delta: 1.5, reason: 'x' })).body.field).toBe('delta')
    expect((await admin(ctx.app, 'POST', '/api/admin/skus/999999/stock', { delta: 1, reason: 'x' })).status).toBe(404)

    const history = await admin(ctx.app, 'GET', `/api/admin/skus/${sku}/movements`)
    expect(history.status).toBe(200)
    expect(history.body.total).toBe(3)
    expect(history.body.items.map((m: { delta: number; reason: string; note: string | null }) => [m.delta, m.reason, m.note])).toEqual([
      [-3, 'adjust', '破损'],
      [5, 'adjust', '盘点补货'],
      [start, 'opening', null],
    ])
    expect(history.body.items[0]).toHaveProperty('createdAt')

    const audit = await auditRows(ctx.t.db, 'sku.stock', sku)
    expect(audit.map((a) => [a.before, a.after])).toEqual([
      [{ stock: start }, { stock: start + 5, delta: 5, reason: '盘点补货' }],
      [{ stock: start + 5 }, { stock: start + 2, delta: -3, reason: '破损' }],
    ])
  })

  it('keeps categories as a tree; a category in use can not be deleted', async () => {
    const before = (await admin(ctx.app, 'GET', '/api/admin/categories')).body.items
    const tops = before.find((c: { name: string }) => c.name === '上衣')
    expect(tops).toMatchObject({ parentId: null, productCount: 2 })

    const child = await admin(ctx.app, 'POST', '/api/admin/categories', { name: '短袖', parentId: tops.id, icon: '/api/images/cat-tops.svg' })
    expect(child.status).toBe(201)
    const grandchild = await admin(ctx.app, 'POST', '/api/admin/categories', { name: '纯棉', parentId: child.body.id, icon: '/api/images/cat-tops.svg', sort: 0 })
    const tree = (await admin(ctx.app, 'GET', '/api/admin/categories')).body.items
    const ids = tree.map((c: { id: number }) => c.id)
    expect(ids.indexOf(child.body.id)).toBe(ids.indexOf(tops.id) + 1)
    expect(ids.indexOf(grandchild.body.id)).toBe(ids.indexOf(child.body.id) + 1)

    const loop = await admin(ctx.app, 'PATCH', `/api/admin/categories/${tops.id}`, { parentId: grandchild.body.id })
    expect(loop.status).toBe(400)
    expect(loop.body.field).toBe('parentId')
    const renamed = await admin(ctx.app, 'PATCH', `/api/admin/categories/${child.body.id}`, { name: '短袖T恤', sort: 3 })
    expect(renamed.body).toMatchObject({ id: child.body.id, name: '短袖T恤', sort: 3, parentId: tops.id })
    expect((await call(ctx.app, 'GET', '/api/categories')).body.items.map((c: { name: string }) => c.name)).toContain('短袖T恤')

    const inUse = await admin(ctx.app, 'DELETE', `/api/admin/categories/${tops.id}`)
    expect(inUse.status).toBe(409)
    expect(inUse.body.code).toBe('CATEGORY_IN_USE')
    expect((await admin(ctx.app, 'DELETE', `/api/admin/categories/${child.body.id}`)).body.code).toBe('CATEGORY_IN_USE')
    expect((await admin(ctx.app, 'DELETE', `/api/admin/categories/${grandchild.body.id}`)).status).toBe(204)
    expect((await admin(ctx.app, 'DELETE', `/api/admin/categories/${child.body.id}`)).status).toBe(204)
    expect((await admin(ctx.app, 'DELETE', `/api/admin/categories/${child.body.id}`)).status).toBe(404)

    const bad = await admin(ctx.app, 'POST', '/api/admin/categories', { name: '', icon: '/api/images/x.svg' })
    expect(bad.status).toBe(400)
    expect(bad.body.field).toBe('name')

    expect(await auditRows(ctx.t.db, 'category.create')).toHaveLength(2)
    const update = await auditRows(ctx.t.db, 'category.update', child.body.id)
    expect(update[0]).toMatchObject({ before: { name: '短袖' }, after: { name: '短袖T恤', sort: 3 } })
    expect(await auditRows(ctx.t.db, 'category.delete')).toHaveLength(2)
  })

  it('banners: CRUD reflected in GET /api/banners at once', async () => {
    const productId = (await call(ctx.app, 'GET', '/api/products')).body.items[0].id
    const created = await admin(ctx.app, 'POST', '/api/admin/banners', { title: '新品上市', image: '/api/images/banner-1.jpg', productId, sort: 0 })
    expect(created.status).toBe(201)
    const id = created.body.id
    let shop = (await call(ctx.app, 'GET', '/api/banners')).body.items
    expect(shop.find((b: { id: number }) => b.id === id)).toEqual({ id, title: '新品上市', image: '/api/images/banner-1.jpg', productId })

    const patched = await admin(ctx.app, 'PATCH', `/api/admin/banners/${id}`, { title: '双十一', productId: null })
    expect(patched.body).toMatchObject({ id, title: '双十一', productId: null, sort: 0 })
    shop = (await call(ctx.app, 'GET', '/api/banners')).body.items
    expect(shop.find((b: { id: number }) => b.id === id)).toMatchObject({ title: '双十一', productId: null })
    expect((await admin(ctx.app, 'GET', '/api/admin/banners')).body.items.map((b: { id: number }) => b.id)).toContain(id)

    expect((await admin(ctx.app, 'POST', '/api/admin/banners', { title: 'x', image: '/api/images/b.jpg', productId: 999999 })).body.field).toBe('productId')
    expect((await admin(ctx.app, 'POST', '/api/admin/banners', { title: 'x', image: 'javascript:alert(1)' })).body.field).toBe('image')

    expect((await admin(ctx.app, 'DELETE', `/api/admin/banners/${id}`)).status).toBe(204)
    expect((await call(ctx.app, 'GET', '/api/banners')).body.items.some((b: { id: number }) => b.id === id)).toBe(false)
    expect((await admin(ctx.app, 'DELETE', `/api/admin/banners/${id}`)).status).toBe(404)

    expect(await auditRows(ctx.t.db, 'banner.create', id)).toHaveLength(1)
    expect((await auditRows(ctx.t.db, 'banner.update', id))[0]).toMatchObject({ before: { title: '新品上市' }, after: { title: '双十一', productId: null } })
    expect(await auditRows(ctx.t.db, 'banner.delete', id)).toHaveLength(1)
  })

  it('an order still sells after stock counts (the storefront and the order path agree)', async () => {
    const sku = await skuId(ctx.t.db, 'hoodie', { 尺码: 'XL' })
    const token = await login(ctx.app)
    const order = await call(ctx.app, 'POST', '/api/orders', { token, body: { items: [{ skuId: sku, quantity: 2 }], idempotencyKey: `stock-${Math.random()}` } })
    expect(order.status).toBe(201)
    expect(await movementSum(ctx.t.db, sku)).toBe(await stockOf(ctx.t.db, sku))
  })
})
