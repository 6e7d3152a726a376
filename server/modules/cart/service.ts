import type { Cart, LineInput } from '../../../src/domain/contract'
import { MAX_QUANTITY_PER_LINE } from '../../../src/domain/pricing'
import { badInput, conflict, notFound } from '../../lib/errors'
import { skusForSale } from '../catalog'
import { mergeLines, skuNotFound } from '../pricing'
import type { PricingDeps } from '../promotions'
import { MAX_CART_LINES } from './limits'
import * as repo from './repository'

/** The cart's rules: one line per SKU, within stock and the per-line limit, at most MAX_CART_LINES lines. Each answers the cart. */
function outOfStock(title: string, stock: number) {
  return stock > 0 ? conflict('OUT_OF_STOCK', `「${title}」库存不足，仅剩 ${stock} 件`) : conflict('SOLD_OUT', `「${title}」已售罄`)
}

const lineNotFound = () => notFound('购物车商品', 'CART_LINE_NOT_FOUND')

export function getCart(deps: PricingDeps, userId: number): Promise<Cart> {
  return repo.loadCart(deps, userId)
}

/** Adds to the line of that SKU when there is one: the cart never holds a SKU twice. */
export async function addLine(deps: PricingDeps, userId: number, input: LineInput): Promise<Cart> {
  const { db } = deps
  const sku = (await skusForSale(db, [input.skuId])).get(input.skuId)
  if (!sku) throw skuNotFound(input.skuId)
  const existing = await repo.lineQuantity(db, userId, input.skuId)
  const wanted = (existing ?? 0) + input.quantity
  if (wanted > MAX_QUANTITY_PER_LINE) throw badInput(`每件商品最多买 ${MAX_QUANTITY_PER_LINE} 件`)
  if (wanted > sku.stock) throw outOfStock(sku.title, sku.stock)
  if (existing === null && (await repo.countLines(db, userId)) >= MAX_CART_LINES) throw conflict('CART_FULL', `购物车最多放 ${MAX_CART_LINES} 种商品`)
  await repo.addToLine(db, userId, input.skuId, input.quantity, deps.now())
  return repo.loadCart(deps, userId)
}

export async function changeLine(deps: PricingDeps, userId: number, lineId: number, patch: { quantity?: number; selected?: boolean }): Promise<Cart> {
  const { db } = deps
  const skuId = await repo.lineSku(db, userId, lineId)
  if (skuId === null) throw lineNotFound()
  if (patch.quantity !== undefined) {
    const sku = (await skusForSale(db, [skuId])).get(skuId)
    if (!sku) throw skuNotFound(skuId)
    if (patch.quantity > sku.stock) throw outOfStock(sku.title, sku.stock)
  }
  await repo.patchLine(db, userId, lineId, patch)
  return repo.loadCart(deps, userId)
}

export async function removeLine(deps: PricingDeps, userId: number, lineId: number): Promise<Cart> {
  if (!(await repo.deleteLine(deps.db, userId, lineId))) throw lineNotFound()
  return repo.loadCart(deps, userId)
}

export async function selectAll(deps: PricingDeps, userId: number, selected: boolean): Promise<Cart> {
  await repo.selectAll(deps.db, userId, selected)
  return repo.loadCart(deps, userId)
}

/**
 * The guest cart joins the account at login, in one transaction. Quantities add up but stay
 * within stock and the per-line limit; SKUs that no longer exist or are sold out are dropped,
 * not errors.
 */
export async function mergeGuestCart(deps: PricingDeps, userId: number, guest: readonly LineInput[]): Promise<Cart> {
  const items = mergeLines(guest)
  const skus = await skusForSale(deps.db, items.map((l) => l.skuId))
  await deps.db.tx(async (q) => {
    let lines = await repo.countLines(q, userId)
    for (const item of items) {
      const sku = skus.get(item.skuId)
      if (!sku || sku.stock < 1) continue
      const existing = await repo.lineQuantity(q, userId, item.skuId)
      const target = Math.min((existing ?? 0) + item.quantity, sku.stock, MAX_QUANTITY_PER_LINE)
      if (existing !== null) {
        await repo.setLineQuantity(q, userId, item.skuId, Math.max(target, 1))
      } else if (lines < MAX_CART_LINES) {
        await repo.insertLine(q, userId, item.skuId, target, deps.now())
        lines += 1
      }
    }
  })
  return repo.loadCart(deps, userId)
}
