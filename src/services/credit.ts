import type { CreditEligibility, CreditStart, MembershipView, Paged, PayAfterUseInfo, Rental, RentInput, SandboxCreditTicket } from '@/domain/contract'
import { api, imageUrl } from './http'

function reshapeRental(r: Rental): Rental {
  return { ...r, item: { ...r.item, image: imageUrl(r.item.image) } }
}

function reshapeStart(s: CreditStart<Rental>): CreditStart<Rental> {
  return { ...s, credit: reshapeRental(s.credit) }
}

export function fetchEligibility(): Promise<CreditEligibility> {
  return api<CreditEligibility>('GET', '/api/credit/eligibility')
}

/** The same idempotencyKey twice gives back the same rental, so a retried tap never rents twice. */
export async function createRental(input: RentInput): Promise<CreditStart<Rental>> {
  return reshapeStart(await api<CreditStart<Rental>>('POST', '/api/rentals', { body: input }))
}

export async function fetchRentals(page: number, pageSize = 10): Promise<Paged<Rental>> {
  const paged = await api<Paged<Rental>>('GET', '/api/rentals', { query: { page, pageSize } })
  return { ...paged, items: paged.items.map(reshapeRental) }
}

export async function fetchRental(id: number): Promise<Rental> {
  return reshapeRental(await api<Rental>('GET', `/api/rentals/${id}`))
}

/** Opens the confirm of a rental still waiting for it (the shopper closed the platform's page). */
export async function reconfirmRental(id: number): Promise<CreditStart<Rental>> {
  return reshapeStart(await api<CreditStart<Rental>>('POST', `/api/rentals/${id}/confirm`))
}

/** What a shopper may post: the return is a request the shop confirms; pickup is the shop's alone. */
export type RentalAction = 'return' | 'cancel'

export async function rentalAction(id: number, action: RentalAction): Promise<Rental> {
  return reshapeRental(await api<Rental>('POST', `/api/rentals/${id}/${action}`))
}

/** What to open so the shopper confirms paying this order after use. */
export function startPayAfterUse(orderId: number): Promise<CreditStart<PayAfterUseInfo>> {
  return api<CreditStart<PayAfterUseInfo>>('POST', `/api/orders/${orderId}/credit`)
}

export function fetchMembership(): Promise<MembershipView> {
  return api<MembershipView>('GET', '/api/membership')
}

export function joinMembership(): Promise<CreditStart<MembershipView>> {
  return api<CreditStart<MembershipView>>('POST', '/api/membership/join')
}

export function setAutoRenew(autoRenew: boolean): Promise<MembershipView> {
  return api<MembershipView>('POST', '/api/membership/auto-renew', { body: { autoRenew } })
}

export function cancelMembership(): Promise<MembershipView> {
  return api<MembershipView>('POST', '/api/membership/cancel')
}

export type SandboxCreditDecision = 'full' | 'partial' | 'deny' | 'cancel'

/** Sandbox servers only: the in-app sandbox confirm's decision; the ticket authorises it (the platform's callback follows). */
export function decideSandboxCredit(c: Pick<SandboxCreditTicket, 'outOrderNo' | 'ticket'>, decision: SandboxCreditDecision): Promise<{ outOrderNo: string; decision: string; state: string | null }> {
  return api('POST', `/api/sandbox/credit/${encodeURIComponent(c.outOrderNo)}/decide`, { body: { decision, t: c.ticket } })
}
