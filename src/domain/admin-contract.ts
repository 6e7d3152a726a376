import type { AfterSale } from './after-sales'
import type { GiftClaim } from './gifts'
import type { Order, Platform } from './contract'
import type { RentalTerms } from './credit/types'
import type { Fen } from './money'
import type { OrderActor, OrderStatus } from './order-state'
import type { CouponFace, Promotion } from './promotions/types'
import type { SpecGroup } from './sku'
import type { StaffRole } from './staff'

/**
 * The admin API's answers (docs/admin-api.md), written once: the server's admin modules build
 * them and the console reads them. Pure types; money in fen.
 */

// ---- catalog ----

export interface AdminCategory {
  id: number
  parentId: number | null
  name: string
  icon: string
  sort: number
  productCount: number
}

export interface AdminSku {
  id: number
  specs: Record<string, string>
  price: Fen
  originalPrice: Fen | null
  stock: number
  code: string | null
  archived: boolean
  hasOrders: boolean
}

export interface AdminProduct {
  id: number
  title: string
  subtitle: string
  description: string
  categoryId: number
  images: string[]
  onShelf: boolean
  specs: SpecGroup[]
  skus: AdminSku[]
  rental: RentalTerms | null
  version: number
  updatedAt: string
}

export interface AdminBanner {
  id: number
  title: string
  image: string
  productId: number | null
  sort: number
}

/** One row of a SKU's stock history (GET /api/admin/skus/:id/movements). */
export interface StockMovement {
  id: number
  delta: number
  reason: string
  note: string | null
  orderId: number | null
  refundId: number | null
  createdAt: string
}

// ---- staff ----

export interface StaffRow {
  id: number
  username: string
  role: StaffRole
  disabled: boolean
  /** Only while the lock lasts; null once it has run out. */
  lockedUntil: string | null
  lastLoginAt: string | null
  createdAt: string
}

/** POST /api/admin/session. */
export interface LoginResult {
  token: string
  staff: { username: string; role: StaffRole }
  expiresAt: string
}

// ---- marketing ----

/** A promotion as the admin endpoints show it: the engine's shape plus its state. */
export type AdminPromotion = Promotion & {
  status: 'scheduled' | 'running' | 'over' | 'ended'
  endedAt: string | null
  /** limited_time: each SKU's offer stock and units sold. */
  stock?: { skuId: number; stock: number; sold: number }[]
}

/** A promotion's use on paid orders: orders, units and the discount given. */
export interface PromotionUsage {
  orders: number
  units: number
  discount: Fen
}

/** What the promotion endpoints answer: the promotion with its usage (zeros for a new one). */
export type AdminPromotionWithUsage = AdminPromotion & { usage: PromotionUsage }

export interface AdminCouponBatch extends CouponFace {
  id: number
  claimStartsAt: string
  claimEndsAt: string
  validity: { from: string; to: string } | { days: number }
  total: number
  issued: number
  remaining: number
  perUserLimit: number
  withOtherCoupons: boolean
  combinesWith: string[]
  endedAt: string | null
  /** Coupons shoppers hold from this batch, and how many of them are on an order. */
  claimed: number
  used: number
}

/** GET /api/admin/members: active and ended memberships, newest first. */
export interface MemberListEntry {
  userId: number
  nickname: string
  platform: Platform
  /** How the membership came: 'credit' (light membership, paid by credit), 'admin', or another source. */
  tier: string
  status: 'active' | 'ended'
  startedAt: string
  expiresAt: string | null
}

// ---- orders ----

/** The console's order list: the shopper's Order shape plus who bought it, on which platform. */
export type AdminOrder = Order & {
  userId: number
  platform: Platform
  buyer: string
  phone: string | null
  paidAt: string | null
  /** A gift order's claims, each with the address its share ships to (GET /api/admin/orders/:id only). */
  giftClaims?: GiftClaim[]
}

export interface OrderBuyer {
  userId: number
  nickname: string
  platform: Platform
}

export interface TimelineEvent {
  at: string
  from: OrderStatus | null
  to: OrderStatus
  actor: OrderActor
  note: string | null
}

export interface PackingList {
  orderNo: string
  createdAt: string
  /** null for an order without an address. */
  receiver: { name: string; phone: string; address: string } | null
  /** The lines still owed (refunded units left out); specs already as text ("颜色：红，尺码：L"). */
  lines: { title: string; specs: string; code: string | null; quantity: number }[]
  note: string | null
}

/** A notify audit row as the console lists it (payments' and credit's share this shape). */
export interface NotifyAuditEntry {
  id: number
  source: 'payment' | 'credit'
  provider: string
  verified: boolean
  /** The outcome it was recorded with (paid, duplicate, replay, bad_signature, mismatch, …). */
  reason: string
  outTradeNo: string | null
  createdAt: string
}

// ---- reports ----

export type DashboardRange = 'today' | '7d' | '30d'

export interface TopProduct {
  productId: number
  title: string
  quantity: number
  /** What shoppers paid for these lines (line totals less each line's share of discounts). */
  sales: Fen
}

export interface LowStockSku {
  skuId: number
  productId: number
  title: string
  specs: Record<string, string>
  stock: number
}

export interface Dashboard {
  range: DashboardRange
  /** First and last shop day covered (YYYY-MM-DD, Beijing), both inclusive; `to` is today. */
  from: string
  to: string
  totals: { sales: Fen; paidOrders: number; avgOrder: Fen; refundAmount: Fen; refunds: number; newShoppers: number }
  byPlatform: { platform: Platform; sales: Fen; paidOrders: number }[]
  /** One entry per day of the range, oldest first, days without sales included (zeros): what a line chart needs. */
  series: { date: string; sales: Fen; paidOrders: number; refundAmount: Fen }[]
  topProducts: TopProduct[]
  lowStock: LowStockSku[]
}

/** GET /api/admin/after-sales (list and detail): the request with who asked, on which platform. */
export interface AdminAfterSale extends AfterSale {
  userId: number
  buyer: string
  platform: 'weapp' | 'alipay' | 'h5'
}
