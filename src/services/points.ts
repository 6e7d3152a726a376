import type { CheckInCalendar, CheckInResult, MallItemView, PointsView, RedeemInput, RedeemResult, ReferralView } from '@/domain/points'
import { api, imageUrl } from './http'

/** POST /api/check-in: today's check-in; a second tap answers awarded 0 with `already`. */
export function checkIn(): Promise<CheckInResult> {
  return api<CheckInResult>('POST', '/api/check-in')
}

/** GET /api/check-in?month=YYYY-MM (absent: this month in the shop's time zone). */
export function fetchCheckInCalendar(month?: string): Promise<CheckInCalendar> {
  return api<CheckInCalendar>('GET', '/api/check-in', { query: { month } })
}

/** GET /api/points: the balance, the expiring lot and a page of the ledger, newest first. */
export function fetchPoints(page: number, pageSize = 20): Promise<PointsView> {
  return api<PointsView>('GET', '/api/points', { query: { page, pageSize } })
}

/** GET /api/mall/items: the active items (with a session, `redeemed` is the shopper's). */
export async function fetchMallItems(): Promise<MallItemView[]> {
  const { items } = await api<{ items: MallItemView[] }>('GET', '/api/mall/items')
  return items.map((i) => ({ ...i, image: i.image ? imageUrl(i.image) : '' }))
}

/** POST /api/points/redeem: 409 POINTS_NOT_ENOUGH / MALL_SOLD_OUT / MALL_LIMIT, 400 ADDRESS_REQUIRED. */
export function redeemMallItem(input: RedeemInput): Promise<RedeemResult> {
  return api<RedeemResult>('POST', '/api/points/redeem', { body: input })
}

/** GET /api/referrals/me: the shopper's invite code, the reward and the invited friends. */
export function fetchReferral(): Promise<ReferralView> {
  return api<ReferralView>('GET', '/api/referrals/me')
}
