import type { Fen } from '@domain/money'
import type { PromotionKind } from '@domain/promotions/types'
import { api, type Paged, type Query } from './client'

/** docs/admin-api.md, marketing: the existing promotion and coupon-batch answers plus usage. */
export interface AdminPromotion {
  id: number
  kind: PromotionKind
  name: string
  startsAt: string
  endsAt: string
  status: 'scheduled' | 'running' | 'over' | 'ended'
  endedAt: string | null
  usage?: { orders: number; units: number; discount: Fen }
  [key: string]: unknown
}

export type Scope = { type: 'all' } | { type: 'products'; productIds: number[] } | { type: 'categories'; categoryIds: number[] }

export interface CouponBatch {
  id: number
  title: string
  type: 'amount' | 'percent'
  value: number
  cap: Fen | null
  threshold: Fen
  scope: Scope
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
  claimed?: number
  used?: number
}

export interface CouponBatchInput {
  title: string
  type: 'amount' | 'percent'
  value: number
  cap?: Fen | null
  threshold?: Fen
  scope?: Scope
  claimStartsAt: string
  claimEndsAt: string
  validity: { from: string; to: string } | { days: number }
  total: number
  perUserLimit?: number
  withOtherCoupons?: boolean
}

/** GET /api/admin/members: active and ended memberships, newest first. */
export interface Member {
  userId: number
  nickname: string
  platform: 'weapp' | 'alipay' | 'h5'
  /** How the membership came (memberships.source): 'credit' (light membership paid by credit), 'admin', or another source. */
  tier: string
  status: 'active' | 'ended'
  startedAt: string
  expiresAt: string | null
}

export const MEMBER_TIER_LABEL: Record<string, string> = { credit: '信用会员', admin: '后台开通' }

export const PROMOTION_KIND_LABEL: Record<PromotionKind, string> = {
  limited_time: '限时价',
  member_price: '会员价',
  n_for_n: 'N 元任选',
  full_reduction: '满减',
  full_discount: '满折',
}

export const listPromotions = (query: Query) => api<Paged<AdminPromotion>>('/admin/promotions', { query })
export const createPromotion = (body: Record<string, unknown>) => api<AdminPromotion>('/admin/promotions', { method: 'POST', body })
export const endPromotion = (id: number) => api<AdminPromotion>(`/admin/promotions/${id}/end`, { method: 'POST' })

export const listCouponBatches = (query: Query) => api<Paged<CouponBatch>>('/admin/coupon-batches', { query })
export const createCouponBatch = (body: CouponBatchInput) => api<CouponBatch>('/admin/coupon-batches', { method: 'POST', body })
export const endCouponBatch = (id: number) => api<CouponBatch>(`/admin/coupon-batches/${id}/end`, { method: 'POST' })

export const listMembers = (query: Query) => api<Paged<Member>>('/admin/members', { query })
export const removeMember = (userId: number) => api<void>(`/admin/members/${userId}`, { method: 'DELETE' })
