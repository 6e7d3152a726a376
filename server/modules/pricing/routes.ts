import { z } from 'zod'
import type { FastifyInstance } from 'fastify'
import { parse } from '../../lib/validate'
import { LineItems, previewItems } from './service'

const PreviewBody = z.object({ items: LineItems })

/** The guest cart's totals: no login needed, same pricing as checkout. */
export async function pricingRoutes(app: FastifyInstance): Promise<void> {
  app.post('/pricing/preview', async (req) => previewItems(app.db, parse(PreviewBody, req.body ?? {}).items))
}
