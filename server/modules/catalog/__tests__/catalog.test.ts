import { expect, it } from 'vitest'
import { call, describeEachDb, productId } from '../../../test/helpers'

describeEachDb('catalog', (ctx) => {
  it('lists categories and banners in seed order', async () => {
    const cats = await call(ctx.app, 'GET', '/api/categories')
    expect(cats.body.items.map((c: { name: string }) => c.name)).toEqual(['上衣', '杯具'])
    expect(cats.body.items[0].icon).toBe('/api/images/cat-tops.svg')
    const banners = await call(ctx.app, 'GET', '/api/banners')
    expect(banners.body.items).toHaveLength(2)
    expect(banners.body.items[0].productId).toBe(await productId(ctx.t.db, 'tee'))
    expect(banners.body.items[1].productId).toBeNull()
  })

  it('lists products with lowest price, total stock and cover image', async () => {
    const res = await call(ctx.app, 'GET', '/api/products')
    expect(res.status).toBe(200)
    expect(res.body.total).toBe(3)
    expect(res.body.page).toBe(1)
    expect(res.body.pageSize).toBe(20)
    const tee = res.body.items.find((p: { title: string }) => p.title === '纯棉短袖T恤')
    expect(tee).toMatchObject({ price: 4900, originalPrice: 9900, stock: 15, sales: 120, image: '/api/images/tee-1.jpg' })
  })

  it('pages', async () => {
    const p1 = await call(ctx.app, 'GET', '/api/products?page=1&pageSize=2')
    const p2 = await call(ctx.app, 'GET', '/api/products?page=2&pageSize=2')
    const p3 = await call(ctx.app, 'GET', '/api/products?page=3&pageSize=2')
    expect(p1.body.items).toHaveLength(2)
    expect(p2.body.items).toHaveLength(1)
    expect(p3.body.items).toHaveLength(0)
    expect(p3.body.total).toBe(3)
    const ids = [...p1.body.items, ...p2.body.items].map((p: { id: number }) => p.id)
    expect(new Set(ids).size).toBe(3)
  })

  it('searches titles and subtitles, treating % and _ literally', async () => {
    const mug = await call(ctx.app, 'GET', `/api/products?q=${encodeURIComponent('咖啡')}`)
    expect(mug.body.items.map((p: { title: string }) => p.title)).toEqual(['陶瓷马克杯'])
    const literal = await call(ctx.app, 'GET', `/api/products?q=${encodeURIComponent('50%_off')}`)
    expect(literal.body.total).toBe(1)
    const wildcard = await call(ctx.app, 'GET', `/api/products?q=${encodeURIComponent('%')}`)
    expect(wildcard.body.total).toBe(1)
    const sql = await call(ctx.app, 'GET', `/api/products?q=${encodeURIComponent("' OR 1=1 --")}`)
    expect(sql.status).toBe(200)
    expect(sql.body.total).toBe(0)
    const emoji = await call(ctx.app, 'GET', `/api/products?q=${encodeURIComponent('👕')}`)
    expect(emoji.body.total).toBe(0)
  })

  it('filters by category', async () => {
    const cats = await call(ctx.app, 'GET', '/api/categories')
    const tops = cats.body.items[0].id
    const res = await call(ctx.app, 'GET', `/api/products?categoryId=${tops}`)
    expect(res.body.items.map((p: { title: string }) => p.title).sort()).toEqual(['加绒连帽卫衣', '纯棉短袖T恤'].sort())
    const none = await call(ctx.app, 'GET', '/api/products?categoryId=999999')
    expect(none.body).toMatchObject({ items: [], total: 0 })
  })

  it('sorts by price, sales and newest', async () => {
    const titles = async (sort: string) =>
      (await call(ctx.app, 'GET', `/api/products?sort=${sort}`)).body.items.map((p: { title: string }) => p.title)
    expect(await titles('price_asc')).toEqual(['陶瓷马克杯', '纯棉短袖T恤', '加绒连帽卫衣'])
    expect(await titles('price_desc')).toEqual(['加绒连帽卫衣', '纯棉短袖T恤', '陶瓷马克杯'])
    expect(await titles('sales')).toEqual(['陶瓷马克杯', '纯棉短袖T恤', '加绒连帽卫衣'])
    expect(await titles('newest')).toEqual(['陶瓷马克杯', '纯棉短袖T恤', '加绒连帽卫衣'])
    expect(await titles('default')).toEqual(['纯棉短袖T恤', '陶瓷马克杯', '加绒连帽卫衣'])
  })

  it('rejects bad list queries with 400', async () => {
    for (const qs of ['page=0', 'page=-1', 'page=abc', 'pageSize=500', 'sort=evil', 'categoryId=-3', 'categoryId=1.5', `q=${'长'.repeat(51)}`]) {
      const res = await call(ctx.app, 'GET', `/api/products?${encodeURI(qs)}`)
      expect(res.status, qs).toBe(400)
      expect(res.body.code).toBe('BAD_INPUT')
    }
  })

  it('shows a product with spec groups and SKUs', async () => {
    const id = await productId(ctx.t.db, 'tee')
    const res = await call(ctx.app, 'GET', `/api/products/${id}`)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ id, title: '纯棉短袖T恤', price: 4900, stock: 15, description: '100% 新疆长绒棉' })
    expect(res.body.images).toEqual(['/api/images/tee-1.jpg', '/api/images/tee-2.jpg', '/api/images/tee-3.jpg'])
    expect(res.body.specGroups[0]).toEqual({ name: '颜色', values: ['白色', '黑色'] })
    expect(res.body.skus).toHaveLength(3)
    expect(res.body.skus[2]).toMatchObject({ specs: { 颜色: '黑色', 尺码: 'M' }, price: 5900, stock: 5, image: '/api/images/tee-black.jpg' })
    expect(res.body.skus[0].image).toBeNull()
  })

  it('answers unknown or malformed product ids', async () => {
    expect((await call(ctx.app, 'GET', '/api/products/999999')).status).toBe(404)
    expect((await call(ctx.app, 'GET', '/api/products/99999999999')).status).toBe(404)
    expect((await call(ctx.app, 'GET', '/api/products/abc')).status).toBe(400)
    expect((await call(ctx.app, 'GET', '/api/products/0')).status).toBe(400)
    expect((await call(ctx.app, 'GET', '/api/products/1;DROP TABLE products')).status).toBe(400)
    expect((await call(ctx.app, 'GET', '/api/products')).body.total).toBe(3)
  })
})
