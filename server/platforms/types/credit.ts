/**
 * The credit facet (WeChat Pay Score, Alipay Sesame credit): opens a credit order (what the
 * app shows the shopper to confirm), verifies the platform's callbacks, charges and releases,
 * cancels and asks. The sandbox plays both with its own keys, so the verification code under
 * test is the production code.
 */
import type { CreditConfirmParams } from '../../../src/domain/contract'
import type { CreditKind } from '../../../src/domain/credit'
import type { NotifyOwner, Payer, RawNotify, VerifyFailure } from './common'
import type { NotifyChannel } from './pay'

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

export type CreditVerify = { ok: true; event: CreditEvent | null } | VerifyFailure

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

export interface CreditFacet extends NotifyOwner<CreditVerify> {
  create(req: CreditOrderRequest, user: Payer): Promise<CreditCreated>
  /** The confirm again for an order that already has a platform order; `user` is the shopper (the sandbox's in-app confirm is for sandbox shoppers only). */
  confirmFor(req: CreditOrderRequest, confirmRef: string, user?: Payer): CreditConfirmParams
  charge(req: CreditChargeRequest): Promise<CreditChargeAnswer>
  /** Before use: closes the platform order and releases everything. */
  cancel(req: { kind: CreditKind; outOrderNo: string; platformId: string | null; authorized: number }): Promise<void>
  query(req: { kind: CreditKind; outOrderNo: string; authorized: number }): Promise<CreditQueryAnswer>
}

/** The shopper's answer on the sandbox's confirm screen. */
export type CreditDecision = 'full' | 'partial' | 'deny' | 'cancel'

/** A credit order as the sandbox platform keeps it. */
export interface SandboxCreditOrder {
  channel: NotifyChannel
  kind: CreditKind
  amount: number
  state: 'waiting' | 'confirmed' | 'denied' | 'cancelled' | 'charged'
  waived: number
  frozen: number
  platformId: string
  charged: number
}

/** The sandbox's credit side as the H5 confirm page and the credit service use it. */
export interface SandboxCreditDesk {
  /** Set by the credit service: how the sandbox's own later callbacks reach the shop. */
  deliver?: (channel: NotifyChannel, raw: RawNotify) => Promise<unknown>
  /** Eligibility knob for tests and the preview: users the sandbox's credit refuses pay-after-use. */
  readonly refusedUsers: Set<number>
  order(outOrderNo: string): Readonly<SandboxCreditOrder> | undefined
  checkTicket(outOrderNo: string, ticket: string): boolean
  /** The shopper decides; answers the callback the platform sends (null when it sends none). */
  decide(outOrderNo: string, decision: CreditDecision): { channel: NotifyChannel; notify: RawNotify | null } | null
}

/** The credit facets the credit module gets: by id ('sandbox' is the H5 confirm page, sandbox mode only). */
export interface CreditFacets {
  byId: Partial<Record<'wechat' | 'alipay' | 'sandbox', CreditFacet>>
  sandbox?: SandboxCreditDesk
}
