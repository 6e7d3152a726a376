import { z } from 'zod'
import type { LineInput, PreviewLine, PricePreview } from '../../../src/domain/contract'
import { MAX_LINES_PER_ORDER, MAX_QUANTITY_PER_LINE, priceLines } from '../../../src/domain/pricing'
import type { Queryable } from '../../db'
import { badInput, notFound } from '../../lib/errors'
import { id, quantity } from '../../lib/validate'
import { skusForSale, type SkuForSale } from '../catalog/repository'

export const LineInputSchema = z.object({ skuId: id, quantity })

export const LineItems = z
  .array(LineInputSchema, { error: 'items 必须是商品列表' })
  .max(MAX_LINES_PER_ORDER, `一次最多 ${MAX_LINES_PER_ORDER} 种商品`)

/** The same SKU twice becomes one line; the sum still obeys the per-line limit. */
export function mergeLines(items: readonly LineInput[]): LineInput[] {
  const merged = new Map<number, number>()
  for (const l of items) merged.set(l.skuId, (merged.get(l.skuId) ?? 0) + l.quantity)
  for (const [, q] of merged) if (q > MAX_QUANTITY_PER_LINE) throw badInput(`每件商品最多买 ${MAX_QUANTITY_PER_LINE} 件`)
  return [...merged].map(([skuId, q]) => ({ skuId, quantity: q }))
}

export function skuNotFound(skuId: number) {
  return notFound(`商品规格（skuId ${skuId}）`, 'SKU_NOT_FOUND')
}

/** Loads the SKUs a request names; any unknown id is a 404 naming it. */
export async function loadSkus(db: Queryable, items: readonly LineInput[]): Promise<Map<number, SkuForSale>> {
  const skus = await skusForSale(db, items.map((l) => l.skuId))
  for (const l of items) if (!skus.has(l.skuId)) throw skuNotFound(l.skuId)
  return skus
}

/** Prices lines with unit prices from the database: whatever price a client sent never gets here. */
export function pricePreview(items: readonly LineInput[], skus: ReadonlyMap<number, SkuForSale>): PricePreview {
  const breakdown = priceLines(items.map((l) => ({ skuId: l.skuId, unitPrice: (skus.get(l.skuId) as SkuForSale).unitPrice, quantity: l.quantity })))
  const lines: PreviewLine[] = breakdown.lines.map((l) => {
    const s = skus.get(l.skuId) as SkuForSale
    return { skuId: l.skuId, productId: s.productId, title: s.title, image: s.image, specs: s.specs, unitPrice: l.unitPrice, quantity: l.quantity, lineTotal: l.lineTotal, stock: s.stock }
  })
  const { itemCount, subtotal, shipping, discount, total, freeShippingGap } = breakdown
  return { lines, itemCount, subtotal, shipping, discount, total, freeShippingGap }
}

export async function previewItems(db: Queryable, items: readonly LineInput[]): Promise<PricePreview> {
  const merged = mergeLines(items)
  return pricePreview(merged, await loadSkus(db, merged))
}
