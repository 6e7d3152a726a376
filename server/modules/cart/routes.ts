import { z } from 'zod'
import type { FastifyInstance } from 'fastify'
import { MAX_QUANTITY_PER_LINE } from '../../../src/domain/pricing'
import { MAX_CART_LINES } from './limits'
import { badInput, conflict, notFound } from '../../lib/errors'
import { id, idParams, parse, quantity } from '../../lib/validate'
import { LineItems, mergeLines, skuNotFound } from '../pricing/service'
import { skusForSale } from '../catalog/repository'
import { loadCart } from './repository'

const AddLine = z.object({ skuId: id, quantity })
const PatchLine = z
  .object({ quantity: quantity.optional(), selected: z.boolean({ error: 'selected 必须是 true 或 false' }).optional() })
  .refine((p) => p.quantity !== undefined || p.selected !== undefined, '请提供 quantity 或 selected')
const SelectAll = z.object({ selected: z.boolean({ error: 'selected 必须是 true 或 false' }) })
const Merge = z.object({ items: LineItems })

function outOfStock(title: string, stock: number) {
  return stock > 0 ? conflict('OUT_OF_STOCK', `「${title}」库存不足，仅剩 ${stock} 件`) : conflict('SOLD_OUT', `「${title}」已售罄`)
}

export async function cartRoutes(app: FastifyInstance): Promise<void> {
  app.addHook('preHandler', app.authenticate)

  app.get('/cart', async (req) => loadCart(app, req.userId))

  // Adds to the line of that SKU when there is one: the cart never holds a SKU twice.
  app.post('/cart/lines', async (req) => {
    const input = parse(AddLine, req.body)
    const sku = (await skusForSale(app.db, [input.skuId])).get(input.skuId)
    if (!sku) throw skuNotFound(input.skuId)
    const existing = await app.db.maybeOne<{ quantity: number }>('SELECT quantity FROM cart_lines WHERE user_id = $1 AND sku_id = $2', [req.userId, input.skuId])
    const wanted = (existing?.quantity ?? 0) + input.quantity
    if (wanted > MAX_QUANTITY_PER_LINE) throw badInput(`每件商品最多买 ${MAX_QUANTITY_PER_LINE} 件`)
    if (wanted > sku.stock) throw outOfStock(sku.title, sku.stock)
    if (!existing) {
      const n = await app.db.one<{ n: number }>('SELECT count(*)::int AS n FROM cart_lines WHERE user_id = $1', [req.userId])
      if (n.n >= MAX_CART_LINES) throw conflict('CART_FULL', `购物车最多放 ${MAX_CART_LINES} 种商品`)
    }
    await app.db.query(
      `INSERT INTO cart_lines (user_id, sku_id, quantity, selected, created_at) VALUES ($1, $2, $3, true, $4)
       ON CONFLICT (user_id, sku_id) DO UPDATE SET quantity = LEAST(cart_lines.quantity + EXCLUDED.quantity, ${MAX_QUANTITY_PER_LINE}), selected = true`,
      [req.userId, input.skuId, input.quantity, app.now()],
    )
    return loadCart(app, req.userId)
  })

  app.patch('/cart/lines/:id', async (req) => {
    const { id: lineId } = parse(idParams, req.params)
    const patch = parse(PatchLine, req.body)
    const line = await app.db.maybeOne<{ sku_id: number }>('SELECT sku_id FROM cart_lines WHERE id = $1 AND user_id = $2', [lineId, req.userId])
    if (!line) throw notFound('购物车商品', 'CART_LINE_NOT_FOUND')
    if (patch.quantity !== undefined) {
      const sku = (await skusForSale(app.db, [line.sku_id])).get(line.sku_id)
      if (!sku) throw skuNotFound(line.sku_id)
      if (patch.quantity > sku.stock) throw outOfStock(sku.title, sku.stock)
    }
    await app.db.query(
      'UPDATE cart_lines SET quantity = COALESCE($3, quantity), selected = COALESCE($4, selected) WHERE id = $1 AND user_id = $2',
      [lineId, req.userId, patch.quantity ?? null, patch.selected ?? null],
    )
    return loadCart(app, req.userId)
  })

  app.delete('/cart/lines/:id', async (req) => {
    const { id: lineId } = parse(idParams, req.params)
    const r = await app.db.query('DELETE FROM cart_lines WHERE id = $1 AND user_id = $2', [lineId, req.userId])
    if (r.rowCount === 0) throw notFound('购物车商品', 'CART_LINE_NOT_FOUND')
    return loadCart(app, req.userId)
  })

  app.post('/cart/select-all', async (req) => {
    const { selected } = parse(SelectAll, req.body)
    await app.db.query('UPDATE cart_lines SET selected = $2 WHERE user_id = $1', [req.userId, selected])
    return loadCart(app, req.userId)
  })

  // The guest cart joins the account at login. Quantities add up but stay within stock and
  // the per-line limit; SKUs that no longer exist or are sold out are dropped, not errors.
  app.post('/cart/merge', async (req) => {
    const items = mergeLines(parse(Merge, req.body).items)
    const skus = await skusForSale(app.db, items.map((l) => l.skuId))
    await app.db.tx(async (q) => {
      let lines = (await q.one<{ n: number }>('SELECT count(*)::int AS n FROM cart_lines WHERE user_id = $1', [req.userId])).n
      for (const item of items) {
        const sku = skus.get(item.skuId)
        if (!sku || sku.stock < 1) continue
        const existing = await q.maybeOne<{ quantity: number }>('SELECT quantity FROM cart_lines WHERE user_id = $1 AND sku_id = $2', [req.userId, item.skuId])
        const target = Math.min((existing?.quantity ?? 0) + item.quantity, sku.stock, MAX_QUANTITY_PER_LINE)
        if (existing) {
          await q.query('UPDATE cart_lines SET quantity = $3, selected = true WHERE user_id = $1 AND sku_id = $2', [req.userId, item.skuId, Math.max(target, 1)])
        } else if (lines < MAX_CART_LINES) {
          await q.query('INSERT INTO cart_lines (user_id, sku_id, quantity, selected, created_at) VALUES ($1, $2, $3, true, $4)', [req.userId, item.skuId, target, app.now()])
          lines += 1
        }
      }
    })
    return loadCart(app, req.userId)
  })
}

