import type { WithdrawalView } from '@/domain/promoters'

/**
 * How the shopper's side of receiving a withdrawal ended. None of these is the verdict: after
 * 'confirmed' the app POSTs …/withdrawals/:id/confirmed and the server asks the platform.
 */
export type TransferResult =
  /** WeChat's confirm-receipt sheet closed with success: tell the server to check. */
  | { status: 'confirmed' }
  | { status: 'cancelled' }
  | { status: 'failed'; message: string }
  /** Sandbox server (and H5): the caller opens the in-app stand-in (route.sandboxTransfer). */
  | { status: 'sandbox' }
  /** Nothing to confirm here (Alipay pays at once, or still under review): show the status. */
  | { status: 'none' }

export interface TransferAdapter {
  /** Where the money goes, for the withdraw page's title. */
  payee: string
  receive(w: WithdrawalView): Promise<TransferResult>
}

/** Waiting for the shopper, in the sandbox: every platform uses the in-app page. */
export function needsSandboxPage(w: WithdrawalView): boolean {
  return w.status === 'waiting_confirm' && w.channel === 'sandbox'
}
