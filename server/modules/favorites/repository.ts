import type { Favorite, Paged, ProductSummary } from '../../../src/domain/contract'
import type { Promotion } from '../../../src/domain/promotions/types'
import type { Queryable } from '../../db'
import { withOffers, type OfferSku, type RawSummary } from '../catalog'

/** A shopper's list holds at most this many products; enough for a wish list, bounded for the page. */
export const MAX_FAVORITES = 500

interface FavoriteRow {
  product_id: number
  price_at_add: number
  created_at: Date
  // Null when the product is gone.
  title: string | null
  subtitle: string | null
  category_id: number | null
  original_price: number | null
  image: string | null
  sales: number | null
  sku_count: number | null
  price: number | null
  stock: number | null
  offer_skus: OfferSku[] | null
  on_shelf: boolean | null
}

function toFavorite(r: FavoriteRow, promotions: readonly Promotion[], now: number): Favorite {
  const exists = r.title !== null
  // Off the shelf counts as not available (like a product that left the shop).
  const available = exists && r.on_shelf === true && (r.sku_count ?? 0) > 0
  const raw: RawSummary | null = exists
    ? {
        id: r.product_id,
        title: r.title as string,
        subtitle: r.subtitle ?? '',
        categoryId: r.category_id as number,
        price: r.price ?? 0,
        originalPrice: r.original_price,
        image: r.image ?? '',
        sales: r.sales ?? 0,
        stock: r.stock ?? 0,
        offerSkus: r.offer_skus ?? [],
      }
    : null
  const product: ProductSummary | null = raw && withOffers([raw], promotions, now)[0]
  // A product without SKUs has no price: nothing dropped.
  const drop = available ? Math.max(0, r.price_at_add - (r.price ?? 0)) : 0
  return {
    productId: r.product_id,
    favoritedAt: new Date(r.created_at).toISOString(),
    priceWhenFavorited: r.price_at_add,
    product,
    priceDropped: drop > 0,
    priceDrop: drop,
    soldOut: available && (r.stock ?? 0) === 0,
    available,
  }
}

export async function listFavorites(db: Queryable, userId: number, page: number, pageSize: number, promotions: readonly Promotion[], now: number): Promise<Paged<Favorite>> {
  const [rows, count] = await Promise.all([
    db.query<FavoriteRow>(
      // LEFT JOIN: a product that left the shop still has its row (product null).
      `SELECT f.product_id, f.price_at_add, f.created_at,
              p.title, p.subtitle, p.category_id, p.original_price, p.images->>0 AS image, p.sales, p.on_shelf,
              s.sku_count, s.price, s.stock, s.offer_skus
       FROM favorites f
       LEFT JOIN products p ON p.id = f.product_id
       LEFT JOIN LATERAL (
         SELECT count(*)::int AS sku_count, min(price)::int AS price, COALESCE(sum(stock), 0)::int AS stock,
           json_agg(json_build_object('skuId', id, 'price', price, 'stock', stock) ORDER BY id) AS offer_skus
         FROM skus WHERE product_id = f.product_id AND NOT archived
       ) s ON p.id IS NOT NULL
       WHERE f.user_id = $1
       ORDER BY f.created_at DESC, f.product_id DESC
       LIMIT $2 OFFSET $3`,
      [userId, pageSize, (page - 1) * pageSize],
    ),
    db.one<{ total: number }>('SELECT count(*)::int AS total FROM favorites WHERE user_id = $1', [userId]),
  ])
  return { items: rows.rows.map((r) => toFavorite(r, promotions, now)), total: count.total, page, pageSize }
}

/** The product's current lowest price, or null when it doesn't exist or has no SKUs. */
export async function currentMinPrice(db: Queryable, productId: number): Promise<number | null> {
  const r = await db.maybeOne<{ price: number | null }>('SELECT (SELECT min(price)::int FROM skus WHERE product_id = p.id) AS price FROM products p WHERE p.id = $1', [productId])
  return r?.price ?? null
}

export async function countFavorites(db: Queryable, userId: number): Promise<number> {
  return (await db.one<{ n: number }>('SELECT count(*)::int AS n FROM favorites WHERE user_id = $1', [userId])).n
}

/** Adds the product once; a repeat keeps the first price and time. True when it was new. */
export async function addFavorite(db: Queryable, userId: number, productId: number, price: number, at: Date): Promise<boolean> {
  const r = await db.query(
    'INSERT INTO favorites (user_id, product_id, price_at_add, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (user_id, product_id) DO NOTHING',
    [userId, productId, price, at],
  )
  return r.rowCount > 0
}

export async function isFavorite(db: Queryable, userId: number, productId: number): Promise<boolean> {
  return (await db.maybeOne('SELECT 1 FROM favorites WHERE user_id = $1 AND product_id = $2', [userId, productId])) !== null
}

export async function removeFavorite(db: Queryable, userId: number, productId: number): Promise<void> {
  await db.query('DELETE FROM favorites WHERE user_id = $1 AND product_id = $2', [userId, productId])
}

export async function favoritedAmong(db: Queryable, userId: number, productIds: readonly number[]): Promise<number[]> {
  if (productIds.length === 0) return []
  const r = await db.query<{ product_id: number }>('SELECT product_id FROM favorites WHERE user_id = $1 AND product_id = ANY($2::int[]) ORDER BY product_id', [userId, productIds])
  return r.rows.map((x) => x.product_id)
}
