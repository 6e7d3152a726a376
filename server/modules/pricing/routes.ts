import { z } from 'zod'
import type { FastifyInstance } from 'fastify'
import { parse } from '../../lib/validate'
import { pricingContext } from '../promotions'
import { LineItems, previewItems } from './service'

const PreviewBody = z.object({ items: LineItems })

/** The guest cart's totals: no login needed, same engine as checkout (live promotions, no member price, no coupons). */
export async function pricingRoutes(app: FastifyInstance): Promise<void> {
  app.post('/pricing/preview', async (req) => {
    const { items } = parse(PreviewBody, req.body ?? {})
    return previewItems(app.db, items, await pricingContext(app, null, []))
  })
}
