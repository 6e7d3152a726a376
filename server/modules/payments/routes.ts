import type { FastifyInstance, FastifyRequest } from 'fastify'
import { notFound } from '../../lib/errors'
import { idParams, parse } from '../../lib/validate'
import type { RawNotify } from './providers/types'

function rawNotify(req: FastifyRequest): RawNotify {
  const headers: Record<string, string | undefined> = {}
  for (const [k, v] of Object.entries(req.headers)) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v
  return { headers, body: typeof req.body === 'string' ? req.body : '' }
}

/** Shopper endpoints: pay an order, read its confirmed payment state. */
export async function paymentRoutes(app: FastifyInstance): Promise<void> {
  app.addHook('preHandler', app.authenticate)

  app.post('/orders/:id/pay', async (req) => {
    const { id } = parse(idParams, req.params)
    const r = await app.payments.pay(req.userId, Number(id))
    return r.params
  })

  app.get('/orders/:id/payment', async (req) => {
    const { id } = parse(idParams, req.params)
    return app.payments.state(req.userId, Number(id))
  })
}

/**
 * The platforms' notifies. Both keep the body as the exact text that arrived: the signature
 * is over those bytes. WeChat: 204 when received, 4xx {code:'FAIL'} when refused. Alipay:
 * form-encoded, answered with the text success / fail.
 */
export async function paymentNotifyRoutes(app: FastifyInstance): Promise<void> {
  await app.register(async (wechat) => {
    wechat.removeContentTypeParser('application/json')
    wechat.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => done(null, body))
    wechat.post('/payments/notify/wechat', async (req, reply) => {
      const r = await app.payments.handleNotify('wechat', rawNotify(req))
      if (r.accepted) return reply.status(204).send()
      const status = r.outcome === 'bad_signature' ? 401 : 400
      return reply.status(status).send({ code: 'FAIL', message: r.message })
    })
  })

  await app.register(async (alipay) => {
    alipay.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => done(null, body))
    alipay.post('/payments/notify/alipay', async (req, reply) => {
      const r = await app.payments.handleNotify('alipay', rawNotify(req))
      return reply.type('text/plain; charset=utf-8').send(r.accepted ? 'success' : 'fail')
    })
  })
}

/**
 * Sandbox mode only: the H5 cashier. "Pay" settles the trade on the sandbox platform and
 * delivers its signed WeChat-format notify through the same handler a real notify reaches.
 */
export async function sandboxCashierRoutes(app: FastifyInstance): Promise<void> {
  app.addHook('preHandler', app.authenticate)
  const platform = app.payments.providers.sandbox
  if (!platform) return

  async function ownTrade(req: FastifyRequest): Promise<string> {
    const out = String((req.params as { outTradeNo?: string }).outTradeNo ?? '')
    const row = await app.db.maybeOne("SELECT 1 FROM payments p JOIN orders o ON o.id = p.order_id WHERE p.out_trade_no = $1 AND p.provider = 'sandbox' AND o.user_id = $2", [
      out,
      req.userId,
    ])
    if (!row || !platform?.trade(out)) throw notFound('支付单', 'PAYMENT_NOT_FOUND')
    return out
  }

  app.post('/payments/sandbox/:outTradeNo/pay', async (req) => {
    const out = await ownTrade(req)
    platform.settle(out)
    const r = await app.payments.handleNotify('wechat', platform.wechatNotify(out))
    return { result: 'paid', outcome: r.outcome }
  })

  app.post('/payments/sandbox/:outTradeNo/cancel', async (req) => {
    await ownTrade(req)
    // The shopper left the cashier: nothing changes, the order waits to be paid or to expire.
    return { result: 'cancelled' }
  })

  app.post('/payments/sandbox/:outTradeNo/fail', async (req) => {
    await ownTrade(req)
    return { result: 'failed', message: '沙箱模拟：支付失败（余额不足）' }
  })
}
