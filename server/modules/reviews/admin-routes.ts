import type { FastifyInstance } from 'fastify'
import { idParams, parse } from '../../lib/validate'
import { adminOf } from '../staff'
import { AdminQuery, Feature, Reply } from './schemas'
import type { ReviewService } from './service'

/** The console's moderation (inside the admin scope, which checks the caller and the permission); each change is audited. */
export async function reviewAdminRoutes(app: FastifyInstance): Promise<void> {
  const read = { config: { permission: 'reviews:read' as const } }
  const write = { config: { permission: 'reviews:write' as const } }
  const s = (): ReviewService => app.reviews

  app.get('/admin/reviews', read, async (req) => {
    const q = parse(AdminQuery, req.query)
    return s().adminList({ status: q.status, rating: q.rating, withPhotos: q.withPhotos, productId: q.productId, page: q.page ?? 1, pageSize: q.pageSize ?? 20 })
  })
  app.post('/admin/reviews/:id/hide', write, async (req) => s().setStatus(adminOf(req), parse(idParams, req.params).id, 'hidden'))
  app.post('/admin/reviews/:id/show', write, async (req) => s().setStatus(adminOf(req), parse(idParams, req.params).id, 'visible'))
  app.post('/admin/reviews/:id/feature', write, async (req) => s().feature(adminOf(req), parse(idParams, req.params).id, parse(Feature, req.body ?? {}).featured))
  app.post('/admin/reviews/:id/reply', write, async (req) => s().reply(adminOf(req), parse(idParams, req.params).id, parse(Reply, req.body ?? {}).content))
}
