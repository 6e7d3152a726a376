import type { CommissionItem, CommissionState, PromoterCustomer, PromoterMe, PromoterStatus, WithdrawalView } from '@/domain/promoters'
import type { CodePage } from '@/domain/sharing'
import { API_BASE, api } from './http'

/** The promoter centre's calls (server module promoters); amounts in fen. */

export function fetchPromoterMe(): Promise<PromoterMe> {
  return api<PromoterMe>('GET', '/api/promoters/me')
}

/** 409 NEEDS_PURCHASE / PROMOTERS_CLOSED arrive as ApiError with that code. */
export function applyPromoter(): Promise<{ status: PromoterStatus }> {
  return api<{ status: PromoterStatus }>('POST', '/api/promoters/apply')
}

export interface CommissionPage {
  items: CommissionItem[]
  total: number
  page: number
  pageSize: number
}

export function fetchCommissions(page: number, state?: CommissionState): Promise<CommissionPage> {
  return api<CommissionPage>('GET', '/api/promoters/me/commissions', { query: { page, state } })
}

export function fetchCustomers(): Promise<{ items: PromoterCustomer[]; total: number }> {
  return api('GET', '/api/promoters/me/customers')
}

/** 201; 409 OVER_BALANCE / DAILY_LIMIT, 400 BELOW_MINIMUM. The key makes a retried tap one withdrawal. */
export function createWithdrawal(amount: number, idempotencyKey: string): Promise<WithdrawalView> {
  return api<WithdrawalView>('POST', '/api/promoters/me/withdrawals', { body: { amount, idempotencyKey } })
}

export function fetchWithdrawals(): Promise<{ items: WithdrawalView[] }> {
  return api('GET', '/api/promoters/me/withdrawals')
}

/** After the shopper's side of receiving (WeChat's sheet, the sandbox page): the server asks the platform. */
export function confirmWithdrawal(id: number): Promise<WithdrawalView> {
  return api<WithdrawalView>('POST', `/api/promoters/me/withdrawals/${id}/confirmed`)
}

/** Sandbox servers only: the stand-in for "the shopper confirmed in WeChat's sheet". */
export function confirmSandboxTransfer(outBillNo: string): Promise<unknown> {
  return api('POST', `/api/sandbox/transfers/${encodeURIComponent(outBillNo)}/confirm`)
}

/** GET /api/codes → a PNG of the platform's mini-program code for a page and scene (public). */
export function codeImageUrl(page: CodePage, scene: string, platform: 'weapp' | 'alipay' | 'h5'): string {
  return `${API_BASE}/api/codes?page=${encodeURIComponent(page)}&scene=${encodeURIComponent(scene)}&platform=${platform}`
}
