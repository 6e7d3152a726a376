import { expect, it } from 'vitest'
import type { AdminReview, ReviewableLine, ReviewPage, ReviewView } from '../../../../src/domain/reviews'
import { ADMIN_TOKEN, call, describeEachDb, productId, skuId, staffToken } from '../../../test/helpers'
import { alipayShopper, placeOrder, uploadReviewPhoto } from '../../../test/orders'
import { reviewService, type ReviewedEvent } from '..'

const admin = ADMIN_TOKEN

describeEachDb('reviews', (ctx) => {
  const mug = () => skuId(ctx.t.db, 'mug', { 颜色: '米白' })
  const tee = () => skuId(ctx.t.db, 'tee', { 颜色: '白色', 尺码: 'M' })

  const upload = (token: string) => uploadReviewPhoto(ctx.app, token)

  const review = (token: string, orderId: number, items: unknown[]) => call<{ items: ReviewView[]; code?: string }>(ctx.app, 'POST', `/api/orders/${orderId}/reviews`, { token, body: { items } })
  const page = async (query = '') => (await call<ReviewPage>(ctx.app, 'GET', `/api/products/${await productId(ctx.t.db, 'mug')}/reviews${query}`)).body
  const show = async () => (await call<{ items: ReviewView[] }>(ctx.app, 'GET', `/api/products/${await productId(ctx.t.db, 'mug')}/buyer-show`)).body.items
  const moderate = (id: number, what: string, body: unknown = {}, token = admin) => call<AdminReview & { code?: string }>(ctx.app, 'POST', `/api/admin/reviews/${id}/${what}`, { token, body })

  it('a received order’s lines reviewed with photos: the product’s list (with the photos filter), the summary, the order’s lines', async () => {
    const [m, t] = [await mug(), await tee()]
    const before = await page()
    const u = await alipayShopper(ctx.app, '王小二')
    const o = await placeOrder(ctx.app, u.token, [{ skuId: m, quantity: 1 }, { skuId: t, quantity: 1 }], 'completed')
    const [mugLine, teeLine] = [o.items.find((i) => i.skuId === m)!.id, o.items.find((i) => i.skuId === t)!.id]
    const open = await call<{ items: ReviewableLine[] }>(ctx.app, 'GET', `/api/orders/${o.id}/reviews`, { token: u.token })
    expect(open.body.items.map((l) => [l.orderItemId, l.canReview, l.canAppend, l.review])).toEqual(
      expect.arrayContaining([
        [mugLine, true, false, null],
        [teeLine, true, false, null],
      ]),
    )

    const p1 = await upload(u.token)
    expect(p1.status).toBe(201)
    expect(p1.url).toMatch(/^\/api\/uploads\/[a-f0-9]{32}\.png$/)
    expect((await ctx.app.inject({ method: 'GET', url: p1.url })).statusCode).toBe(200)
    const p2 = await upload(u.token)
    const r = await review(u.token, o.id, [
      { orderItemId: mugLine, rating: 5, content: '  杯子很好看  ', photos: [p1.url, p2.url] },
      { orderItemId: teeLine, rating: 3, content: '', photos: [], anonymous: true },
    ])
    expect(r.status).toBe(201)
    expect(r.body.items).toHaveLength(2)
    expect(r.body.items[0]).toMatchObject({ productId: await productId(ctx.t.db, 'mug'), skuId: m, specText: '米白', rating: 5, content: '杯子很好看', photos: [p1.url, p2.url], nickname: '王**', append: null, reply: null, featured: false })
    expect(r.body.items[1]).toMatchObject({ rating: 3, content: '', nickname: '匿名用户', avatar: null })

    const after = await page()
    expect(after.summary).toEqual({ count: before.summary.count + 1, rating: expect.any(Number), withPhotos: before.summary.withPhotos + 1, goodPercent: expect.any(Number) })
    expect(after.items[0]).toMatchObject({ id: r.body.items[0].id, photos: [p1.url, p2.url] })
    const withPhotos = await page('?withPhotos=1&pageSize=5')
    expect(withPhotos.items.every((i) => i.photos.length > 0)).toBe(true)
    expect(withPhotos).toMatchObject({ total: after.summary.withPhotos, page: 1, pageSize: 5 })

    const lines = (await call<{ items: ReviewableLine[] }>(ctx.app, 'GET', `/api/orders/${o.id}/reviews`, { token: u.token })).body.items
    expect(lines.find((l) => l.orderItemId === mugLine)).toMatchObject({ canReview: false, canAppend: true, review: { id: r.body.items[0].id } })
    // Reviewed again: 409, nothing written.
    expect((await review(u.token, o.id, [{ orderItemId: mugLine, rating: 1, content: '再评一次' }])).body).toMatchObject({ code: 'ALREADY_REVIEWED' })
    expect((await page()).summary.count).toBe(after.summary.count)
  })

  it('summary: the average over the visible reviews, one decimal', async () => {
    const m = await mug()
    // The arithmetic is the domain's (unit tests); here: the SQL grouping feeds it the right counts.
    const u = await alipayShopper(ctx.app)
    const o = await placeOrder(ctx.app, u.token, [{ skuId: m, quantity: 1 }], 'completed')
    const before = (await page()).summary
    await review(u.token, o.id, [{ orderItemId: o.items[0].id, rating: 1 }])
    const s = (await page()).summary
    expect(s.count).toBe(before.count + 1)
    const { avg } = await ctx.t.db.one<{ avg: number }>(
      "SELECT round(avg(rating)::numeric, 1)::float AS avg FROM reviews WHERE product_id = $1 AND status = 'visible'",
      [await productId(ctx.t.db, 'mug')],
    )
    expect(s.rating).toBe(avg)
  })

  it('not received: 409 NOT_RECEIVED; someone else’s order: 404; a bad rating, too many photos, a photo not issued to the shopper: 400', async () => {
    const m = await mug()
    const u = await alipayShopper(ctx.app)
    const shipped = await placeOrder(ctx.app, u.token, [{ skuId: m, quantity: 1 }], 'shipped')
    expect((await review(u.token, shipped.id, [{ orderItemId: shipped.items[0].id, rating: 5 }])).body).toMatchObject({ code: 'NOT_RECEIVED' })
    expect((await review(u.token, shipped.id, [{ orderItemId: shipped.items[0].id, rating: 5 }])).status).toBe(409)

    const o = await placeOrder(ctx.app, u.token, [{ skuId: m, quantity: 1 }], 'completed')
    const line = o.items[0].id
    const other = await alipayShopper(ctx.app)
    expect((await review(other.token, o.id, [{ orderItemId: line, rating: 5 }])).status).toBe(404)
    expect((await call(ctx.app, 'GET', `/api/orders/${o.id}/reviews`, { token: other.token })).status).toBe(404)

    for (const rating of [0, 6, 4.5]) expect((await review(u.token, o.id, [{ orderItemId: line, rating }])).body).toMatchObject({ code: 'BAD_RATING' })
    const theirs = await upload(other.token)
    const bad = await review(u.token, o.id, [{ orderItemId: line, rating: 5, photos: [theirs.url] }])
    expect(bad.status).toBe(400)
    expect(bad.body).toMatchObject({ code: 'BAD_INPUT' })
    expect((await review(u.token, o.id, [{ orderItemId: line, rating: 5, photos: ['/api/uploads/0123456789abcdef0123456789abcdef.png'] }])).status).toBe(400)
    const mine = await Promise.all(Array.from({ length: 10 }, () => upload(u.token)))
    expect((await review(u.token, o.id, [{ orderItemId: line, rating: 5, photos: mine.map((p) => p.url) }])).body).toMatchObject({ code: 'TOO_MANY_PHOTOS' })
    expect((await review(u.token, o.id, [{ orderItemId: line, rating: 5, photos: mine.slice(0, 9).map((p) => p.url) }])).status).toBe(201)
    expect((await ctx.app.inject({ method: 'POST', url: '/api/uploads/reviews', payload: {} })).statusCode).toBe(401)

    // A line whose every unit was refunded (the order itself stays completed) is not reviewed.
    const two = await placeOrder(ctx.app, u.token, [{ skuId: m, quantity: 1 }, { skuId: await tee(), quantity: 1 }], 'completed')
    await ctx.t.db.query('UPDATE order_items SET refunded_quantity = quantity WHERE id = $1', [two.items[0].id])
    const lines = (await call<{ items: ReviewableLine[] }>(ctx.app, 'GET', `/api/orders/${two.id}/reviews`, { token: u.token })).body.items
    expect(lines.map((l) => l.canReview)).toEqual([false, true])
    expect((await review(u.token, two.id, [{ orderItemId: two.items[0].id, rating: 5 }])).body).toMatchObject({ code: 'LINE_REFUNDED' })
    expect((await review(u.token, two.id, [{ orderItemId: two.items[1].id, rating: 5 }])).status).toBe(201)
  })

  it('the same line reviewed twice at once: one review, the other 409 ALREADY_REVIEWED', async () => {
    const u = await alipayShopper(ctx.app)
    const o = await placeOrder(ctx.app, u.token, [{ skuId: await mug(), quantity: 1 }], 'completed')
    const line = o.items[0].id
    const answers = await Promise.all(Array.from({ length: 5 }, (_, i) => review(u.token, o.id, [{ orderItemId: line, rating: 5, content: `第 ${i} 次` }])))
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409])
    expect(answers.filter((a) => a.status === 409).every((a) => a.body.code === 'ALREADY_REVIEWED')).toBe(true)
    expect((await ctx.t.db.one<{ n: number }>('SELECT count(*)::int AS n FROM reviews WHERE order_item_id = $1', [line])).n).toBe(1)
  })

  it('append once (also when two race); someone else’s review is 404', async () => {
    const u = await alipayShopper(ctx.app)
    const o = await placeOrder(ctx.app, u.token, [{ skuId: await mug(), quantity: 1 }], 'completed')
    const id = (await review(u.token, o.id, [{ orderItemId: o.items[0].id, rating: 4, content: '不错' }])).body.items[0].id
    const other = await alipayShopper(ctx.app)
    expect((await call(ctx.app, 'POST', `/api/reviews/${id}/append`, { token: other.token, body: { content: '追评', photos: [] } })).status).toBe(404)
    expect((await call(ctx.app, 'POST', `/api/reviews/${id}/append`, { token: u.token, body: { content: ' ', photos: [] } })).body).toMatchObject({ code: 'EMPTY_APPEND' })
    const photo = await upload(u.token)
    const answers = await Promise.all(
      [0, 1].map((i) => call<ReviewView & { code?: string }>(ctx.app, 'POST', `/api/reviews/${id}/append`, { token: u.token, body: { content: `用了一个月 ${i}`, photos: [photo.url] } })),
    )
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409])
    const ok = answers.find((a) => a.status === 200)!.body
    expect(ok.append).toEqual({ content: expect.stringMatching(/^用了一个月 [01]$/), photos: [photo.url], at: expect.any(String) })
    expect(answers.find((a) => a.status === 409)!.body.code).toBe('ALREADY_APPENDED')
    const line = (await call<{ items: ReviewableLine[] }>(ctx.app, 'GET', `/api/orders/${o.id}/reviews`, { token: u.token })).body.items[0]
    expect(line).toMatchObject({ canReview: false, canAppend: false })
  })

  it('moderation: hide removes it from the list and the summary, show brings it back, feature puts it in the buyer show, reply shows on it; each audited', async () => {
    const u = await alipayShopper(ctx.app, '赵六')
    const o = await placeOrder(ctx.app, u.token, [{ skuId: await mug(), quantity: 1 }], 'completed')
    const photo = await upload(u.token)
    const id = (await review(u.token, o.id, [{ orderItemId: o.items[0].id, rating: 2, content: '颜色有色差', photos: [photo.url] }])).body.items[0].id
    const before = await page()
    expect(before.items.map((i) => i.id)).toContain(id)

    const hidden = await moderate(id, 'hide')
    expect(hidden.status).toBe(200)
    expect(hidden.body).toMatchObject({ id, status: 'hidden', orderId: o.id, userId: u.id, productTitle: '陶瓷马克杯', nickname: '赵**' })
    const gone = await page('?pageSize=50')
    expect(gone.items.map((i) => i.id)).not.toContain(id)
    expect(gone.summary).toMatchObject({ count: before.summary.count - 1, withPhotos: before.summary.withPhotos - 1 })
    // Hidden and featured: still not in the buyer show.
    expect((await moderate(id, 'feature', { featured: true })).body).toMatchObject({ featured: true, status: 'hidden' })
    expect((await show()).map((i) => i.id)).not.toContain(id)
    const list = await call<{ items: AdminReview[]; total: number }>(ctx.app, 'GET', '/api/admin/reviews?status=hidden&withPhotos=1&rating=2', { token: admin })
    expect(list.body.items.map((i) => i.id)).toContain(id)

    expect((await moderate(id, 'show')).body).toMatchObject({ status: 'visible' })
    expect((await page()).summary.count).toBe(before.summary.count)
    const featured = await show()
    expect(featured[0]).toMatchObject({ id, featured: true, photos: [photo.url] })

    const replied = await moderate(id, 'reply', { content: ' 抱歉，已为您登记，可联系客服换货 ' })
    expect(replied.body.reply).toEqual({ content: '抱歉，已为您登记，可联系客服换货', at: expect.any(String) })
    expect((await page()).items.find((i) => i.id === id)?.reply?.content).toBe('抱歉，已为您登记，可联系客服换货')
    expect((await moderate(id, 'feature', { featured: false })).body.featured).toBe(false)
    expect((await show()).map((i) => i.id)).not.toContain(id)

    const audit = await ctx.t.db.query<{ action: string }>("SELECT action FROM audit_log WHERE entity = 'review' AND entity_id = $1 ORDER BY id", [String(id)])
    expect(audit.rows.map((a) => a.action)).toEqual(['review.hide', 'review.feature', 'review.show', 'review.reply', 'review.feature'])
    expect((await moderate(999999, 'hide')).status).toBe(404)
    expect((await moderate(id, 'reply', { content: '' })).status).toBe(400)
  })

  it('onReviewed runs in the review’s own transaction: once per review, and its failure writes no review', async () => {
    const u = await alipayShopper(ctx.app)
    const o = await placeOrder(ctx.app, u.token, [{ skuId: await mug(), quantity: 1 }, { skuId: await tee(), quantity: 1 }], 'completed')
    const at = new Date('2026-06-01T08:00:00Z')
    const failing = reviewService(ctx.t.db, {
      now: () => at,
      onReviewed: async () => {
        throw new Error('ledger down')
      },
    })
    const items = o.items.map((i, n) => ({ orderItemId: i.id, rating: 5, content: '', photos: [], anonymous: n === 0 }))
    await expect(failing.review(u.id, o.id, { items })).rejects.toThrow('ledger down')
    expect((await ctx.t.db.one<{ n: number }>('SELECT count(*)::int AS n FROM reviews WHERE order_id = $1', [o.id])).n).toBe(0)

    const seen: ReviewedEvent[] = []
    const counting = reviewService(ctx.t.db, {
      now: () => at,
      onReviewed: async (q, e) => {
        // Inside the transaction: the review row is already visible to it.
        expect(await q.maybeOne('SELECT 1 FROM reviews WHERE id = $1', [e.reviewId])).not.toBeNull()
        seen.push(e)
      },
    })
    const r = await counting.review(u.id, o.id, { items })
    expect(seen).toEqual(r.items.map((v) => ({ userId: u.id, reviewId: v.id, withPhotos: false, at })))
  })

  it('permissions: service staff moderate (reviews:write); a shopper’s token is no admin', async () => {
    const service = await staffToken(ctx.app, 'service')
    expect((await call(ctx.app, 'GET', '/api/admin/reviews', { token: service })).status).toBe(200)
    const u = await alipayShopper(ctx.app)
    expect((await call(ctx.app, 'GET', '/api/admin/reviews', { token: u.token })).status).toBe(401)
  })
})
