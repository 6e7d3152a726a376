import type { FastifyInstance } from 'fastify'
import sharp from 'sharp'
import type { SandboxPay } from '../platforms'
import { ADMIN_TOKEN, call, testKey } from './helpers'

const ADDRESS = { name: '李四', phone: '13900139000', region: ['浙江省', '杭州市', '西湖区'], detail: '文三路 2 号' }
let seq = 0

/** An Alipay shopper (the sandbox answers its payments and refunds at once) and a session for it. */
export async function alipayShopper(app: FastifyInstance, nickname = `shopper-${process.pid}-${++seq}`): Promise<{ id: number; token: string }> {
  const externalId = `2088${String(process.pid).slice(-4).padStart(4, '0')}${String(++seq).padStart(8, '0')}`
  const u = await app.db.one<{ id: number }>("INSERT INTO users (platform, external_id, nickname) VALUES ('alipay', $1, $2) RETURNING id", [externalId, nickname])
  return { id: u.id, token: (await app.sessions.sign(u.id)).token }
}

type AddressInput = typeof ADDRESS

/** An Alipay shopper with a session and one address of their own (the default 李四's, or the one given). */
export async function shopperWithAddress(app: FastifyInstance, nickname?: string, address: AddressInput = ADDRESS): Promise<{ id: number; token: string; addressId: number }> {
  const u = await alipayShopper(app, nickname)
  const a = await call(app, 'POST', '/api/addresses', { token: u.token, body: address })
  if (a.status !== 201) throw new Error(`address: ${a.status} ${JSON.stringify(a.body)}`)
  return { ...u, addressId: a.body.id as number }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- call()'s own default: each answer's shape is read right here
const must = (what: string, r: { status: number; body: any }) => {
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`)
  return r
}

/** Pays an order as an Alipay shopper would: pay, the sandbox settles, its signed notify arrives. */
export async function payThroughAlipay(app: FastifyInstance, token: string, orderId: number): Promise<void> {
  await payThrough(app, token, orderId, 'alipay')
}

/** The same for a WeChat shopper (platformUser 'weapp'): WeChat Pay's signed notify. */
export async function payThroughWechat(app: FastifyInstance, token: string, orderId: number): Promise<void> {
  await payThrough(app, token, orderId, 'wechat')
}

async function payThrough(app: FastifyInstance, token: string, orderId: number, channel: 'alipay' | 'wechat'): Promise<void> {
  must('pay', await call(app, 'POST', `/api/orders/${orderId}/pay`, { token }))
  const { out_trade_no: out } = await app.db.one<{ out_trade_no: string }>('SELECT out_trade_no FROM payments WHERE order_id = $1 ORDER BY id DESC LIMIT 1', [orderId])
  const sandbox = app.payments.providers.sandbox as SandboxPay
  sandbox.settle(out)
  const n = channel === 'alipay' ? sandbox.alipayNotify(out) : sandbox.wechatNotify(out)
  const res = await app.inject({ method: 'POST', url: `/api/payments/notify/${channel}`, headers: n.headers as Record<string, string>, payload: n.body })
  if (res.statusCode >= 300) throw new Error(`notify: ${res.statusCode} ${res.body}`)
}

/** The console ships the order (a tracking number of its own). */
export async function shipOrder(app: FastifyInstance, orderId: number): Promise<void> {
  must('ship', await call(app, 'POST', `/api/admin/orders/${orderId}/ship`, { token: ADMIN_TOKEN, body: { carrier: '顺丰速运', trackingNo: `SF${process.pid}${++seq}` } }))
}

/** The console ships; the shopper confirms receipt (the after-sales window starts). */
export async function shipAndReceive(app: FastifyInstance, token: string, orderId: number): Promise<void> {
  await shipOrder(app, orderId)
  must('confirm', await call(app, 'POST', `/api/orders/${orderId}/confirm`, { token }))
}

/**
 * An order placed through the API and paid by the sandbox's signed Alipay notify; shipped by
 * the console and received by the shopper when asked. Throws on any unexpected answer.
 */
export async function placeOrder(
  app: FastifyInstance,
  token: string,
  items: { skuId: number; quantity: number }[],
  stage: 'paid' | 'shipped' | 'completed' = 'paid',
): Promise<{ id: number; items: { id: number; skuId: number }[] }> {
  const addressId = must('address', await call(app, 'POST', '/api/addresses', { token, body: ADDRESS })).body.id
  const placed = must('order', await call(app, 'POST', '/api/orders', { token, body: { items, addressId, idempotencyKey: testKey('t') } }))
  const id = placed.body.id as number
  await payThroughAlipay(app, token, id)
  if (stage === 'shipped') await shipOrder(app, id)
  if (stage === 'completed') await shipAndReceive(app, token, id)
  const detail = await call(app, 'GET', `/api/orders/${id}`, { token })
  return { id, items: (detail.body.items as { id: number; skuId: number }[]).map((i) => ({ id: i.id, skuId: i.skuId })) }
}

/** A real small PNG (made with sharp, a different one each call) uploaded as a review photo: answers the status and the issued URL. */
export async function uploadReviewPhoto(app: FastifyInstance, token: string): Promise<{ status: number; url: string }> {
  const n = ++seq
  const png = await sharp({ create: { width: 8 + (n % 8), height: 8, channels: 3, background: { r: 200, g: n % 255, b: 40 } } }).png().toBuffer()
  const boundary = `----rv${n}`
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`),
    png,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ])
  const res = await app.inject({ method: 'POST', url: '/api/uploads/reviews', headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload })
  return { status: res.statusCode, url: res.json().url }
}

/** A review photo's URL; throws when the upload is refused. */
export async function reviewPhoto(app: FastifyInstance, token: string): Promise<string> {
  const r = await uploadReviewPhoto(app, token)
  if (r.status !== 201) throw new Error(`review photo: ${r.status}`)
  return r.url
}
