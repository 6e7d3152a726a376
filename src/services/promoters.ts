import type { CommissionItem, CommissionState, PromoterCustomer, PromoterMe, PromoterStatus, WithdrawalView } from '@/domain/promoters'
import type { CodePage } from '@/domain/sharing'
import { API_BASE, api, ApiError } from './http'

/** An answer not in the contract's shape (an old server, a proxy page) is a server error, never a crash in a page. */
const BAD_ANSWER = () => new ApiError(502, 'BAD_ANSWER', '服务暂时不可用，请稍后重试')
const obj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null
const itemsOf = <T>(r: unknown): T[] => (obj(r) && Array.isArray(r.items) ? (r.items as T[]) : [])

/** The promoter centre's calls (server module promoters); amounts in fen. */

export async function fetchPromoterMe(): Promise<PromoterMe> {
  const me = await api<unknown>('GET', '/api/promoters/me')
  if (!obj(me) || !obj(me.settings) || !Number.isInteger(me.withdrawable) || !Number.isInteger(me.pending)) throw BAD_ANSWER()
  return me as unknown as PromoterMe
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

export async function fetchCommissions(page: number, state?: CommissionState): Promise<CommissionPage> {
  const r = await api<CommissionPage>('GET', '/api/promoters/me/commissions', { query: { page, state } })
  const items = itemsOf<CommissionItem>(r)
  return { items, total: Number.isInteger(r?.total) ? r.total : items.length, page, pageSize: r?.pageSize ?? items.length }
}

export async function fetchCustomers(): Promise<{ items: PromoterCustomer[]; total: number }> {
  const r = await api<unknown>('GET', '/api/promoters/me/customers')
  const items = itemsOf<PromoterCustomer>(r)
  return { items, total: obj(r) && Number.isInteger(r.total) ? (r.total as number) : items.length }
}

/** 201; 409 OVER_BALANCE / DAILY_LIMIT, 400 BELOW_MINIMUM. The key makes a retried tap one withdrawal. */
export function createWithdrawal(amount: number, idempotencyKey: string): Promise<WithdrawalView> {
  return api<WithdrawalView>('POST', '/api/promoters/me/withdrawals', { body: { amount, idempotencyKey } })
}

export async function fetchWithdrawals(): Promise<{ items: WithdrawalView[] }> {
  return { items: itemsOf<WithdrawalView>(await api<unknown>('GET', '/api/promoters/me/withdrawals')) }
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
