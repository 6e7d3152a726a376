import type { CreditConfirmParams } from '@/domain/contract'

/**
 * Deposit-free rental, pay after use and light membership: Sesame credit on Alipay, Pay Score
 * on WeChat, the sandbox confirm page in the H5 preview. The server creates the credit order
 * and answers what this platform must open (CreditConfirmParams, untagged like PayParams).
 */
export type { CreditConfirmParams }

/**
 * How the confirm ended on the client. None of these is proof: the credit order moves only
 * when the server has the platform's verified callback, so the page then asks the server.
 */
export type CreditConfirmResult =
  /** The platform says the shopper confirmed (WeChat success, Alipay 9000 or 8000 processing). */
  | { status: 'confirmed' }
  | { status: 'cancelled' }
  | { status: 'failed'; message: string }
  /** The shopper was sent to the sandbox confirm page (H5 preview); its return address brings them back. */
  | { status: 'redirected' }

export interface ConfirmOptions {
  /** The app page to come back to after a confirm page (H5 only; mini-programs stay on the page). */
  returnTo?: string
}

export interface CreditAdapter {
  confirmCredit(params: CreditConfirmParams, options?: ConfirmOptions): Promise<CreditConfirmResult>
}
