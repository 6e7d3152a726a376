import type { FastifyInstance } from 'fastify'
import { idParams, parse } from '../../lib/validate'
import { rawNotify } from '../../lib/raw-notify'

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
