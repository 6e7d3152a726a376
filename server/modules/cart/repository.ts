import type { Cart, CartLine } from '../../../src/domain/contract'
import { MAX_QUANTITY_PER_LINE } from '../../../src/domain/pricing'
import type { Queryable } from '../../db'
import { pricePreview } from '../pricing'
import type { SkuForSale } from '../catalog'
import { pricingContext, type PricingDeps } from '../promotions'

interface LineRow {
  id: number
  sku_id: number
  quantity: number
  selected: boolean
  product_id: number
  category_id: number
  title: string
  image: string | null
  specs: Record<string, string>
  price: number
  stock: number
  for_sale: boolean
}

type LineWithCategory = CartLine & { categoryId: number }

export async function cartLines(db: Queryable, userId: number): Promise<LineWithCategory[]> {
  const r = await db.query<LineRow>(
    `SELECT c.id, c.sku_id, c.quantity, c.selected, k.product_id, p.category_id, p.title, COALESCE(k.image, p.images->>0) AS image,
            k.specs, k.price, k.stock, (p.on_shelf AND NOT k.archived) AS for_sale
     FROM cart_lines c JOIN skus k ON k.id = c.sku_id JOIN products p ON p.id = k.product_id
     WHERE c.user_id = $1 ORDER BY c.id DESC`,
    [userId],
  )
  return r.rows.map((l) => ({
    id: l.id,
    skuId: l.sku_id,
    productId: l.product_id,
    categoryId: l.category_id,
    title: l.title,
    image: l.image ?? '',
    specs: l.specs,
    unitPrice: l.price,
    quantity: l.quantity,
    stock: l.stock,
    selected: l.selected,
    // More in the cart than in stock can't be ordered as it is: shown greyed until changed.
    // An off-shelf product or archived SKU stays in the cart, greyed, until removed.
    available: l.for_sale && l.stock > 0 && l.quantity <= l.stock,
  }))
}

/** The cart with its preview priced over the selected, available lines: the shopper's promotions and best coupons. */
export async function loadCart(deps: PricingDeps, userId: number): Promise<Cart> {
  const [all, ctx] = await Promise.all([cartLines(deps.db, userId), pricingContext(deps, userId, 'best')])
  const chosen = all.filter((l) => l.selected && l.available)
  const skus = new Map<number, SkuForSale>(
    chosen.map((l) => [
      l.skuId,
      { skuId: l.skuId, productId: l.productId, categoryId: l.categoryId, title: l.title, image: l.image, specs: l.specs, unitPrice: l.unitPrice, stock: l.stock },
    ]),
  )
  const lines: CartLine[] = all.map(({ categoryId: _c, ...l }) => l)
  return {
    lines,
    preview: pricePreview(chosen.map((l) => ({ skuId: l.skuId, quantity: l.quantity })), skus, ctx),
    count: lines.reduce((n, l) => n + l.quantity, 0),
  }
}

export async function lineQuantity(q: Queryable, userId: number, skuId: number): Promise<number | null> {
  return (await q.maybeOne<{ quantity: number }>('SELECT quantity FROM cart_lines WHERE user_id = $1 AND sku_id = $2', [userId, skuId]))?.quantity ?? null
}

export async function countLines(q: Queryable, userId: number): Promise<number> {
  return (await q.one<{ n: number }>('SELECT count(*)::int AS n FROM cart_lines WHERE user_id = $1', [userId])).n
}

/** Adds to the SKU's line (capped at the per-line limit) or makes one; either way selected. */
export async function addToLine(q: Queryable, userId: number, skuId: number, quantity: number, now: Date): Promise<void> {
  await q.query(
    `INSERT INTO cart_lines (user_id, sku_id, quantity, selected, created_at) VALUES ($1, $2, $3, true, $4)
     ON CONFLICT (user_id, sku_id) DO UPDATE SET quantity = LEAST(cart_lines.quantity + EXCLUDED.quantity, ${MAX_QUANTITY_PER_LINE}), selected = true`,
    [userId, skuId, quantity, now],
  )
}

export async function lineSku(q: Queryable, userId: number, lineId: number): Promise<number | null> {
  return (await q.maybeOne<{ sku_id: number }>('SELECT sku_id FROM cart_lines WHERE id = $1 AND user_id = $2', [lineId, userId]))?.sku_id ?? null
}

export async function patchLine(q: Queryable, userId: number, lineId: number, patch: { quantity?: number; selected?: boolean }): Promise<void> {
  await q.query('UPDATE cart_lines SET quantity = COALESCE($3, quantity), selected = COALESCE($4, selected) WHERE id = $1 AND user_id = $2', [lineId, userId, patch.quantity ?? null, patch.selected ?? null])
}

export async function deleteLine(q: Queryable, userId: number, lineId: number): Promise<boolean> {
  return (await q.query('DELETE FROM cart_lines WHERE id = $1 AND user_id = $2', [lineId, userId])).rowCount > 0
}

export async function selectAll(q: Queryable, userId: number, selected: boolean): Promise<void> {
  await q.query('UPDATE cart_lines SET selected = $2 WHERE user_id = $1', [userId, selected])
}

export async function setLineQuantity(q: Queryable, userId: number, skuId: number, quantity: number): Promise<void> {
  await q.query('UPDATE cart_lines SET quantity = $3, selected = true WHERE user_id = $1 AND sku_id = $2', [userId, skuId, quantity])
}

export async function insertLine(q: Queryable, userId: number, skuId: number, quantity: number, now: Date): Promise<void> {
  await q.query('INSERT INTO cart_lines (user_id, sku_id, quantity, selected, created_at) VALUES ($1, $2, $3, true, $4)', [userId, skuId, quantity, now])
}

/** The lines an order was placed from leave the cart (in the order's transaction). */
export async function removeSkus(q: Queryable, userId: number, skuIds: readonly number[]): Promise<void> {
  await q.query('DELETE FROM cart_lines WHERE user_id = $1 AND sku_id = ANY($2::int[])', [userId, skuIds])
}
