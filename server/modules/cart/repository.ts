import type { Cart, CartLine } from '../../../src/domain/contract'
import type { Queryable } from '../../db'
import { pricePreview } from '../pricing/service'
import type { SkuForSale } from '../catalog/repository'
import { pricingContext, type PricingDeps } from '../promotions/context'

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
}

type LineWithCategory = CartLine & { categoryId: number }

export async function cartLines(db: Queryable, userId: number): Promise<LineWithCategory[]> {
  const r = await db.query<LineRow>(
    `SELECT c.id, c.sku_id, c.quantity, c.selected, k.product_id, p.category_id, p.title, COALESCE(k.image, p.images->>0) AS image,
            k.specs, k.price, k.stock
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
    available: l.stock > 0 && l.quantity <= l.stock,
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
