import type { PlanDeliveryRow, PlanOffer, PlanSettings, PlanView } from '@domain/plans'
import { api, type Paged, type Query } from './client'

/** Issue 19, periodic purchase (周期购) for the merchant: the shapes are the server's (@domain/plans). */
export type { PlanDeliveryRow, PlanOffer, PlanSettings, PlanView }

/** 404 PLAN_NOT_OFFERED for a product never offered as a plan. */
export const getProductPlan = (productId: number) => api<PlanOffer>(`/admin/products/${productId}/plan`)
export const saveProductPlan = (productId: number, body: PlanOffer) => api<PlanOffer>(`/admin/products/${productId}/plan`, { method: 'PUT', body })

export const listPlans = (query: Query) => api<Paged<PlanView>>('/admin/plans', { query })
/** What ships on `date` (YYYY-MM-DD, shop time). */
export const listPlanDeliveries = (date: string) => api<{ items: PlanDeliveryRow[] }>('/admin/plan-deliveries', { query: { date } })
export const shipPlanDelivery = (planId: number, n: number, body: { carrier: string; trackingNo: string }) =>
  api<PlanDeliveryRow>(`/admin/plans/${planId}/deliveries/${n}/ship`, { method: 'POST', body })

export const getPlanSettings = () => api<PlanSettings>('/admin/plan-settings')
export const savePlanSettings = (body: PlanSettings) => api<PlanSettings>('/admin/plan-settings', { method: 'PUT', body })
