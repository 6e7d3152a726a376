/**
 * Gift sending (送礼): an order bought for others. The giver pays without an address and
 * shares a gift card to a chat; each recipient claims one share and gives an address; shares
 * nobody claimed in time are refunded to the giver. Pure: no I/O.
 *
 *   gift:   unpaid ──order paid──▶ open ──last share claimed──▶ claimed
 *             │                      └──time runs out──▶ expired (unclaimed shares refunded)
 *             └──order closed / cancelled──▶ cancelled
 *   A share: open ──claim (one recipient, with an address)──▶ claimed  (or refunded at expiry)
 */
import type { Fen } from './money'

export const MAX_GIFT_MESSAGE = 60
export const MAX_GIFT_RECIPIENTS = 20
export const DEFAULT_GIFT_CLAIM_HOURS = 24

/** POST /api/orders accepts `gift: {message, recipients}` (fixed). */
export interface GiftInput {
  message: string
  /** How many people may claim (1: the first who opens it; n: a multi-gift, one share each). */
  recipients: number
}

export const GIFT_STATUSES = ['unpaid', 'open', 'claimed', 'expired', 'cancelled'] as const
export type GiftStatus = (typeof GIFT_STATUSES)[number]

export type GiftEvent = 'paid' | 'claim_last' | 'expire' | 'cancel'

/** The gift's machine as a table (a claim that isn't the last leaves it open). */
export const GIFT_TRANSITIONS: Record<GiftEvent, { from: readonly GiftStatus[]; to: GiftStatus }> = {
  paid: { from: ['unpaid'], to: 'open' },
  claim_last: { from: ['open'], to: 'claimed' },
  expire: { from: ['open'], to: 'expired' },
  cancel: { from: ['unpaid'], to: 'cancelled' },
}

export function nextGiftStatus(from: GiftStatus, event: GiftEvent): GiftStatus | null {
  const t = GIFT_TRANSITIONS[event]
  return t.from.includes(from) ? t.to : null
}

export interface GiftLine {
  skuId: number
  quantity: number
}

export type GiftCheck = { ok: true } | { ok: false; code: 'BAD_GIFT_MESSAGE' | 'BAD_RECIPIENTS' | 'GIFT_SPLIT' | 'GIFT_NO_PAY_AFTER_USE'; message: string }

/**
 * A gift order as asked for: a message of at most 60 characters, 1–20 recipients, and lines
 * that split evenly (each recipient gets the same share: every line's quantity a multiple of
 * the recipients). A gift is paid up front (no pay after use: nobody confirms receipt for it).
 */
export function checkGift(gift: GiftInput, lines: readonly GiftLine[], paymentMode: 'pay_now' | 'pay_after_use' = 'pay_now'): GiftCheck {
  if (typeof gift.message !== 'string' || [...gift.message].length > MAX_GIFT_MESSAGE)
    return { ok: false, code: 'BAD_GIFT_MESSAGE', message: `祝福语最多 ${MAX_GIFT_MESSAGE} 个字` }
  if (!Number.isInteger(gift.recipients) || gift.recipients < 1 || gift.recipients > MAX_GIFT_RECIPIENTS)
    return { ok: false, code: 'BAD_RECIPIENTS', message: `领取人数须在 1–${MAX_GIFT_RECIPIENTS} 之间` }
  if (paymentMode === 'pay_after_use') return { ok: false, code: 'GIFT_NO_PAY_AFTER_USE', message: '送礼订单需要先付款' }
  const bad = lines.find((l) => l.quantity % gift.recipients !== 0)
  if (bad) return { ok: false, code: 'GIFT_SPLIT', message: `每位领取人份数相同：每件商品的数量须是 ${gift.recipients} 的倍数` }
  return { ok: true }
}

/** One recipient's share: every line divided by the recipients. */
export function shareOf(lines: readonly GiftLine[], recipients: number): GiftLine[] {
  return lines.map((l) => ({ skuId: l.skuId, quantity: l.quantity / recipients }))
}

/** What the unclaimed shares come to as refund lines (the refunds module prices them). */
export function unclaimedLines(lines: readonly GiftLine[], recipients: number, claimed: number): GiftLine[] {
  const left = Math.max(0, recipients - claimed)
  return shareOf(lines, recipients)
    .map((l) => ({ skuId: l.skuId, quantity: l.quantity * left }))
    .filter((l) => l.quantity > 0)
}

/** 10 characters of [0-9A-Za-z]: the gift's code in its share path (/pkg-share/gift/index?code=). */
export const GIFT_CODE_RE = /^[0-9A-Za-z]{10}$/

/** GET /api/gifts/:code: what anyone holding the card sees (no address, no phone of anyone else). */
export interface GiftView {
  code: string
  status: GiftStatus
  message: string
  giver: { nickname: string; avatar: string | null }
  /** One share's lines (what each recipient gets). */
  items: { title: string; image: string; specs: string; quantity: number }[]
  recipients: number
  claimed: number
  /** Who claimed: nickname and when. The giver sees all; a recipient sees all nicknames too. */
  claims: { nickname: string; at: string }[]
  expiresAt: string | null
  /** The viewer is the giver (share button) or has claimed a share (their order link). */
  mine: boolean
  claimedByMe: boolean
  /** The gift order: the giver's only (a recipient follows their share's parcel in `myParcel`). */
  orderId: number | null
  /** The viewer's claimed share once shipped: carrier and number (tracking as on an order). */
  myParcel: { carrier: string; trackingNo: string } | null
  total: Fen
}

/** On the giver's order (Order.gift). */
export interface OrderGift {
  code: string
  status: GiftStatus
  message: string
  recipients: number
  claimed: number
  expiresAt: string | null
}

/** On the console's order (AdminOrder.giftClaims): a claim with the address its share ships to. */
export interface GiftClaim {
  id: number
  shareNo: number
  nickname: string
  address: { name: string; phone: string; region: string; detail: string }
  at: string
  carrier: string | null
  trackingNo: string | null
}
