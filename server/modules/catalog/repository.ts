import type { Banner, Category, Paged, ProductDetail, ProductSort, Sku } from '../../../src/domain/contract'
import type { OfferSku, RawSummary } from './offers'
import type { SpecGroup } from '../../../src/domain/sku'
import type { Queryable } from '../../db'
import { parseJson } from '../../lib/rows'

// Whitelisted ORDER BY clauses: the sort key picks one, user text never reaches SQL.
const ORDER_BY: Record<ProductSort, string> = {
  default: 'p.sort, p.id',
  price_asc: 's.price ASC, p.id',
  price_desc: 's.price DESC, p.id',
  sales: 'p.sales DESC, p.id',
  newest: 'p.listed_at DESC, p.id DESC',
}

interface SummaryRow {
  id: number
  title: string
  subtitle: string
  category_id: number
  original_price: number | null
  image: string | null
  sales: number
  price: number
  stock: number
  offer_skus: string | null
}

const SUMMARY_COLUMNS = `p.id, p.title, p.subtitle, p.category_id, p.original_price, p.images->>0 AS image, p.sales,
  s.price, s.stock, s.offer_skus`
// Lowest price and total stock per product, computed from the SKUs so they are never stale;
// the SKUs themselves for the offer computed at answer time (catalog/offers.ts), as text
// "id,price,stock;…": building a JSON object per SKU was 40 % of the list statement on the
// embedded database (bench/results, issue 20), and ordering them there cost a sort per
// product; offerSkusOf orders them in JS.
const SKU_AGGREGATE = `JOIN LATERAL (
  SELECT COALESCE(min(price), 0)::int AS price, COALESCE(sum(stock), 0)::int AS stock,
    string_agg(id || ',' || price || ',' || stock, ';') AS offer_skus
  FROM skus WHERE product_id = p.id AND NOT archived
) s ON true`

/** "12,1990,5;11,2990,0" → the SKUs by id. */
export function offerSkusOf(text: string | null): OfferSku[] {
  if (!text) return []
  const out = text.split(';').map((part) => {
    const [skuId, price, stock] = part.split(',')
    return { skuId: Number(skuId), price: Number(price), stock: Number(stock) }
  })
  return out.sort((a, b) => a.skuId - b.skuId)
}

function toSummary(r: SummaryRow): RawSummary {
  return {
    id: r.id,
    title: r.title,
    subtitle: r.subtitle,
    categoryId: r.category_id,
    price: r.price,
    originalPrice: r.original_price,
    image: r.image ?? '',
    sales: r.sales,
    stock: r.stock,
    offerSkus: offerSkusOf(r.offer_skus),
  }
}

/** "50%_off" -> a LIKE pattern that matches that text literally. */
export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

export interface ListQuery {
  page: number
  pageSize: number
  q?: string
  categoryId?: number
  sort: ProductSort
}

export async function listProducts(db: Queryable, query: ListQuery): Promise<Paged<RawSummary>> {
  // Off-shelf products are neither listed nor found by search.
  const where: string[] = ['p.on_shelf']
  const params: unknown[] = []
  if (query.categoryId !== undefined) {
    params.push(query.categoryId)
    where.push(`p.category_id = $${params.length}`)
  }
  if (query.q) {
    params.push(likePattern(query.q))
    where.push(`(p.title ILIKE $${params.length} OR p.subtitle ILIKE $${params.length})`)
  }
  const whereSql = `WHERE ${where.join(' AND ')}`
  const offset = (query.page - 1) * query.pageSize
  // One round trip and one row: the total (an uncorrelated subquery, counted once) and the
  // page as one JSON array, in the page's order. On the embedded database every row and column
  // that comes back is decoded by PGlite's protocol parser in JS, which cost more than
  // building the page (bench/results, issue 20); one JSON text is parsed natively.
  const r = await db.one<{ total: number; items: SummaryRow[] }>(
    `SELECT (SELECT count(*)::int FROM products p ${whereSql}) AS total, COALESCE(json_agg(x ORDER BY x.n), '[]') AS items
     FROM (SELECT row_number() OVER (ORDER BY ${ORDER_BY[query.sort]}) AS n, ${SUMMARY_COLUMNS} FROM products p ${SKU_AGGREGATE} ${whereSql}
       ORDER BY ${ORDER_BY[query.sort]} LIMIT $${params.length + 1} OFFSET $${params.length + 2}) x`,
    [...params, query.pageSize, offset],
  )
  return { items: parseJson(r.items).map(toSummary), total: r.total, page: query.page, pageSize: query.pageSize }
}

interface DetailRow extends SummaryRow {
  images: string[]
  description: string
  spec_groups: SpecGroup[]
}

interface SkuRow {
  id: number
  specs: Record<string, string>
  price: number
  stock: number
  image: string | null
}

/** The storefront's product: null when there is none, 'off_shelf' when the merchant took it off the shelf. */
export async function getProduct(db: Queryable, id: number): Promise<Omit<ProductDetail, 'offer'> | 'off_shelf' | null> {
  const [p, skus, rental] = await Promise.all([
    db.maybeOne<DetailRow & { on_shelf: boolean }>(
      `SELECT ${SUMMARY_COLUMNS}, p.images, p.description, p.spec_groups, p.on_shelf FROM products p ${SKU_AGGREGATE} WHERE p.id = $1`,
      [id],
    ),
    // Archived SKUs (they have orders, so they stay) are no longer offered.
    db.query<SkuRow>('SELECT id, specs, price, stock, image FROM skus WHERE product_id = $1 AND NOT archived ORDER BY sort, id', [id]),
    // Rental products (server/modules/credit) carry their terms; goods that are sold have none.
    db.maybeOne<{ deposit: number; daily_rate: number; min_days: number; max_days: number }>('SELECT deposit, daily_rate, min_days, max_days FROM product_rentals WHERE product_id = $1', [id]),
  ])
  if (!p) return null
  if (!p.on_shelf) return 'off_shelf'
  const skuList: Sku[] = skus.rows.map((s) => ({ id: s.id, specs: s.specs, price: s.price, stock: s.stock, image: s.image }))
  const { offerSkus: _skus, ...summary } = toSummary(p)
  const detail = { ...summary, images: p.images, description: p.description, specGroups: p.spec_groups, skus: skuList }
  return rental ? { ...detail, rental: { deposit: rental.deposit, dailyRate: rental.daily_rate, minDays: rental.min_days, maxDays: rental.max_days } } : detail
}

export async function listCategories(db: Queryable): Promise<Category[]> {
  const r = await db.query<Category>('SELECT id, name, icon FROM categories ORDER BY sort, id')
  return r.rows
}

export async function listBanners(db: Queryable): Promise<Banner[]> {
  const r = await db.query<{ id: number; title: string; image: string; product_id: number | null }>(
    // A banner pointing at an off-shelf product would lead to 「商品已下架」: not shown.
    `SELECT b.id, b.title, b.image, b.product_id FROM banners b LEFT JOIN products p ON p.id = b.product_id
     WHERE b.product_id IS NULL OR p.on_shelf ORDER BY b.sort, b.id`,
  )
  return r.rows.map((b) => ({ id: b.id, title: b.title, image: b.image, productId: b.product_id }))
}

export async function categoryExists(db: Queryable, id: number): Promise<boolean> {
  return (await db.maybeOne('SELECT 1 FROM categories WHERE id = $1', [id])) !== null
}

/** What pricing and ordering need about SKUs: price and stock from the database, with product texts. */
export interface SkuForSale {
  skuId: number
  productId: number
  categoryId: number
  title: string
  image: string
  specs: Record<string, string>
  unitPrice: number
  stock: number
}

/** Only SKUs on sale: an archived SKU or one of an off-shelf product is unknown here, so cart, preview and order refuse it (SKU_NOT_FOUND). */
export async function skusForSale(db: Queryable, skuIds: readonly number[]): Promise<Map<number, SkuForSale>> {
  if (skuIds.length === 0) return new Map()
  const r = await db.query<{
    id: number
    product_id: number
    category_id: number
    title: string
    image: string | null
    cover: string | null
    specs: Record<string, string>
    price: number
    stock: number
  }>(
    `SELECT k.id, k.product_id, p.category_id, p.title, k.image, p.images->>0 AS cover, k.specs, k.price, k.stock
     FROM skus k JOIN products p ON p.id = k.product_id WHERE k.id = ANY($1::int[]) AND p.on_shelf AND NOT k.archived`,
    [skuIds],
  )
  return new Map(
    r.rows.map((s) => [
      s.id,
      { skuId: s.id, productId: s.product_id, categoryId: s.category_id, title: s.title, image: s.image ?? s.cover ?? '', specs: s.specs, unitPrice: s.price, stock: s.stock },
    ]),
  )
}

/** "颜色:雾霾蓝 / 尺码:M" for messages. */
export function specText(specs: Record<string, string>): string {
  return Object.values(specs).join(' / ')
}
