import type { FastifyInstance } from 'fastify'
import { idParams, parse } from '../../lib/validate'
import { ListQuery, PositionQuery, StockQuery } from './schemas'
import { storeService } from './service'

/** The shopper's stores (public: the store list shows before anyone signs in). */
export async function storeRoutes(app: FastifyInstance): Promise<void> {
  const stores = storeService({ db: app.db, now: app.now })

  app.get('/stores', async (req) => stores.list(parse(ListQuery, req.query)))
  app.get('/stores/:id', async (req) => stores.detail(parse(idParams, req.params).id, parse(PositionQuery, req.query)))
  app.get('/stores/:id/stock', async (req) => stores.stock(parse(idParams, req.params).id, parse(StockQuery, req.query).skuIds))
}
