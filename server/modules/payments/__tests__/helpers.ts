import type { FastifyInstance } from 'fastify'
import type { RawNotify } from '../../../platforms/types'
import type { SandboxPay } from '../../../platforms'

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

/** Pays an order as an Alipay shopper would: pay, the sandbox settles, its signed notify arrives. */
export async function payThroughAlipay(app: FastifyInstance, token: string, orderId: number): Promise<void> {
  const pay = await app.inject({ method: 'POST', url: `/api/orders/${orderId}/pay`, headers: { authorization: `Bearer ${token}` } })
  if (pay.statusCode !== 200) throw new Error(`pay failed: ${pay.statusCode} ${pay.body}`)
  const { out_trade_no: out } = await app.db.one<{ out_trade_no: string }>('SELECT out_trade_no FROM payments WHERE order_id = $1 ORDER BY id DESC LIMIT 1', [orderId])
  const sandbox = app.payments.providers.sandbox as SandboxPay
  sandbox.settle(out)
  const res = await postNotify(app, 'alipay', sandbox.alipayNotify(out))
  if (res.statusCode >= 300) throw new Error(`notify failed: ${res.statusCode} ${res.body}`)
}
