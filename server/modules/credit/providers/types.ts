/**
 * One interface over the platforms' credit services, like payments/providers/types.ts: a
 * provider opens a credit order (what the app shows the shopper to confirm), verifies the
 * platform's callbacks, charges and releases, cancels and asks. The sandbox plays the
 * platforms with its own keys, so the verification code under test is the production code.
 */
import type { CreditConfirmParams } from '../../../../src/domain/contract'
import type { CreditKind } from '../../../../src/domain/credit'
import type { Payer, ProviderId, RawNotify } from '../../payments/providers/types'

export type { Payer, ProviderId, RawNotify }

export interface CreditOrderRequest {
  kind: CreditKind
  outOrderNo: string
  /** Deposit (rental), order total (pay after use), period fee (membership); integer fen. */
  amount: number
  title: string
  /** Rental: the days and daily rate (Pay Score's time range and post payment; Alipay's extra_param). */
  days?: number
  dailyRate?: number
}

export interface CreditCreated {
  /** What a retry needs to answer the confirm again (Pay Score package, Alipay orderStr). */
  confirmRef: string
  confirm: CreditConfirmParams
}

/** What a verified credit callback says, in the shop's terms. */
export interface CreditEvent {
  outOrderNo: string
  /**
   * confirmed: the shopper confirmed (rental: waived / frozen say how the deposit is covered);
   * denied: the platform refused the shopper; cancelled: the shopper backed out or the order was revoked;
   * charged: a charge the shop asked for was collected (amount).
   */
  type: 'confirmed' | 'denied' | 'cancelled' | 'charged'
  waived?: number
  frozen?: number
  amount?: number
  /** Alipay auth_no / credit order no; Pay Score order_id. */
  platformId?: string
  appId: string | null
  merchantId: string | null
}

export type CreditVerify = { ok: true; event: CreditEvent | null } | { ok: false; reason: 'bad_signature' | 'bad_format'; message: string }

export interface CreditChargeRequest {
  kind: CreditKind
  outOrderNo: string
  /** The platform's id of the authorisation / order (auth_no, agreement, Pay Score order). */
  platformId: string | null
  /** The whole authorisation: deposit, order total or period fee. */
  authorized: number
  /** What the shop collects now (fen, may be 0: then everything is released). */
  charge: number
  /** This charge's own number, unique per charge (a membership charges once per period). */
  outRequestNo: string
  description: string
}

/** done: collected (and the rest released) now; pending: a notify or query will say; failed: refused. */
export interface CreditChargeAnswer {
  state: 'done' | 'pending' | 'failed'
  reference?: string
  message?: string
}

export interface CreditQueryAnswer {
  state: 'waiting' | 'confirmed' | 'denied' | 'cancelled' | 'charged'
  waived?: number
  frozen?: number
  amount?: number
  platformId?: string
}

export interface CreditProvider {
  readonly id: ProviderId
  readonly sandbox: boolean
  /** The ids a callback must carry to be ours. */
  readonly appId: string
  readonly merchantId: string | null
  create(req: CreditOrderRequest, user: Payer): Promise<CreditCreated>
  /** The confirm again for an order that already has a platform order. */
  confirmFor(req: CreditOrderRequest, confirmRef: string): CreditConfirmParams
  verifyNotify(raw: RawNotify): CreditVerify
  charge(req: CreditChargeRequest): Promise<CreditChargeAnswer>
  /** Before use: closes the platform order and releases everything. */
  cancel(req: { kind: CreditKind; outOrderNo: string; platformId: string | null; authorized: number }): Promise<void>
  query(req: { kind: CreditKind; outOrderNo: string; authorized: number }): Promise<CreditQueryAnswer>
}

export { ProviderError } from '../../payments/providers/types'
