import { z } from 'zod'
import type { FastifyInstance } from 'fastify'
import { SUBSCRIBE_RESULTS } from '../../../src/domain/messages'
import { parse } from '../../lib/validate'

const Subscriptions = z.object({
  results: z
    .record(z.string().regex(/^[\w-]{1,128}$/, '模板 id 格式不对'), z.enum(SUBSCRIBE_RESULTS, { error: `结果只能是 ${SUBSCRIBE_RESULTS.join('、')}` }), {
      error: 'results 必须是 {模板 id: 结果}',
    })
    // A dialog shows at most 5 (WeChat) / 3 (Alipay); a few calls' worth is plenty.
    .refine((r) => Object.keys(r).length >= 1 && Object.keys(r).length <= 20, 'results 需要 1 到 20 个模板'),
})

/** The shopper's side of subscription messages: which templates to ask for, and what they answered. */
export async function messageRoutes(app: FastifyInstance): Promise<void> {
  app.addHook('preHandler', app.authenticate)

  app.get('/messages/templates', async (req) => app.messages.templates(req.userId))

  // The app posts the platform dialog's answer per template id (WeChat's success object
  // without errMsg; Alipay's lists turned into the same shape by the app's adapter).
  app.post('/messages/subscriptions', async (req) => {
    const { results } = parse(Subscriptions, req.body)
    return app.messages.subscribe(req.userId, results)
  })
}
