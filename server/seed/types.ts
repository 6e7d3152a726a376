import type { StoreInput } from '../../src/domain/stores'

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
  /** Running promotions and coupons (the demo shop's; test catalogs leave them out). */
  promotions?: SeedPromotions
  /** Seed the demo rentals (server/seed/rentals.ts); test catalogs leave them out. */
  rentals?: boolean
  /** Running group deals (拼团, server/seed/group-deals.ts; the demo shop's; test catalogs leave them out). */
  groupDeals?: SeedGroupDeal[]
  /** Seed the demo points mall (server/seed/mall.ts); test catalogs leave it out. */
  mall?: boolean
  /** Seed the demo periodic-purchase offer (server/seed/plans.ts); test catalogs leave it out. */
  plans?: boolean
  /** Stores (门店, server/seed/stores.ts; the demo shop's three in Shanghai; test catalogs leave them out). */
  stores?: SeedStore[]
}

/** A running group deal on every SKU of a product, at `percent` of each SKU's price. */
export interface SeedGroupDeal {
  productKey: string
  name: string
  size: number
  hours: number
  percent: number
  /** The deal's own stock per SKU. */
  stock: number
  perUserLimit: number | null
  days: number
}

/** A SKU named by its product key and spec values. */
export interface SeedSkuRef {
  productKey: string
  specs: Record<string, string>
}

type SeedScope = { type: 'all' } | { type: 'products'; productKeys: string[] } | { type: 'categories'; categoryKeys: string[] }

/**
 * Promotions and coupon batches running in the demo shop, with times relative to the seeding
 * moment (hours from it) so the H5 preview always shows live ones.
 */
export type SeedPromotion = { name: string; startsInHours: number; endsInHours: number; stacking: { combinesWith: string[]; priority: number } } & (
  | { kind: 'limited_time'; perUserLimit: number | null; items: (SeedSkuRef & { price: number; stock: number })[] }
  | { kind: 'member_price'; scope: SeedScope; percent: number | null }
  | { kind: 'n_for_n'; scope: SeedScope; count: number; price: number }
  | { kind: 'full_reduction'; scope: SeedScope; basis: 'amount' | 'quantity'; tiers: { threshold: number; off: number }[]; repeat: boolean; cap: number | null }
  | { kind: 'full_discount'; scope: SeedScope; basis: 'amount' | 'quantity'; tiers: { threshold: number; percent: number }[]; cap: number | null }
)

export interface SeedCouponBatch {
  title: string
  type: 'amount' | 'percent'
  value: number
  cap: number | null
  threshold: number
  scope: SeedScope
  claimDays: number
  validity: { days: number } | { fixedDays: number }
  total: number
  perUserLimit: number
  withOtherCoupons: boolean
  combinesWith: string[]
}

export interface SeedPromotions {
  promotions: SeedPromotion[]
  couponBatches: SeedCouponBatch[]
}

/** A demo store (门店, src/domain/stores.ts), listed, taking pickups, no photos; `ownStock` gives a store that keeps its own stock units of each SKU of these products. */
export type SeedStore = Omit<StoreInput, 'photos' | 'pickup' | 'active'> & { ownStock?: { productKey: string; units: number }[] }
