import type { FastifyInstance } from 'fastify'
import { expect } from 'vitest'
import type { Db } from '../../../db'
import { call, skuId } from '../../../test/helpers'

let seq = 0

/** A shopper of a mini-program platform, as the platform login stores them. */
export async function platformUser(app: FastifyInstance, platform: 'weapp' | 'alipay'): Promise<{ id: number; token: string }> {
  const n = ++seq
  const ext = platform === 'weapp' ? `o-msg-${process.pid}-${Date.now()}-${n}` : `2088${String(Date.now()).slice(-8)}${String(n).padStart(4, '0')}`
  const u = await app.db.one<{ id: number }>('INSERT INTO users (platform, external_id, open_id, nickname) VALUES ($1, $2, $3, $4) RETURNING id', [
    platform,
    ext,
    platform === 'weapp' ? ext : null,
    `${platform}-msg`,
  ])
  return { id: u.id, token: (await app.sessions.sign(u.id)).token }
}

/** One mug, unpaid. */
export async function placeOrder(app: FastifyInstance, db: Db, token: string): Promise<{ id: number; orderNo: string; total: number }> {
  const mug = await skuId(db, 'mug', { 颜色: '米白' })
  const res = await call(app, 'POST', '/api/orders', { token, body: { items: [{ skuId: mug, quantity: 1 }], idempotencyKey: `msg-${process.pid}-${Date.now()}-${++seq}` } })
  expect(res.status).toBe(201)
  return res.body
}

export async function outboxOf(db: Db, orderId: number) {
  return (
    await db.query<{ event: string; status: string; attempts: number; quota_taken: boolean; last_error: string | null; next_attempt_at: Date }>(
      'SELECT event, status, attempts, quota_taken, last_error, next_attempt_at FROM message_outbox WHERE order_id = $1 ORDER BY id',
      [orderId],
    )
  ).rows
}

export async function sandboxCount(db: Db, orderId: number): Promise<number> {
  return (await db.one<{ n: number }>('SELECT count(*)::int AS n FROM sandbox_messages WHERE dedupe_key LIKE $1', [`order:${orderId}:%`])).n
}

export async function quota(db: Db, userId: number, templateId: string) {
  return db.maybeOne<{ remaining: number; accepted_total: number; sent_total: number; last_choice: string }>(
    'SELECT remaining, accepted_total, sent_total, last_choice FROM message_quota WHERE user_id = $1 AND template_id = $2',
    [userId, templateId],
  )
}

/** A clock tests move by hand. */
export function manualClock(start = Date.now()) {
  let t = start
  return { now: () => new Date(t), advance: (ms: number) => void (t += ms) }
}
