import { z } from 'zod'
import type { FastifyInstance } from 'fastify'
import { id, idParams, parse, quantity } from '../../lib/validate'
import { LineItems } from '../pricing'
import * as cart from './service'

const AddLine = z.object({ skuId: id, quantity })
const PatchLine = z
  .object({ quantity: quantity.optional(), selected: z.boolean({ error: 'selected 必须是 true 或 false' }).optional() })
  .refine((p) => p.quantity !== undefined || p.selected !== undefined, '请提供 quantity 或 selected')
const SelectAll = z.object({ selected: z.boolean({ error: 'selected 必须是 true 或 false' }) })
const Merge = z.object({ items: LineItems })

export async function cartRoutes(app: FastifyInstance): Promise<void> {
  app.addHook('preHandler', app.authenticate)

  app.get('/cart', async (req) => cart.getCart(app, req.userId))

  app.post('/cart/lines', async (req) => cart.addLine(app, req.userId, parse(AddLine, req.body)))

  app.patch('/cart/lines/:id', async (req) => {
    const { id: lineId } = parse(idParams, req.params)
    return cart.changeLine(app, req.userId, lineId, parse(PatchLine, req.body))
  })

  app.delete('/cart/lines/:id', async (req) => cart.removeLine(app, req.userId, parse(idParams, req.params).id))

  app.post('/cart/select-all', async (req) => cart.selectAll(app, req.userId, parse(SelectAll, req.body).selected))

  app.post('/cart/merge', async (req) => cart.mergeGuestCart(app, req.userId, parse(Merge, req.body).items))
}
