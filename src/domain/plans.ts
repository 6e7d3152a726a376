/**
 * Periodic purchase (周期购): a product sold as a plan of N deliveries, weekly, every two weeks
 * or monthly, paid up front in one order. Each delivery ships on its own; the shopper skips
 * one until the cut-off (the plan gains a delivery at its end, so N are still delivered), changes
 * the address for later ones, or cancels the rest for a refund of the undelivered periods with
 * the plan discount taken back fairly. Shared by the server, the app and the console. Pure.
 *
 * Delivery state machine (DELIVERY_TRANSITIONS): scheduled ─ship─▶ shipped
 *                                                 scheduled ─skip─▶ skipped
 *                                                 scheduled ─cancel─▶ cancelled
 * Plan: active ─(last delivery shipped)─▶ completed;  active ─cancel─▶ cancelled
 */
import type { Fen } from './money'

export const PLAN_INTERVALS = ['week', '2weeks', 'month'] as const
export type PlanInterval = (typeof PLAN_INTERVALS)[number]

export const PLAN_INTERVAL_LABEL: Record<PlanInterval, string> = { week: '每周', '2weeks': '每两周', month: '每月' }

export const PLAN_STATUSES = ['pending', 'active', 'completed', 'cancelled'] as const
/** pending: its order is not paid yet; active: paid, deliveries under way. */
export type PlanStatus = (typeof PLAN_STATUSES)[number]

export const DELIVERY_STATUSES = ['scheduled', 'shipped', 'skipped', 'cancelled'] as const
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number]

/** A product's plan offer (console: 商品 › 周期购). */
export interface PlanOffer {
  productId: number
  enabled: boolean
  intervals: PlanInterval[]
  /** The plan lengths on offer and the percent off each (e.g. 4 → 5 = 5 % off, 12 → 12). */
  options: { deliveries: number; percentOff: number }[]
  /** Hours before a delivery's day (00:00 shop time) after which it can no longer be skipped or moved. */
  cutoffHours: number
}

/** POST /api/plans */
export interface CreatePlanInput {
  skuId: number
  deliveries: number
  interval: PlanInterval
  /** YYYY-MM-DD, shop time. */
  firstDate: string
  addressId: number
  idempotencyKey: string
}

/** POST /api/plans/preview: the same fields but idempotencyKey/addressId → the schedule and price. */
export interface PlanQuote {
  dates: string[]
  unitPrice: Fen
  subtotal: Fen
  discount: Fen
  total: Fen
  percentOff: number
}

export interface PlanDelivery {
  /** 1-based position in the plan (skipped ones keep theirs; the replacement is appended). */
  n: number
  date: string
  status: DeliveryStatus
  shippedAt: string | null
  tracking: { carrier: string; number: string } | null
  /** Until when this delivery can still be skipped (ISO). */
  cutoffAt: string
}

/** GET /api/plans/:id (also each row of GET /api/plans). */
export interface PlanView {
  id: number
  orderId: number
  status: PlanStatus
  skuId: number
  productId: number
  title: string
  image: string
  specs: Record<string, string>
  quantity: number
  interval: PlanInterval
  deliveryCount: number
  deliveries: PlanDelivery[]
  total: Fen
  refunded: Fen
  address: { name: string; phone: string; region: [string, string, string]; detail: string }
  createdAt: string
}

/** GET /api/admin/plan-deliveries?date=: what ships that day. */
export interface PlanDeliveryRow {
  planId: number
  orderId: number
  orderNo: string
  n: number
  date: string
  status: DeliveryStatus
  title: string
  specs: Record<string, string>
  quantity: number
  address: PlanView['address']
  tracking: { carrier: string; number: string } | null
}

/** GET/PUT /api/admin/plan-settings: days the shop does not deliver (a delivery due that day moves to the next open day). */
export interface PlanSettings {
  holidays: string[]
}
