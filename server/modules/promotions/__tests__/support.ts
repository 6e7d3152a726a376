import type { FastifyInstance } from 'fastify'
import { expect } from 'vitest'
import { ADMIN_TOKEN, call } from '../../../test/helpers'

/** ISO time `ms` from the app's clock. */
export const fromNow = (app: FastifyInstance, ms: number) => new Date(app.now().getTime() + ms).toISOString()
export const DAY = 86_400_000

/** POST /api/admin/promotions, expecting 201; returns the promotion. */
export async function createPromotion(app: FastifyInstance, body: Record<string, unknown>) {
  const res = await call(app, 'POST', '/api/admin/promotions', {
    token: ADMIN_TOKEN,
    body: { name: '测试活动', startsAt: fromNow(app, -60_000), endsAt: fromNow(app, 7 * DAY), ...body },
  })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return res.body
}

/** POST /api/admin/coupon-batches, expecting 201; returns the batch. */
export async function createBatch(app: FastifyInstance, body: Record<string, unknown>) {
  const res = await call(app, 'POST', '/api/admin/coupon-batches', {
    token: ADMIN_TOKEN,
    body: { title: '测试券', type: 'amount', value: 1000, threshold: 0, claimStartsAt: fromNow(app, -60_000), claimEndsAt: fromNow(app, 7 * DAY), validity: { days: 7 }, total: 100, ...body },
  })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return res.body
}

/** Claims one coupon of a batch for the token's user, expecting 201; returns the coupon. */
export async function claimCoupon(app: FastifyInstance, token: string, batchId: number) {
  const res = await call(app, 'POST', `/api/coupons/center/${batchId}/claim`, { token })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return res.body
}

/** Ends every promotion and coupon batch, so each test starts from a shop without any. */
export async function endAll(app: FastifyInstance): Promise<void> {
  await app.db.query('UPDATE promotions SET ended_at = $1 WHERE ended_at IS NULL', [app.now()])
  await app.db.query('UPDATE coupon_batches SET ended_at = $1 WHERE ended_at IS NULL', [app.now()])
  app.promotions.clear()
  app.catalogCache.clear()
}

let seq = 0
export const key = () => `promo-${process.pid}-${Date.now()}-${++seq}`
