import type { Fen } from '@/domain/money'
import type { CreatePlanInput, PlanInterval, PlanOffer, PlanQuote, PlanView } from '@/domain/plans'
import { api, imageUrl } from './http'

/** Product images are server paths: absolute for the mini-programs' <image>. */
const reshape = (p: PlanView): PlanView => ({ ...p, image: p.image ? imageUrl(p.image) : p.image })

/** GET /api/products/:id/plan: the product's 周期购 offer (404 PLAN_NOT_OFFERED when it has none). Public. */
export function fetchPlanOffer(productId: number): Promise<PlanOffer> {
  return api<PlanOffer>('GET', `/api/products/${productId}/plan`)
}

/** GET /api/plan-offers?productId=: the product page's entry asks every product; none is an empty list (no 404). Public. */
export async function findPlanOffer(productId: number): Promise<PlanOffer | null> {
  const { items } = await api<{ items: PlanOffer[] }>('GET', '/api/plan-offers', { query: { productId } })
  return items[0] ?? null
}

/** POST /api/plans/preview: the delivery dates and the price of a plan before it is bought. */
export function previewPlan(input: { skuId: number; deliveries: number; interval: PlanInterval; firstDate: string }): Promise<PlanQuote> {
  return api<PlanQuote>('POST', '/api/plans/preview', { body: input })
}

/** POST /api/plans: the plan and its unpaid order (pay it like any order); a repeated key answers the same. */
export function createPlan(input: CreatePlanInput): Promise<{ planId: number; orderId: number }> {
  return api<{ planId: number; orderId: number }>('POST', '/api/plans', { body: input })
}

/** GET /api/plans: the shopper's plans. */
export async function fetchMyPlans(): Promise<PlanView[]> {
  return (await api<{ items: PlanView[] }>('GET', '/api/plans')).items.map(reshape)
}

/** GET /api/plans/:id (404 for another shopper's). */
export async function fetchPlan(id: number): Promise<PlanView> {
  return reshape(await api<PlanView>('GET', `/api/plans/${id}`))
}

/** POST /api/plans/:id/deliveries/:n/skip: 409 PAST_CUTOFF / DELIVERY_NOT_SCHEDULED when it can't. */
export async function skipDelivery(planId: number, n: number): Promise<PlanView> {
  return reshape(await api<PlanView>('POST', `/api/plans/${planId}/deliveries/${n}/skip`))
}

/** POST /api/plans/:id/deliveries/:n/postpone: 顺延 to a later day before the next delivery (400 BAD_DATE naming date, 409 PAST_CUTOFF). */
export async function postponeDelivery(planId: number, n: number, date: string): Promise<PlanView> {
  return reshape(await api<PlanView>('POST', `/api/plans/${planId}/deliveries/${n}/postpone`, { body: { date } }))
}

/** POST /api/plans/:id/address: later scheduled deliveries go to this address. */
export async function changePlanAddress(planId: number, addressId: number): Promise<PlanView> {
  return reshape(await api<PlanView>('POST', `/api/plans/${planId}/address`, { body: { addressId } }))
}

/** POST /api/plans/:id/cancel: the undelivered periods refunded (409 PLAN_NOT_ACTIVE). */
export async function cancelPlan(planId: number): Promise<{ plan: PlanView; refund: Fen }> {
  const answer = await api<{ plan: PlanView; refund: Fen }>('POST', `/api/plans/${planId}/cancel`)
  return { ...answer, plan: reshape(answer.plan) }
}
