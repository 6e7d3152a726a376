import type { FastifyInstance } from 'fastify'
import { rawNotify } from '../../lib/raw-notify'
import { idParams, parse } from '../../lib/validate'
import { CreateBody, OutBillNoParams } from './schemas'

/** The promoter's withdrawals (the app's 提现). */
export async function withdrawalRoutes(app: FastifyInstance, opts: { sandbox: boolean }): Promise<void> {
  app.addHook('preHandler', app.authenticate)

  app.post('/promoters/me/withdrawals', async (req, reply) => {
    const r = await app.withdrawals.create(req.userId, parse(CreateBody, req.body))
    return reply.status(r.created ? 201 : 200).send(r.view)
  })
  app.get('/promoters/me/withdrawals', async (req) => ({ items: await app.withdrawals.mine(req.userId) }))
  // After wx.requestMerchantTransfer closed (confirmed or cancelled): the server asks the platform, the client's word counts for nothing.
  app.post('/promoters/me/withdrawals/:id/confirmed', async (req) => app.withdrawals.confirmed(req.userId, parse(idParams, req.params).id))

  // The sandbox's stand-in for WeChat's confirm sheet (page pkg-share/sandbox-transfer).
  if (opts.sandbox) app.post('/sandbox/transfers/:outBillNo/confirm', async (req) => app.withdrawals.sandboxConfirm(req.userId, parse(OutBillNoParams, req.params).outBillNo))
}

/** WeChat's transfer result notify: the body kept as the exact text (signed); 204 taken, 401 / 400 {code:'FAIL'} refused. */
export async function withdrawalNotifyRoutes(app: FastifyInstance): Promise<void> {
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => done(null, body))
  app.post('/withdrawals/notify/wechat', async (req, reply) => {
    const r = await app.withdrawals.handleNotify(rawNotify(req))
    if (r.accepted) return reply.status(204).send()
    return reply.status(r.outcome === 'bad_signature' ? 401 : 400).send({ code: 'FAIL', message: r.message })
  })
}
