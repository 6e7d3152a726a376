/**
 * Credit on both platforms: deposit-free rental, pay after use, and light membership.
 * Alipay does them through Sesame credit (芝麻免押 fund authorisation, 芝麻先享 credit
 * orders and agreements); WeChat through Pay Score (微信支付分 service orders). The
 * shopper gets the same offer either way; the server's credit providers speak each platform.
 *
 * Every credit order is one of three explicit state machines (./rental, ./pay-after-use,
 * ./membership); the server changes a credit order only through them, with a conditional
 * UPDATE on the state (like orders), and every money movement is a ledger entry.
 *
 * Rental (deposit-free):
 *
 *   created ──confirm──▶ authorized ──start──▶ in_use ──return──▶ settling ──charged──▶ completed
 *     │                     │                    │  └─overdue─▶ overdue ─return─┘  ▲
 *     ├─expire─▶ expired    └─cancel─▶ cancelled  └──────default (fee reached deposit)──┘
 *     └─cancel─▶ cancelled
 *
 *   confirm: the platform says the shopper confirmed; it carries how much of the deposit
 *     credit waived (all, part, or none: then the shopper has agreed to have the rest frozen
 *     from their own funds; the app told them the amount before they confirmed).
 *   start: the goods are handed over (shop ships / shopper picks up); the rental clock starts.
 *   return: the goods are back; the fee is fixed and the charge is asked of the platform.
 *   default: still not returned when the fee has reached the deposit; the deposit is charged.
 *   charged: the platform confirms the charge (alipay.trade.pay with auth_no, then unfreeze
 *     the rest / Pay Score complete); the rest of the deposit is released.
 *   cancel before use (created or authorized): everything is released, nothing charged.
 *
 * Pay after use (先享后付), for an ordinary shop order:
 *
 *   created ──confirm──▶ confirmed ──collect──▶ charging ──charged──▶ charged
 *     ├─deny─▶ denied        └─cancel─▶ cancelled        └─charge_failed─▶ charging (retried)
 *     ├─expire─▶ expired
 *     └─cancel─▶ cancelled
 *
 *   confirm makes the shop order payable later: it goes to 'paid' (ship it) with payment
 *   mode pay_after_use. collect happens when the shopper confirms receipt, or
 *   PAY_AFTER_USE_DAYS after shipping. deny: credit does not allow it; the shopper pays
 *   the ordinary way instead.
 *
 * Light membership (轻会员):
 *
 *   signing ──confirm──▶ active ──period_end / cancel──▶ settling ──settled──▶ active (renews) | ended
 *     ├─deny─▶ denied
 *     └─expire─▶ expired
 *
 *   Nothing is paid to join. Member prices (promotions kind member_price) apply while
 *   active. At the end of each period (or when the member cancels mid-period) the server
 *   charges min(fee, what member prices saved them in the period); the member sees both
 *   figures all along. A member who turned renewal off ends after settling.
 */
import type { Fen } from '../money'

export type CreditKind = 'rental' | 'pay_after_use' | 'membership'
export type CreditActor = 'shopper' | 'system' | 'admin' | 'platform'

export const RENTAL_STATES = ['created', 'authorized', 'in_use', 'overdue', 'settling', 'completed', 'cancelled', 'expired'] as const
export type RentalState = (typeof RENTAL_STATES)[number]
export type RentalEvent = 'confirm' | 'start' | 'overdue' | 'return' | 'default' | 'charged' | 'cancel' | 'expire'

export const PAY_AFTER_USE_STATES = ['created', 'confirmed', 'charging', 'charged', 'denied', 'cancelled', 'expired'] as const
export type PayAfterUseState = (typeof PAY_AFTER_USE_STATES)[number]
export type PayAfterUseEvent = 'confirm' | 'deny' | 'collect' | 'charged' | 'charge_failed' | 'cancel' | 'expire'

export const MEMBERSHIP_STATES = ['signing', 'active', 'settling', 'ended', 'denied', 'expired'] as const
export type MembershipState = (typeof MEMBERSHIP_STATES)[number]
export type MembershipEvent = 'confirm' | 'deny' | 'expire' | 'period_end' | 'cancel' | 'settled'

/** A state machine's table: each event, the states it may start from, the state it leads to, who may cause it. */
export interface MachineTransition<S extends string> {
  from: readonly S[]
  to: S
  by: readonly CreditActor[]
}

/** What a rental costs: deposit-free rentals are charged by the day, never more than the deposit. */
export interface RentalTerms {
  deposit: Fen
  /** Fee per started day (24 h from the start). */
  dailyRate: Fen
  minDays: number
  maxDays: number
}

/** How the deposit was covered when the shopper confirmed. waived + frozen = deposit. */
export interface DepositCover {
  deposit: Fen
  /** Waived by credit (Sesame / Pay Score). */
  waived: Fen
  /** Frozen from the shopper's own funds (0 when fully waived). */
  frozen: Fen
}

/** The figures at return (or default): what is charged and what is released. */
export interface RentalSettlement {
  /** Started days from start to return (at least 1). */
  days: number
  /** Days past the due time, started days (0 when on time). */
  overdueDays: number
  /** days * dailyRate, before the deposit cap. */
  fee: Fen
  /** min(fee, deposit): what the shopper pays. */
  charge: Fen
  /** deposit - charge: the authorisation released (credit and frozen funds). */
  release: Fen
  /** The part of the release that goes back to the shopper's own funds. */
  unfreeze: Fen
}

/** The light membership's figures for one period. */
export interface MembershipSettlement {
  fee: Fen
  /** What member prices took off orders paid in the period (refunded orders not counted). */
  savings: Fen
  /** min(fee, savings). */
  charge: Fen
}

export type LedgerEntryKind =
  | 'deposit_waived' // credit covered part of a deposit (no money moved, recorded for the shopper)
  | 'deposit_frozen' // funds frozen from the shopper
  | 'charge' // money collected by the shop (rental fee, pay-after-use amount, membership settlement)
  | 'unfreeze' // frozen funds released to the shopper
  | 'release' // the rest of the authorisation (credit part) released

export interface LedgerEntry {
  kind: LedgerEntryKind
  amount: Fen
  at: string
  /** The platform's reference: auth_no / trade_no / out_order_no. */
  reference: string | null
}

/** Days a pay-after-use order waits after shipping before it is collected without a confirm. */
export const PAY_AFTER_USE_DAYS = 7
/** Light membership: one plan, a fee per period. */
export const MEMBERSHIP_PLAN = { fee: 1500 as Fen, periodDays: 30, name: '轻会员' } as const
