import crypto from 'node:crypto'
import type { Order } from '../../../src/domain/contract'
import type { GiftClaim, GiftStatus } from '../../../src/domain/gifts'
import type { Queryable } from '../../db'
import { iso, parseJson } from '../../lib/rows'

/** gifts and gift_claims: this module's tables. Other modules read them through index.ts. */

export type GiftAddress = NonNullable<Order['address']>

export interface GiftRow {
  id: number
  order_id: number
  code: string
  giver_id: number
  message: string
  recipients: number
  claimed: number
  status: GiftStatus
  created_at: Date
  expires_at: Date | null
  refund_id: number | null
}

const GIFT_COLUMNS = 'id, order_id, code, giver_id, message, recipients, claimed, status, created_at, expires_at, refund_id'
const CODE_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

/** The share card's code: 10 of [0-9A-Za-z] from the CSPRNG (62^10: not guessable, not counted). */
export function newGiftCode(): string {
  let code = ''
  for (let i = 0; i < 10; i++) code += CODE_ALPHABET[crypto.randomInt(CODE_ALPHABET.length)]
  return code
}

export async function insertGift(q: Queryable, g: { orderId: number; giverId: number; message: string; recipients: number; at: Date }): Promise<void> {
  await q.query("INSERT INTO gifts (order_id, code, giver_id, message, recipients, status, created_at) VALUES ($1, $2, $3, $4, $5, 'unpaid', $6)", [
    g.orderId,
    newGiftCode(),
    g.giverId,
    g.message,
    g.recipients,
    g.at,
  ])
}

export async function giftByCode(q: Queryable, code: string, lock = false): Promise<GiftRow | null> {
  return q.maybeOne<GiftRow>(`SELECT ${GIFT_COLUMNS} FROM gifts WHERE code = $1${lock ? ' FOR UPDATE' : ''}`, [code])
}

export async function giftOfOrder(q: Queryable, orderId: number): Promise<GiftRow | null> {
  return q.maybeOne<GiftRow>(`SELECT ${GIFT_COLUMNS} FROM gifts WHERE order_id = $1`, [orderId])
}

/** The gifts a user sent (newest first), or those they claimed a share of. */
export async function giftsOf(q: Queryable, userId: number, role: 'sent' | 'received', limit: number): Promise<GiftRow[]> {
  const sql =
    role === 'sent'
      ? `SELECT ${GIFT_COLUMNS} FROM gifts WHERE giver_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2`
      : `SELECT ${GIFT_COLUMNS.split(', ').map((c) => `g.${c}`).join(', ')} FROM gifts g JOIN gift_claims c ON c.gift_id = g.id WHERE c.user_id = $1 ORDER BY c.at DESC, c.id DESC LIMIT $2`
  return (await q.query<GiftRow>(sql, [userId, limit])).rows
}

/**
 * Moves the gift of an order from one of `from` to `to` (a conditional update: a repeated or
 * late event changes nothing). Answers whether it moved.
 */
export async function moveGift(q: Queryable, orderId: number, from: readonly GiftStatus[], to: GiftStatus, expiresAt?: Date): Promise<boolean> {
  const r = await q.query('UPDATE gifts SET status = $3, expires_at = COALESCE($4, expires_at) WHERE order_id = $1 AND status = ANY($2::text[])', [orderId, [...from], to, expiresAt ?? null])
  return r.rowCount > 0
}

export interface ClaimRow {
  id: number
  share_no: number
  user_id: number
  nickname: string
  address: GiftAddress | string
  at: Date
  carrier: string | null
  tracking_no: string | null
}

export async function claimsOfGift(q: Queryable, giftId: number): Promise<ClaimRow[]> {
  const r = await q.query<ClaimRow>(
    'SELECT c.id, c.share_no, c.user_id, u.nickname, c.address, c.at, c.carrier, c.tracking_no FROM gift_claims c JOIN users u ON u.id = c.user_id WHERE c.gift_id = $1 ORDER BY c.share_no',
    [giftId],
  )
  return r.rows
}

/**
 * One share to this user: the share number is the next one (the gift row is locked by the
 * caller), and the unique keys (gift, share_no) and (gift, user) refuse a second row whatever
 * happens. The gift counts it and is claimed with its last share.
 */
export async function insertClaim(q: Queryable, g: GiftRow, userId: number, address: GiftAddress, at: Date): Promise<void> {
  await q.query('INSERT INTO gift_claims (gift_id, share_no, user_id, address, at) VALUES ($1, $2, $3, $4, $5)', [g.id, g.claimed + 1, userId, JSON.stringify(address), at])
  await q.query("UPDATE gifts SET claimed = claimed + 1, status = CASE WHEN claimed + 1 = recipients THEN 'claimed' ELSE status END WHERE id = $1", [g.id])
}

export async function setRefund(q: Queryable, giftId: number, refundId: number): Promise<void> {
  await q.query('UPDATE gifts SET refund_id = $2 WHERE id = $1', [giftId, refundId])
}

export function toGiftClaim(c: ClaimRow): GiftClaim {
  const a = parseJson(c.address)
  return {
    id: c.id,
    shareNo: c.share_no,
    nickname: c.nickname,
    address: { name: a.name, phone: a.phone, region: Array.isArray(a.region) ? a.region.join(' ') : String(a.region), detail: a.detail },
    at: iso(c.at),
    carrier: c.carrier,
    trackingNo: c.tracking_no,
  }
}

/** The console's view of a gift order's claims (AdminOrder.giftClaims): [] for any other order. */
export async function claimsOf(q: Queryable, orderId: number): Promise<GiftClaim[]> {
  const g = await giftOfOrder(q, orderId)
  return g ? (await claimsOfGift(q, g.id)).map(toGiftClaim) : []
}

/** What shipping needs of a gift order: its state and each claim's address (null: no gift). */
export interface ShippingGift {
  status: GiftStatus
  recipients: number
  claims: { id: number; address: GiftAddress }[]
}

export async function giftForShipping(q: Queryable, orderId: number): Promise<ShippingGift | null> {
  const g = await giftOfOrder(q, orderId)
  if (!g) return null
  const claims = await q.query<{ id: number; address: GiftAddress | string }>('SELECT id, address FROM gift_claims WHERE gift_id = $1 ORDER BY share_no', [g.id])
  return { status: g.status, recipients: g.recipients, claims: claims.rows.map((c) => ({ id: c.id, address: parseJson(c.address) })) }
}

/** A claim's share went out in this parcel (the ship's transaction): the recipient follows it in GiftView.myParcel. */
export async function markShippedIn(q: Queryable, claimId: number, p: { carrier: string; trackingNo: string; at: Date }): Promise<void> {
  await q.query('UPDATE gift_claims SET carrier = $2, tracking_no = $3, shipped_at = $4 WHERE id = $1', [claimId, p.carrier, p.trackingNo, p.at])
}
