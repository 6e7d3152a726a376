import type { FastifyInstance, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { isCodePage, isSceneId } from '../../../src/domain/sharing'
import { AppError, notFound } from '../../lib/errors'
import { parse } from '../../lib/validate'
import { bearerToken } from '../../plugins/auth'
import { resolveScene } from '../attribution'
import { platformOf } from '../auth'
import type { CodeFacetName, CodesService } from './service'

const CodeQuery = z.object({
  page: z.string().max(200),
  scene: z.string().max(96),
  platform: z.enum(['weapp', 'alipay', 'h5']).optional(),
  // WeChat's range for getwxacodeunlimit `width`: 280–1280 px.
  width: z
    .string()
    .regex(/^\d{3,4}$/, '宽度必须是 280 到 1280 的整数')
    .transform(Number)
    .pipe(z.number().int().min(280, '宽度必须是 280 到 1280 的整数').max(1280, '宽度必须是 280 到 1280 的整数'))
    .optional(),
})

const FACET_OF: Record<'weapp' | 'alipay' | 'h5', CodeFacetName> = { weapp: 'wechat', alipay: 'alipay', h5: 'sandbox' }

/** The platform asked for, else the signed-in shopper's (a bearer that doesn't verify is a 401), else h5. */
async function platformFor(app: FastifyInstance, req: FastifyRequest, asked: 'weapp' | 'alipay' | 'h5' | undefined) {
  if (asked) return asked
  if (!bearerToken(req)) return 'h5'
  await app.authenticate(req)
  return (await platformOf(app.db, req.userId)) ?? 'h5'
}

/**
 * GET /api/codes?page=&scene=[&platform=][&width=] → image/png. Only pages of CODE_PAGES and
 * scenes that exist are drawn, so nobody spends WeChat's quota (5,000 a minute) on random input.
 */
export async function codeRoutes(app: FastifyInstance, opts: { service: CodesService }): Promise<void> {
  app.get('/codes', async (req, reply) => {
    const q = parse(CodeQuery, req.query)
    if (!isCodePage(q.page)) throw new AppError(400, 'BAD_PAGE', '这个页面不能生成小程序码')
    if (!isSceneId(q.scene) || !(await resolveScene(app.db, q.scene))) throw notFound('分享码', 'SCENE_NOT_FOUND')
    const platform = await platformFor(app, req, q.platform)
    const png = await opts.service.code(FACET_OF[platform], { page: q.page, scene: q.scene, width: q.width })
    // A code for a scene never changes (scene ids are never reused for another target).
    return reply.header('content-type', 'image/png').header('cache-control', 'public, max-age=86400').send(png)
  })
}
