import type { CommissionState, PromoterStatus, WithdrawalStatus } from '@/domain/promoters'

/** The sharing pages' words for the server's states, in one place. */
export const COMMISSION_STATE_TEXT: Record<CommissionState, string> = { pending: '待结算', released: '已结算', reversed: '已退回' }

export const WITHDRAWAL_STATUS_TEXT: Record<WithdrawalStatus, string> = {
  reviewing: '审核中',
  processing: '打款中',
  waiting_confirm: '待确认收款',
  succeeded: '已到账',
  failed: '失败',
  rejected: '已驳回',
}

export const PROMOTER_STATUS_TEXT: Record<PromoterStatus, string> = { pending: '审核中', approved: '推广员', rejected: '未通过', disabled: '已停用' }

/** "2026-12-05" from an ISO time (the shop's lists show days, not seconds). */
export const dayOf = (iso: string | null | undefined): string => (iso ? iso.slice(0, 10) : '')

/** Basis points as a percent: 1000 → "10%", 250 → "2.5%". */
export const percentOf = (bp: number): string => `${Number((bp / 100).toFixed(2))}%`
