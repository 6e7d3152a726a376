import { beforeEach, expect, it } from 'vitest'
import { call, describeEachDb, login, productId, skuId, stockOf } from '../../../test/helpers'
import { createPromotion, endAll, key } from './support'

type Applied = { kind: string; id: number; amount: number; units?: { skuId: number; quantity: number }[] }
const offerUnits = (discounts: Applied[], promotionId: number) =>
  discounts.filter((d) => d.kind === 'limited_time' && d.id === promotionId).reduce((n, d) => n + (d.units ?? []).reduce((m, u) => m + u.quantity, 0), 0)

describeEachDb('limited-time offers', (ctx) => {
  const mugWhite = () => skuId(ctx.t.db, 'mug', { 颜色: '米白' }) // 3900
  const sold = async (promotionId: number, sku: number) =>
    (await ctx.t.db.one<{ sold: number }>('SELECT sold FROM promotion_items WHERE promotion_id = $1 AND sku_id = $2', [promotionId, sku])).sold
  const bought = async (promotionId: number, token: string) => {
    const userId = await ctx.app.sessions.verify(token)
    const r = await ctx.t.db.maybeOne<{ quantity: number }>('SELECT quantity FROM promotion_purchases WHERE promotion_id = $1 AND user_id = $2', [promotionId, userId])
    return r?.quantity ?? 0
  }

  beforeEach(async () => {
    await endAll(ctx.app)
    await ctx.t.db.query('UPDATE skus SET stock = 1000 WHERE id = $1', [await mugWhite()])
  })

  it('30 orders racing for an offer with 10 units: exactly 10 units sold at the offer price; the rest pay the regular price or are refused (OFFER_CHANGED), never oversold', async () => {
    const sku = await mugWhite()
    const promo = await createPromotion(ctx.app, { kind: 'limited_time', name: '秒杀马克杯', items: [{ skuId: sku, price: 2900, stock: 10 }], perUserLimit: null })
    const stockBefore = await stockOf(ctx.t.db, sku)
    const tokens = await Promise.all(Array.from({ length: 30 }, (_, i) => login(ctx.app, `racer-${i}`)))
    const results = await Promise.all(tokens.map((token) => call(ctx.app, 'POST', '/api/orders', { token, body: { items: [{ skuId: sku, quantity: 1 }], idempotencyKey: key() } })))
    const created = results.filter((r) => r.status === 201)
    const refused = results.filter((r) => r.status !== 201)
    for (const r of refused) expect(r.body.code).toBe('OFFER_CHANGED')
    const atOffer = created.filter((r) => offerUnits(r.body.discounts, promo.id) === 1)
    expect(atOffer).toHaveLength(10)
    for (const r of atOffer) expect(r.body).toMatchObject({ subtotal: 3900, discount: 1000, total: 2900 + 1000 })
    for (const r of created.filter((x) => offerUnits(x.body.discounts, promo.id) === 0)) expect(r.body).toMatchObject({ subtotal: 3900, discount: 0, total: 4900 })
    expect(await sold(promo.id, sku)).toBe(10)
    expect(await stockOf(ctx.t.db, sku)).toBe(stockBefore - created.length)
    // The database agrees with the answers: 10 offer units over all stored orders.
    const stored = await ctx.t.db.query<{ discounts: Applied[] }>("SELECT discounts FROM orders WHERE discounts::text LIKE '%limited_time%'")
    expect(stored.rows.reduce((n, r) => n + offerUnits(r.discounts, promo.id), 0)).toBe(10)
    // Sold out: the product page shows no offer price any more, and a new order pays the regular price.
    const detail = await call(ctx.app, 'GET', `/api/products/${await productId(ctx.t.db, 'mug')}`)
    expect(detail.body.offer?.limited?.skus.find((s: { skuId: number }) => s.skuId === sku)?.stockLeft ?? 0).toBe(0)
    const after = await call(ctx.app, 'POST', '/api/orders', { token: tokens[0], body: { items: [{ skuId: sku, quantity: 1 }], idempotencyKey: key() } })
    expect(after.status).toBe(201)
    expect(after.body.total).toBe(4900)
  })

  it('per-user limit across orders: 2 units at the offer price per shopper; more pay the regular price; a cancelled order gives its units and the count back', async () => {
    const sku = await mugWhite()
    const promo = await createPromotion(ctx.app, { kind: 'limited_time', name: '每人限2件', items: [{ skuId: sku, price: 2900, stock: 100 }], perUserLimit: 2 })
    const token = await login(ctx.app)
    const preview = await call(ctx.app, 'POST', '/api/orders/preview', { token, body: { items: [{ skuId: sku, quantity: 3 }] } })
    // Free shipping is judged on the regular subtotal (11700 ≥ 9900): no shipping.
    expect(preview.body).toMatchObject({ subtotal: 11700, discount: 2000, shipping: 0, total: 9700 })
    expect(preview.body.lines[0]).toMatchObject({ discount: 2000, payable: 9700, labels: ['限时特惠'] })
    const first = await call(ctx.app, 'POST', '/api/orders', { token, body: { items: [{ skuId: sku, quantity: 3 }], idempotencyKey: key() } })
    expect(first.status).toBe(201)
    expect(first.body).toMatchObject({ discount: 2000, total: preview.body.total })
    expect(offerUnits(first.body.discounts, promo.id)).toBe(2)
    expect(await bought(promo.id, token)).toBe(2)
    // The limit is used up: the next order pays the regular price, on the preview and the order.
    const again = await call(ctx.app, 'POST', '/api/orders/preview', { token, body: { items: [{ skuId: sku, quantity: 1 }] } })
    expect(again.body).toMatchObject({ discount: 0, total: 4900 })
    const second = await call(ctx.app, 'POST', '/api/orders', { token, body: { items: [{ skuId: sku, quantity: 1 }], idempotencyKey: key() } })
    expect(second.body).toMatchObject({ discount: 0, total: 4900 })
    // Another shopper still gets theirs.
    const other = await login(ctx.app)
    expect((await call(ctx.app, 'POST', '/api/orders/preview', { token: other, body: { items: [{ skuId: sku, quantity: 1 }] } })).body.total).toBe(3900)
    expect(await sold(promo.id, sku)).toBe(2)
    // Cancelling the unpaid first order returns its 2 offer units and the shopper's count.
    expect((await call(ctx.app, 'POST', `/api/orders/${first.body.id}/cancel`, { token })).status).toBe(200)
    expect(await sold(promo.id, sku)).toBe(0)
    expect(await bought(promo.id, token)).toBe(0)
    expect((await call(ctx.app, 'POST', '/api/orders/preview', { token, body: { items: [{ skuId: sku, quantity: 1 }] } })).body.total).toBe(2900 + 1000)
  })

  it('one shopper placing 10 orders at once gets at most the per-user limit at the offer price', async () => {
    const sku = await mugWhite()
    const promo = await createPromotion(ctx.app, { kind: 'limited_time', name: '并发限购', items: [{ skuId: sku, price: 2900, stock: 100 }], perUserLimit: 2 })
    const token = await login(ctx.app)
    const results = await Promise.all(Array.from({ length: 10 }, () => call(ctx.app, 'POST', '/api/orders', { token, body: { items: [{ skuId: sku, quantity: 1 }], idempotencyKey: key() } })))
    for (const r of results.filter((x) => x.status !== 201)) expect(r.body.code).toBe('OFFER_CHANGED')
    const units = results.filter((r) => r.status === 201).reduce((n, r) => n + offerUnits(r.body.discounts, promo.id), 0)
    expect(units).toBe(2)
    expect(await bought(promo.id, token)).toBe(2)
    expect(await sold(promo.id, sku)).toBe(2)
  })

  it('the product page and list cards show the offer with its countdown; ending it takes it off every price at once', async () => {
    const sku = await mugWhite()
    const mug = await productId(ctx.t.db, 'mug')
    const promo = await createPromotion(ctx.app, { kind: 'limited_time', name: '马克杯特惠', items: [{ skuId: sku, price: 2900, stock: 20 }], perUserLimit: 3 })
    const detail = await call(ctx.app, 'GET', `/api/products/${mug}`)
    expect(detail.body.offer).toMatchObject({ price: 2900, labels: expect.arrayContaining(['限时特惠']) })
    expect(detail.body.offer.limited).toEqual({ promotionId: promo.id, name: '马克杯特惠', endsAt: promo.endsAt, perUserLimit: 3, skus: [{ skuId: sku, price: 2900, stockLeft: 20 }] })
    const list = await call(ctx.app, 'GET', '/api/products')
    const card = list.body.items.find((p: { id: number }) => p.id === mug)
    expect(card.offer).toEqual({ price: 2900, memberPrice: null, labels: ['限时特惠'] })
    expect(list.body.items.find((p: { id: number }) => p.id !== mug).offer).toBeNull()
    const guest = await call(ctx.app, 'POST', '/api/pricing/preview', { body: { items: [{ skuId: sku, quantity: 1 }] } })
    expect(guest.body).toMatchObject({ total: 3900, coupons: [], selectedCouponIds: [] })

    const ended = await call(ctx.app, 'POST', `/api/admin/promotions/${promo.id}/end`, { token: (await import('../../../test/helpers')).ADMIN_TOKEN })
    expect(ended.body).toMatchObject({ id: promo.id, status: 'ended', endedAt: expect.any(String) })
    expect((await call(ctx.app, 'GET', `/api/products/${mug}`)).body.offer).toBeNull()
    expect((await call(ctx.app, 'GET', '/api/products')).body.items.find((p: { id: number }) => p.id === mug).offer).toBeNull()
    expect((await call(ctx.app, 'POST', '/api/pricing/preview', { body: { items: [{ skuId: sku, quantity: 1 }] } })).body.total).toBe(4900)
    const token = await login(ctx.app)
    const order = await call(ctx.app, 'POST', '/api/orders', { token, body: { items: [{ skuId: sku, quantity: 1 }], idempotencyKey: key() } })
    expect(order.body).toMatchObject({ total: 4900, discounts: [] })
  })
})
