import type { Db } from '../db'
import type { SeedCatalog } from './types'
import { addSku } from '../modules/inventory/service'
import { DEMO_PROMOTIONS, seedPromotions } from './promotions'
import { DEMO_RENTALS, seedRentals } from './rentals'
import { DEMO_GROUP_DEALS, seedGroupDeals } from './group-deals'
import { seedMall } from './mall'
import { seedPlans } from './plans'
import { DEMO_STORES, seedStores } from './stores'

export const imagePath = (file: string) => `/api/images/${file}`

/**
 * Loads a catalog into an empty shop, once. The 'seeded' row in meta is claimed first in
 * the same transaction, so two servers starting together on one PostgreSQL seed once.
 * Returns false when the shop was already seeded.
 */
export async function seedCatalog(db: Db, catalog: SeedCatalog, now: Date = new Date()): Promise<boolean> {
  const seeded = await seedProducts(db, catalog, now)
  // Its own claim: a shop seeded before promotions existed gets them now.
  if (catalog.promotions) await seedPromotions(db, catalog.promotions, now)
  // Group deals (拼团) under their own claim too: a shop seeded before them gets them on its next start.
  if (catalog.groupDeals) await seedGroupDeals(db, catalog.groupDeals, now)
  // Likewise the deposit-free rentals (the demo shop's; test catalogs leave them out).
  if (catalog.rentals) await seedRentals(db, DEMO_RENTALS, now)
  // The points mall's demo items (after the promotions: one is a demo coupon batch's coupon).
  if (catalog.mall) await seedMall(db, now)
  // Periodic purchase (周期购): the demo offer, under its own claim too.
  if (catalog.plans) await seedPlans(db, now)
  // Stores (门店) under their own claim: a shop seeded before them gets them on its next start.
  if (catalog.stores) await seedStores(db, catalog.stores, now)
  return seeded
}

async function seedProducts(db: Db, catalog: SeedCatalog, now: Date): Promise<boolean> {
  return db.tx(async (q) => {
    const claimed = await q.query(
      `INSERT INTO meta (key, value) VALUES ('seeded', $1) ON CONFLICT (key) DO NOTHING RETURNING key`,
      [now.toISOString()],
    )
    if (claimed.rowCount === 0) return false

    const categoryIds = new Map<string, number>()
    for (const [i, c] of catalog.categories.entries()) {
      const r = await q.one<{ id: number }>(
        'INSERT INTO categories (key, name, icon, sort) VALUES ($1, $2, $3, $4) RETURNING id',
        [c.key, c.name, imagePath(c.icon), i],
      )
      categoryIds.set(c.key, r.id)
    }

    const productIds = new Map<string, number>()
    for (const [i, p] of catalog.products.entries()) {
      const categoryId = categoryIds.get(p.categoryKey)
      if (categoryId === undefined) throw new Error(`seed: product ${p.key} names unknown category ${p.categoryKey}`)
      if (p.skus.length === 0) throw new Error(`seed: product ${p.key} has no SKUs`)
      const listedAt = new Date(now.getTime() - p.listedDaysAgo * 86_400_000)
      const r = await q.one<{ id: number }>(
        `INSERT INTO products (key, category_id, title, subtitle, description, original_price, sales, images, spec_groups, sort, listed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
        [
          p.key,
          categoryId,
          p.title,
          p.subtitle,
          p.description,
          p.originalPrice ?? null,
          p.sales,
          JSON.stringify(p.images.map(imagePath)),
          JSON.stringify(p.specGroups),
          i,
          listedAt,
        ],
      )
      productIds.set(p.key, r.id)
      for (const s of p.skus) {
        await addSku(q, { productId: r.id, specs: s.specs, price: s.price, stock: s.stock, image: s.image ? imagePath(s.image) : null }, now)
      }
    }

    for (const [i, b] of catalog.banners.entries()) {
      const productId = b.productKey ? productIds.get(b.productKey) ?? null : null
      await q.query('INSERT INTO banners (title, image, product_id, sort) VALUES ($1, $2, $3, $4)', [
        b.title,
        imagePath(b.image),
        productId,
        i,
      ])
    }
    return true
  })
}

/** The demo shop (server/seed/catalog.ts), loaded lazily so tests that bring their own don't pay for it. */
export async function loadDemoCatalog(): Promise<SeedCatalog> {
  // A variable specifier keeps the type check independent of the (large) data file.
  const spec = './catalog'
  const mod = (await import(spec)) as Record<string, unknown>
  const found = mod.catalog ?? mod.default ?? Object.values(mod).find((v) => v && typeof v === 'object' && 'products' in (v as object))
  if (!found) throw new Error('server/seed/catalog.ts exports no catalog')
  return { ...(found as SeedCatalog), promotions: DEMO_PROMOTIONS, rentals: true, groupDeals: DEMO_GROUP_DEALS, mall: true, plans: true, stores: DEMO_STORES }
}
