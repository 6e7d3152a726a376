import type { FastifyInstance, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { SCENE_CHANNELS } from '../../../src/domain/sharing'
import { bearerToken } from '../../plugins/auth'
import { id, parse } from '../../lib/validate'
import type { AttributionService } from './service'

/** Any string: a scene that isn't one of ours is ignored by the service, not refused here. */
const AttributionBody = z.object({ scene: z.unknown() })
const ShareBody = z.object({ productId: id.optional(), channel: z.enum(SCENE_CHANNELS) })
const SceneParams = z.object({ id: z.string().max(96) })

/** Optional session: no bearer is anonymous; a bearer that doesn't verify is a 401 like everywhere else. */
async function optionalUser(app: FastifyInstance, req: FastifyRequest): Promise<number | null> {
  if (!bearerToken(req)) return null
  await app.authenticate(req)
  return req.userId
}

/** POST /api/attribution (optional session), GET /api/scenes/:id (public), POST /api/scenes (session). */
export async function attributionRoutes(app: FastifyInstance, opts: { service: AttributionService }): Promise<void> {
  const s = opts.service
  app.post('/attribution', async (req) => s.attribute(await optionalUser(app, req), parse(AttributionBody, req.body ?? {}).scene))
  app.get('/scenes/:id', async (req) => s.info(parse(SceneParams, req.params).id))
  app.post('/scenes', { preHandler: app.authenticate }, async (req) => s.shareScene(req.userId, parse(ShareBody, req.body)))
}
