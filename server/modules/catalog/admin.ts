import crypto from 'node:crypto'
import { checkRentalTerms, type RentalTerms } from '../../../src/domain/credit'
import { checkSkuSpecs, orderedSpecs, type SpecGroup } from '../../../src/domain/sku'
import type { Db, Queryable, Tx } from '../../db'
import { AppError, badInput, conflict, notFound } from '../../lib/errors'
import { iso } from '../../lib/rows'
import { addSku, movements, removeSku, type Inventory } from '../inventory'
import { recordAudit, type AdminIdentity } from '../staff'
import { likePattern } from './repository'
import type { AdminCategory, AdminSku, AdminProduct, AdminBanner } from '../../../src/domain/admin-contract'
export type { AdminCategory, AdminSku, AdminProduct, AdminBanner }

/**
 * The merchant's catalog editor (issue 15): categories, products with their specs and SKUs,
 * banners, stock counts. Each change is one transaction with its audit row, and drops the
 * storefront's catalog cache after it commits, so shoppers see it on their next request.
 * SKU stock is never written here: opening stock goes through inventory's addSku, counts
 * through inventory.adjust (so a SKU's stock is always the sum of its movements).
 */
export interface CatalogAdminDeps {
  db: Db
  now: () => Date
  inventory: Inventory
  /** Drops the storefront caches; registered with afterCommit, never run after a rollback. */
  onChange: () => void
  /**
   * Rental terms live in credit's product_rentals: credit's functions, handed in (app.credit.productTerms)
   * rather than imported, because credit reaches the catalog through orders (an import cycle).
   */
  rentalTerms: {
    of(q: Queryable, productId: number): Promise<RentalTerms | null>
    set(q: Queryable, productId: number, terms: RentalTerms | null): Promise<void>
  }
}

// ---- inputs (parsed by the routes' zod schemas) ----

export interface CategoryInput {
  name: string
  parentId?: number | null
  icon: string
  sort?: number
}

export interface SkuInput {
  id?: number
  specs: Record<string, string>
  price: number
  stock?: number
  originalPrice?: number | null
  code?: string | null
}

export interface ProductInput {
  title: string
  categoryId: number
  images: string[]
  specs: SpecGroup[]
  skus: SkuInput[]
  subtitle?: string
  description?: string
  onShelf?: boolean
  rental?: RentalTerms | null
}

export type ProductPatch = Partial<ProductInput> & { version: number }

export interface BannerInput {
  title: string
  image: string
  productId?: number | null
  sort?: number
}

// ---- answers ----

const skuNotFound = () => notFound('SKU', 'SKU_NOT_FOUND')
const productNotFound = () => notFound('商品', 'PRODUCT_NOT_FOUND')
const categoryNotFound = () => notFound('分类', 'CATEGORY_NOT_FOUND')
const bannerNotFound = () => notFound('轮播图', 'BANNER_NOT_FOUND')

/** Admin-created rows still need the seed's unique key column; a random one never collides with the seed's names. */
const newKey = (prefix: string) => `${prefix}-${crypto.randomBytes(8).toString('hex')}`

/** Only the fields whose values differ, before and after: what the audit row keeps. */
export function changed<T extends object>(before: T, after: T): { before: Partial<T>; after: Partial<T> } {
  const b: Partial<T> = {}
  const a: Partial<T> = {}
  for (const k of Object.keys(after) as (keyof T)[]) {
    if (JSON.stringify(before[k]) !== JSON.stringify(after[k])) {
      b[k] = before[k]
      a[k] = after[k]
    }
  }
  return { before: b, after: a }
}

function parseJson<T>(v: T | string): T {
  return typeof v === 'string' ? (JSON.parse(v) as T) : v
}

// ---- reads ----

/** Depth first: each parent followed by its children, each level by sort then id. */
function asTree(rows: AdminCategory[]): AdminCategory[] {
  const byParent = new Map<number | null, AdminCategory[]>()
  const ids = new Set(rows.map((r) => r.id))
  for (const r of rows) {
    const parent = r.parentId !== null && ids.has(r.parentId) ? r.parentId : null
    byParent.set(parent, [...(byParent.get(parent) ?? []), r])
  }
  const out: AdminCategory[] = []
  const walk = (parent: number | null) => {
    for (const c of byParent.get(parent) ?? []) {
      out.push(c)
      walk(c.id)
    }
  }
  walk(null)
  return out
}

export async function listCategories(q: Queryable): Promise<AdminCategory[]> {
  const r = await q.query<{ id: number; parent_id: number | null; name: string; icon: string; sort: number; product_count: number }>(
    `SELECT c.id, c.parent_id, c.name, c.icon, c.sort, (SELECT count(*) FROM products p WHERE p.category_id = c.id)::int AS product_count
     FROM categories c ORDER BY c.sort, c.id`,
  )
  return asTree(r.rows.map((c) => ({ id: c.id, parentId: c.parent_id, name: c.name, icon: c.icon, sort: c.sort, productCount: c.product_count })))
}

async function categoryRow(q: Queryable, id: number): Promise<AdminCategory | null> {
  return (await listCategories(q)).find((c) => c.id === id) ?? null
}

export interface AdminListQuery {
  q?: string
  categoryId?: number
  onShelf?: boolean
  page: number
  pageSize: number
}

export async function listProducts(q: Queryable, query: AdminListQuery) {
  const where: string[] = []
  const params: unknown[] = []
  if (query.q) {
    params.push(likePattern(query.q))
    where.push(`(p.title ILIKE $${params.length} OR p.subtitle ILIKE $${params.length})`)
  }
  if (query.categoryId !== undefined) {
    params.push(query.categoryId)
    where.push(`p.category_id = $${params.length}`)
  }
  if (query.onShelf !== undefined) {
    params.push(query.onShelf)
    where.push(`p.on_shelf = $${params.length}`)
  }
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : ''
  const [rows, count] = await Promise.all([
    q.query<{
      id: number
      title: string
      image: string | null
      category_id: number
      category_name: string
      on_shelf: boolean
      price_min: number | null
      price_max: number | null
      stock: number
      sales: number
      version: number
      updated_at: Date | string
    }>(
      `SELECT p.id, p.title, p.images->>0 AS image, p.category_id, c.name AS category_name, p.on_shelf,
              s.price_min, s.price_max, s.stock, p.sales, p.version, p.updated_at
       FROM products p JOIN categories c ON c.id = p.category_id
       JOIN LATERAL (
         SELECT min(price)::int AS price_min, max(price)::int AS price_max, COALESCE(sum(stock), 0)::int AS stock
         FROM skus WHERE product_id = p.id AND NOT archived
       ) s ON true
       ${whereSql} ORDER BY p.id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, query.pageSize, (query.page - 1) * query.pageSize],
    ),
    q.one<{ total: number }>(`SELECT count(*)::int AS total FROM products p ${whereSql}`, params),
  ])
  return {
    items: rows.rows.map((r) => ({
      id: r.id,
      title: r.title,
      image: r.image ?? '',
      categoryId: r.category_id,
      categoryName: r.category_name,
      onShelf: r.on_shelf,
      priceMin: r.price_min ?? 0,
      priceMax: r.price_max ?? 0,
      stock: r.stock,
      sales: r.sales,
      version: r.version,
      updatedAt: iso(r.updated_at),
    })),
    total: count.total,
    page: query.page,
    pageSize: query.pageSize,
  }
}

interface SkuRow {
  id: number
  specs: Record<string, string> | string
  price: number
  original_price: number | null
  stock: number
  code: string | null
  archived: boolean
  has_orders: boolean
  in_use: boolean
}

// Reads across owners, by design read-only: a SKU that an order line, a rental, an offer or a
// shopper's cart names must keep its row (their foreign keys and history), so it is archived,
// not deleted (a cart line then shows it greyed, as not for sale).
const SKU_COLUMNS = `k.id, k.specs, k.price, k.original_price, k.stock, k.code, k.archived,
  EXISTS (SELECT 1 FROM order_items i WHERE i.sku_id = k.id) AS has_orders,
  (EXISTS (SELECT 1 FROM order_items i WHERE i.sku_id = k.id)
    OR EXISTS (SELECT 1 FROM rentals r WHERE r.sku_id = k.id)
    OR EXISTS (SELECT 1 FROM promotion_items pi WHERE pi.sku_id = k.id)
    OR EXISTS (SELECT 1 FROM cart_lines c WHERE c.sku_id = k.id)) AS in_use`

async function skuRows(q: Queryable, productId: number): Promise<SkuRow[]> {
  return (await q.query<SkuRow>(`SELECT ${SKU_COLUMNS} FROM skus k WHERE k.product_id = $1 ORDER BY k.archived, k.sort, k.id`, [productId])).rows
}

export async function getProduct(q: Queryable, id: number, rentalTermsOf: CatalogAdminDeps['rentalTerms']['of']): Promise<AdminProduct | null> {
  const [p, skus, rental] = await Promise.all([
    q.maybeOne<{
      id: number
      title: string
      subtitle: string
      description: string
      category_id: number
      images: string[] | string
      on_shelf: boolean
      spec_groups: SpecGroup[] | string
      version: number
      updated_at: Date | string
    }>('SELECT id, title, subtitle, description, category_id, images, on_shelf, spec_groups, version, updated_at FROM products WHERE id = $1', [id]),
    skuRows(q, id),
    rentalTermsOf(q, id),
  ])
  if (!p) return null
  return {
    id: p.id,
    title: p.title,
    subtitle: p.subtitle,
    description: p.description,
    categoryId: p.category_id,
    images: parseJson(p.images),
    onShelf: p.on_shelf,
    specs: parseJson(p.spec_groups),
    skus: skus.map((s) => ({
      id: s.id,
      specs: parseJson(s.specs),
      price: s.price,
      originalPrice: s.original_price,
      stock: s.stock,
      code: s.code,
      archived: s.archived,
      hasOrders: s.has_orders,
    })),
    rental,
    version: p.version,
    updatedAt: iso(p.updated_at),
  }
}

export async function listBanners(q: Queryable): Promise<AdminBanner[]> {
  const r = await q.query<{ id: number; title: string; image: string; product_id: number | null; sort: number }>('SELECT id, title, image, product_id, sort FROM banners ORDER BY sort, id')
  return r.rows.map((b) => ({ id: b.id, title: b.title, image: b.image, productId: b.product_id, sort: b.sort }))
}

async function bannerRow(q: Queryable, id: number): Promise<AdminBanner | null> {
  return (await listBanners(q)).find((b) => b.id === id) ?? null
}

// ---- checks shared by create and edit ----

async function requireCategory(q: Queryable, id: number, field: string): Promise<void> {
  if (!(await q.maybeOne('SELECT 1 FROM categories WHERE id = $1', [id]))) throw badInput(`${field}: 分类不存在`, field)
}

function checkRental(terms: RentalTerms | null | undefined): void {
  if (!terms) return
  const bad = checkRentalTerms(terms)
  if (bad) throw badInput(`rental: ${bad}`, 'rental')
}

function checkSpecs(groups: SpecGroup[], skus: readonly { specs: Record<string, string> }[]): void {
  const bad = checkSkuSpecs(groups, skus)
  if (bad) throw badInput(`${bad.field}: ${bad.message}`, bad.field)
}

/** The product's own original price (the list card's strikethrough): that of its cheapest SKU, if set. */
function productOriginalPrice(skus: readonly { price: number; originalPrice?: number | null }[]): number | null {
  const cheapest = [...skus].sort((a, b) => a.price - b.price)[0]
  return cheapest?.originalPrice ?? null
}

// ---- the service ----

export function catalogAdmin(deps: CatalogAdminDeps) {
  const { db, now } = deps

  /** One change: its transaction, its audit row, the cache drop after commit. */
  function change<T>(fn: (q: Tx) => Promise<T>): Promise<T> {
    return db.tx(async (q) => {
      q.afterCommit(deps.onChange)
      return fn(q)
    })
  }

  // -- categories --

  async function createCategory(actor: AdminIdentity, input: CategoryInput): Promise<{ id: number }> {
    return change(async (q) => {
      if (input.parentId != null) await requireCategory(q, input.parentId, 'parentId')
      const sort = input.sort ?? (await q.one<{ n: number }>('SELECT COALESCE(max(sort) + 1, 0)::int AS n FROM categories')).n
      const r = await q.one<{ id: number }>('INSERT INTO categories (key, name, icon, sort, parent_id) VALUES ($1, $2, $3, $4, $5) RETURNING id', [
        newKey('c'),
        input.name,
        input.icon,
        sort,
        input.parentId ?? null,
      ])
      await recordAudit(q, actor, { action: 'category.create', entity: 'category', entityId: r.id, after: { name: input.name, parentId: input.parentId ?? null, icon: input.icon, sort } })
      return { id: r.id }
    })
  }

  async function patchCategory(actor: AdminIdentity, id: number, patch: Partial<CategoryInput>): Promise<AdminCategory> {
    return change(async (q) => {
      const before = await categoryRow(q, id)
      if (!before) throw categoryNotFound()
      if (patch.parentId != null) {
        await requireCategory(q, patch.parentId, 'parentId')
        // Walk up from the new parent: meeting this category again would make a loop.
        const up = await q.query<{ id: number }>(
          `WITH RECURSIVE up AS (SELECT id, parent_id FROM categories WHERE id = $1
             UNION SELECT c.id, c.parent_id FROM categories c JOIN up ON c.id = up.parent_id)
           SELECT id FROM up`,
          [patch.parentId],
        )
        if (up.rows.some((r) => r.id === id)) throw badInput('parentId: 不能把分类移到它自己或它的子分类下面', 'parentId')
      }
      await q.query(
        `UPDATE categories SET name = COALESCE($2, name), icon = COALESCE($3, icon), sort = COALESCE($4, sort),
           parent_id = CASE WHEN $5::boolean THEN $6::int ELSE parent_id END WHERE id = $1`,
        [id, patch.name ?? null, patch.icon ?? null, patch.sort ?? null, patch.parentId !== undefined, patch.parentId ?? null],
      )
      const after = (await categoryRow(q, id)) as AdminCategory
      await recordAudit(q, actor, { action: 'category.update', entity: 'category', entityId: id, ...changed(before, after) })
      return after
    })
  }

  async function deleteCategory(actor: AdminIdentity, id: number): Promise<void> {
    await change(async (q) => {
      const before = await categoryRow(q, id)
      if (!before) throw categoryNotFound()
      const children = await q.one<{ n: number }>('SELECT count(*)::int AS n FROM categories WHERE parent_id = $1', [id])
      if (before.productCount > 0 || children.n > 0)
        throw conflict('CATEGORY_IN_USE', `分类「${before.name}」下还有${before.productCount > 0 ? ` ${before.productCount} 个商品` : ''}${children.n > 0 ? ` ${children.n} 个子分类` : ''}，不能删除`)
      await q.query('DELETE FROM categories WHERE id = $1', [id])
      await recordAudit(q, actor, { action: 'category.delete', entity: 'category', entityId: id, before })
    })
  }

  // -- products --

  async function createProduct(actor: AdminIdentity, input: ProductInput): Promise<{ id: number }> {
    checkSpecs(input.specs, input.skus)
    checkRental(input.rental)
    for (const [i, s] of input.skus.entries()) if (s.id !== undefined) throw badInput(`skus.${i}.id: 新商品的 SKU 不能带 id`, `skus.${i}.id`)
    const at = now()
    return change(async (q) => {
      await requireCategory(q, input.categoryId, 'categoryId')
      const sort = (await q.one<{ n: number }>('SELECT COALESCE(max(sort) + 1, 0)::int AS n FROM products')).n
      const p = await q.one<{ id: number }>(
        `INSERT INTO products (key, category_id, title, subtitle, description, original_price, images, spec_groups, sort, listed_at, on_shelf, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $10) RETURNING id`,
        [
          newKey('p'),
          input.categoryId,
          input.title,
          input.subtitle ?? '',
          input.description ?? '',
          productOriginalPrice(input.skus),
          JSON.stringify(input.images),
          JSON.stringify(input.specs),
          sort,
          at,
          input.onShelf ?? true,
        ],
      )
      for (const [i, s] of input.skus.entries()) {
        // Opening stock through inventory: the SKU's first movement explains its first units.
        await addSku(q, { productId: p.id, specs: orderedSpecs(input.specs, s.specs), price: s.price, stock: s.stock ?? 0, image: null, originalPrice: s.originalPrice ?? null, code: s.code ?? null, sort: i }, at)
      }
      if (input.rental) await deps.rentalTerms.set(q, p.id, input.rental)
      const after = (await getProduct(q, p.id, deps.rentalTerms.of)) as AdminProduct
      await recordAudit(q, actor, { action: 'product.create', entity: 'product', entityId: p.id, after })
      return { id: p.id }
    })
  }

  async function patchProduct(actor: AdminIdentity, id: number, patch: ProductPatch): Promise<AdminProduct> {
    checkRental(patch.rental)
    const at = now()
    return change(async (q) => {
      // The row lock: a second editor's PATCH waits here, then sees the bumped version.
      const row = await q.maybeOne<{ version: number }>('SELECT version FROM products WHERE id = $1 FOR UPDATE', [id])
      if (!row) throw productNotFound()
      if (row.version !== patch.version) throw new AppError(409, 'VERSION_CONFLICT', '商品已被他人修改，请刷新后再改', { current: row.version })
      const before = (await getProduct(q, id, deps.rentalTerms.of)) as AdminProduct
      if (patch.categoryId !== undefined) await requireCategory(q, patch.categoryId, 'categoryId')

      const groups = patch.specs ?? before.specs
      const existing = new Map(before.skus.map((s) => [s.id, s]))
      // The SKUs on sale after this edit: as given, or (specs only changed) the active ones.
      const wanted: SkuInput[] = patch.skus ?? before.skus.filter((s) => !s.archived)
      for (const [i, s] of wanted.entries()) {
        if (s.id !== undefined && !existing.has(s.id)) throw badInput(`skus.${i}.id: 这个 SKU 不属于该商品`, `skus.${i}.id`)
        if (s.id === undefined && s.stock === undefined) throw badInput(`skus.${i}.stock: 请填写新 SKU 的库存`, `skus.${i}.stock`)
      }
      const ids = wanted.map((s) => s.id).filter((x): x is number => x !== undefined)
      if (new Set(ids).size !== ids.length) throw badInput('skus: 同一个 SKU 出现了两次', 'skus')
      checkSpecs(groups, wanted)

      await q.query(
        `UPDATE products SET title = COALESCE($2, title), subtitle = COALESCE($3, subtitle), description = COALESCE($4, description),
           category_id = COALESCE($5, category_id), images = COALESCE($6::jsonb, images), spec_groups = COALESCE($7::jsonb, spec_groups),
           on_shelf = COALESCE($8, on_shelf), original_price = $9, version = version + 1, updated_at = $10
         WHERE id = $1`,
        [
          id,
          patch.title ?? null,
          patch.subtitle ?? null,
          patch.description ?? null,
          patch.categoryId ?? null,
          patch.images ? JSON.stringify(patch.images) : null,
          patch.specs ? JSON.stringify(patch.specs) : null,
          patch.onShelf ?? null,
          productOriginalPrice(wanted),
          at,
        ],
      )

      if (patch.skus || patch.specs) {
        for (const [i, s] of wanted.entries()) {
          const specs = JSON.stringify(orderedSpecs(groups, s.specs))
          if (s.id !== undefined) {
            // Prices, code, order and specs; never stock (POST /api/admin/skus/:id/stock). Named again: on sale again.
            await q.query('UPDATE skus SET specs = $2, price = $3, original_price = $4, code = $5, sort = $6, archived = false WHERE id = $1', [
              s.id,
              specs,
              s.price,
              s.originalPrice ?? null,
              s.code ?? null,
              i,
            ])
          } else {
            await addSku(q, { productId: id, specs: orderedSpecs(groups, s.specs), price: s.price, stock: s.stock ?? 0, image: null, originalPrice: s.originalPrice ?? null, code: s.code ?? null, sort: i }, at)
          }
        }
        const kept = new Set(ids)
        const dropped = before.skus.filter((s) => !kept.has(s.id) && !s.archived).map((s) => s.id)
        if (dropped.length) {
          const use = await q.query<{ id: number; in_use: boolean }>(`SELECT ${SKU_COLUMNS} FROM skus k WHERE k.id = ANY($1::int[])`, [dropped])
          const archive = use.rows.filter((r) => r.in_use).map((r) => r.id)
          const remove = use.rows.filter((r) => !r.in_use).map((r) => r.id)
          if (archive.length) await q.query('UPDATE skus SET archived = true WHERE id = ANY($1::int[])', [archive])
          for (const skuId of remove) await removeSku(q, skuId)
        }
      }
      if (patch.rental !== undefined) await deps.rentalTerms.set(q, id, patch.rental)

      const after = (await getProduct(q, id, deps.rentalTerms.of)) as AdminProduct
      const { version: _bv, updatedAt: _bu, ...b } = before
      const { version: _av, updatedAt: _au, ...a } = after
      await recordAudit(q, actor, { action: 'product.update', entity: 'product', entityId: id, ...changed(b, a) })
      return after
    })
  }

  async function setShelf(actor: AdminIdentity, id: number, onShelf: boolean): Promise<{ onShelf: boolean }> {
    return change(async (q) => {
      const before = await q.maybeOne<{ on_shelf: boolean }>('SELECT on_shelf FROM products WHERE id = $1 FOR UPDATE', [id])
      if (!before) throw productNotFound()
      if (before.on_shelf !== onShelf) {
        // A version step too: an editor holding the old form must not put it back silently.
        await q.query('UPDATE products SET on_shelf = $2, version = version + 1, updated_at = $3 WHERE id = $1', [id, onShelf, now()])
        await recordAudit(q, actor, { action: onShelf ? 'product.shelf_on' : 'product.shelf_off', entity: 'product', entityId: id, before: { onShelf: before.on_shelf }, after: { onShelf } })
      }
      return { onShelf }
    })
  }

  // -- stock --

  async function adjustStock(actor: AdminIdentity, skuId: number, delta: number, reason: string): Promise<{ skuId: number; stock: number }> {
    return change(async (q) => {
      const before = await q.maybeOne<{ stock: number }>('SELECT stock FROM skus WHERE id = $1 FOR UPDATE', [skuId])
      if (!before) throw skuNotFound()
      if (!(await deps.inventory.adjust(q, skuId, delta, reason)))
        throw new AppError(409, 'STOCK_NEGATIVE', `库存不能减到负数：现有 ${before.stock} 件，不能减少 ${-delta} 件`, { stock: before.stock })
      const stock = await deps.inventory.stockOf(q, skuId)
      await recordAudit(q, actor, { action: 'sku.stock', entity: 'sku', entityId: skuId, before: { stock: before.stock }, after: { stock, delta, reason } })
      return { skuId, stock }
    })
  }

  async function skuMovements(skuId: number, page: number, pageSize: number) {
    if (!(await db.maybeOne('SELECT 1 FROM skus WHERE id = $1', [skuId]))) throw skuNotFound()
    return movements(db, skuId, page, pageSize)
  }

  // -- banners --

  async function requireProduct(q: Queryable, productId: number | null | undefined): Promise<void> {
    if (productId != null && !(await q.maybeOne('SELECT 1 FROM products WHERE id = $1', [productId]))) throw badInput('productId: 商品不存在', 'productId')
  }

  async function createBanner(actor: AdminIdentity, input: BannerInput): Promise<{ id: number }> {
    return change(async (q) => {
      await requireProduct(q, input.productId)
      const sort = input.sort ?? (await q.one<{ n: number }>('SELECT COALESCE(max(sort) + 1, 0)::int AS n FROM banners')).n
      const r = await q.one<{ id: number }>('INSERT INTO banners (title, image, product_id, sort) VALUES ($1, $2, $3, $4) RETURNING id', [input.title, input.image, input.productId ?? null, sort])
      await recordAudit(q, actor, { action: 'banner.create', entity: 'banner', entityId: r.id, after: { title: input.title, image: input.image, productId: input.productId ?? null, sort } })
      return { id: r.id }
    })
  }

  async function patchBanner(actor: AdminIdentity, id: number, patch: Partial<BannerInput>): Promise<AdminBanner> {
    return change(async (q) => {
      const before = await bannerRow(q, id)
      if (!before) throw bannerNotFound()
      await requireProduct(q, patch.productId)
      await q.query(
        `UPDATE banners SET title = COALESCE($2, title), image = COALESCE($3, image), sort = COALESCE($4, sort),
           product_id = CASE WHEN $5::boolean THEN $6::int ELSE product_id END WHERE id = $1`,
        [id, patch.title ?? null, patch.image ?? null, patch.sort ?? null, patch.productId !== undefined, patch.productId ?? null],
      )
      const after = (await bannerRow(q, id)) as AdminBanner
      await recordAudit(q, actor, { action: 'banner.update', entity: 'banner', entityId: id, ...changed(before, after) })
      return after
    })
  }

  async function deleteBanner(actor: AdminIdentity, id: number): Promise<void> {
    await change(async (q) => {
      const before = await bannerRow(q, id)
      if (!before) throw bannerNotFound()
      await q.query('DELETE FROM banners WHERE id = $1', [id])
      await recordAudit(q, actor, { action: 'banner.delete', entity: 'banner', entityId: id, before })
    })
  }

  return {
    listCategories: () => listCategories(db),
    createCategory,
    patchCategory,
    deleteCategory,
    listProducts: (query: AdminListQuery) => listProducts(db, query),
    getProduct: async (id: number) => {
      const p = await getProduct(db, id, deps.rentalTerms.of)
      if (!p) throw productNotFound()
      return p
    },
    createProduct,
    patchProduct,
    setShelf,
    adjustStock,
    skuMovements,
    listBanners: () => listBanners(db),
    createBanner,
    patchBanner,
    deleteBanner,
  }
}

export type CatalogAdmin = ReturnType<typeof catalogAdmin>
