import type { CreditConfirmParams } from '@/domain/contract'
import { creditAdapter } from '@/platform/credit'
import type { CreditAdapter } from './types'

/**
 * One credit confirm, shared by renting, checkout's 先享后付 and joining the membership:
 * open the platform's confirm; the platform's answer is never the verdict, so on
 * 'confirming' the caller asks the server (pollUntil) until its record has moved. The
 * pages only say what "moved" means for their record.
 */
export type CreditConfirmAnswer =
  /** The platform answered yes or "processing": the server decides (poll). */
  | { kind: 'confirming' }
  | { kind: 'cancelled' }
  | { kind: 'failed'; message: string }
  /** The H5 confirm page is opening; it sends the shopper back to `returnTo`. */
  | { kind: 'left' }

export async function openCreditConfirm(confirm: CreditConfirmParams, returnTo: string, adapter: CreditAdapter = creditAdapter): Promise<CreditConfirmAnswer> {
  const r = await adapter.confirmCredit(confirm, { returnTo })
  if (r.status === 'confirmed') return { kind: 'confirming' }
  if (r.status === 'redirected') return { kind: 'left' }
  if (r.status === 'cancelled') return { kind: 'cancelled' }
  return { kind: 'failed', message: r.message }
}
