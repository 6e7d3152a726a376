/**
 * The shape of the demo shop's seed data (server/seed/catalog.ts). The seed loader turns it
 * into rows on first start; image fields are file names under server/seed/images/, served
 * at /api/images/<file>.
 */
export interface SeedCategory {
  key: string
  name: string
  /** Icon file name under server/seed/images/. */
  icon: string
}

export interface SeedSku {
  /** One value per spec group, e.g. { 颜色: '雾霾蓝', 尺码: 'M' }. */
  specs: Record<string, string>
  /** Integer fen. */
  price: number
  stock: number
  image?: string
}

export interface SeedProduct {
  key: string
  categoryKey: string
  title: string
  subtitle: string
  description: string
  /** Crossed-out list price in fen, when there is one. */
  originalPrice?: number
  sales: number
  /** Days before seeding it was listed, for the "newest" sort. */
  listedDaysAgo: number
  /** At least 3 image file names; the first is the cover. */
  images: string[]
  specGroups: { name: string; values: string[] }[]
  /** One SKU per spec combination that exists (a combination may be missing). */
  skus: SeedSku[]
}

export interface SeedBanner {
  title: string
  image: string
  /** The product key the banner opens, if any. */
  productKey?: string
}

export interface SeedCatalog {
  categories: SeedCategory[]
  products: SeedProduct[]
  banners: SeedBanner[]
}
