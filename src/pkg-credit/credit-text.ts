import dayjs from 'dayjs'
import { depositCover, rentalDueAt, rentalSettlement, type LedgerEntryKind, type RentalTerms } from '@/domain/credit'

export const LEDGER_KIND_LABEL: Record<LedgerEntryKind, string> = {
  deposit_waived: '免押',
  deposit_frozen: '冻结',
  charge: '扣款',
  unfreeze: '解冻',
  release: '释放',
}

/** The fee for renting `days` and returning on time: the domain's settlement with nothing waived or late. */
export function rentFeeEstimate(terms: RentalTerms, days: number): number {
  const due = rentalDueAt(0, days)
  return rentalSettlement(terms, 0, due, due, depositCover(terms.deposit, 0)).charge
}

export function formatTime(iso: string | null): string {
  return iso ? dayjs(iso).format('MM-DD HH:mm') : '—'
}

export function formatDate(iso: string | null): string {
  return iso ? dayjs(iso).format('YYYY-MM-DD') : '—'
}
