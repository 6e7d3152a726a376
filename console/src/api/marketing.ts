import type { Fen } from '@domain/money'
import type { PromotionKind, Scope } from '@domain/promotions/types'
import type { LevelLadder } from '@domain/levels'
import type { AdminCouponBatch as CouponBatch, AdminPromotionWithUsage as AdminPromotion, MemberListEntry as Member } from '@domain/admin-contract'
import { api, type Paged, type Query } from './client'

/** docs/admin-api.md, marketing: the promotion (with its usage), coupon-batch and member answers are the server's (@domain/admin-contract). */
export type { AdminPromotion, CouponBatch, Member, Scope }

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

export const MEMBER_TIER_LABEL: Record<string, string> = { credit: '信用会员', admin: '后台开通' }

export const PROMOTION_KIND_LABEL: Record<PromotionKind, string> = {
  limited_time: '限时价',
  member_price: '会员价',
  n_for_n: 'N 元任选',
  full_reduction: '满减',
  full_discount: '满折',
}

/** The member-level ladder (GET /api/admin/levels): the tiers a member price may start from. */
export const getLevels = () => api<LevelLadder>('/admin/levels')
export const listPromotions = (query: Query) => api<Paged<AdminPromotion>>('/admin/promotions', { query })
export const createPromotion = (body: Record<string, unknown>) => api<AdminPromotion>('/admin/promotions', { method: 'POST', body })
export const endPromotion = (id: number) => api<AdminPromotion>(`/admin/promotions/${id}/end`, { method: 'POST' })

export const listCouponBatches = (query: Query) => api<Paged<CouponBatch>>('/admin/coupon-batches', { query })
export const createCouponBatch = (body: CouponBatchInput) => api<CouponBatch>('/admin/coupon-batches', { method: 'POST', body })
export const endCouponBatch = (id: number) => api<CouponBatch>(`/admin/coupon-batches/${id}/end`, { method: 'POST' })

export const listMembers = (query: Query) => api<Paged<Member>>('/admin/members', { query })
export const removeMember = (userId: number) => api<void>(`/admin/members/${userId}`, { method: 'DELETE' })
