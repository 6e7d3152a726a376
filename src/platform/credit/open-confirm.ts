import type { CreditConfirmParams, SandboxCreditTicket } from '@/domain/contract'
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
  /**
   * Sandbox server, mini-program in its IDE: open the in-app sandbox confirm page
   * (route.sandboxConfirm(ticket, returnTo)) in place of this page; it decides, then opens `returnTo`.
   */
  | { kind: 'sandbox'; ticket: SandboxCreditTicket }

/** The in-app sandbox confirm's ticket when the (sandbox) server sent one. */
export function sandboxCreditTicket(confirm: CreditConfirmParams): SandboxCreditTicket | null {
  const t = (confirm as { sandbox?: Partial<SandboxCreditTicket> }).sandbox
  if (!t || typeof t.outOrderNo !== 'string' || !t.outOrderNo || typeof t.ticket !== 'string' || !t.ticket || typeof t.amount !== 'number') return null
  if (t.kind !== 'rental' && t.kind !== 'pay_after_use' && t.kind !== 'membership') return null
  return { outOrderNo: t.outOrderNo, ticket: t.ticket, kind: t.kind, amount: t.amount }
}

export async function openCreditConfirm(confirm: CreditConfirmParams, returnTo: string, adapter: CreditAdapter = creditAdapter): Promise<CreditConfirmAnswer> {
  const r = await adapter.confirmCredit(confirm, { returnTo })
  // Sandbox server, mini-program in its IDE: the host can't open a sandbox Pay Score / Sesame
  // order; the caller opens the app's own sandbox confirm page instead (route.sandboxConfirm).
  const sandbox = sandboxCreditTicket(confirm)
  if (sandbox && r.status === 'failed') return { kind: 'sandbox', ticket: sandbox }
  if (r.status === 'confirmed') return { kind: 'confirming' }
  if (r.status === 'redirected') return { kind: 'left' }
  if (r.status === 'cancelled') return { kind: 'cancelled' }
  return { kind: 'failed', message: r.message }
}
