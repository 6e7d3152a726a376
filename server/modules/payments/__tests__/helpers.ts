import type { FastifyInstance } from 'fastify'
import type { RawNotify } from '../../../platforms/types'

let seq = 0

/** A user of a mini-program platform, as the platform login would store it (openid / 2088… user id). */
export async function platformUser(app: FastifyInstance, platform: 'weapp' | 'alipay'): Promise<string> {
  const ext = platform === 'weapp' ? `o-openid-${process.pid}-${++seq}` : `2088${String(Date.now()).slice(-8)}${String(++seq).padStart(4, '0')}`
  const u = await app.db.one<{ id: number }>('INSERT INTO users (platform, external_id, open_id, nickname) VALUES ($1, $2, $3, $4) RETURNING id', [
    platform,
    ext,
    platform === 'weapp' ? ext : null,
    `${platform}-user`,
  ])
  return (await app.sessions.sign(u.id)).token
}

/** Posts a notify to its channel's endpoint exactly as it would arrive (headers and raw body). */
export function postNotify(app: FastifyInstance, channel: 'wechat' | 'alipay', n: RawNotify) {
  return app.inject({ method: 'POST', url: `/api/payments/notify/${channel}`, headers: n.headers as Record<string, string>, payload: n.body })
}

/** Shared with every server test (server/test/orders.ts); said here too for the payments tests' imports. */
export { payThroughAlipay } from '../../../test/orders'
