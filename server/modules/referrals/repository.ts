import type { ReferralStatus, ReferralView } from '../../../src/domain/points'
import { PAID_STATUSES } from '../../../src/domain/order-state'
import type { Queryable } from '../../db'
import { iso } from '../../lib/rows'

export async function codeOf(q: Queryable, userId: number): Promise<string | null> {
  return (await q.maybeOne<{ code: string }>('SELECT code FROM invite_codes WHERE user_id = $1', [userId]))?.code ?? null
}

/** Saves a code for the shopper; false when the code is someone else's already (draw again). A second ask racing keeps the first code. */
export async function saveCode(q: Queryable, userId: number, code: string, at: Date): Promise<boolean> {
  const r = await q.maybeOne(
    `INSERT INTO invite_codes (user_id, code, created_at) VALUES ($1, $2, $3)
     ON CONFLICT DO NOTHING RETURNING user_id`,
    [userId, code, at],
  )
  return r !== null
}

export async function inviterOf(q: Queryable, code: string): Promise<number | null> {
  return (await q.maybeOne<{ user_id: number }>('SELECT user_id FROM invite_codes WHERE code = $1', [code]))?.user_id ?? null
}

/** A shopper who already paid for an order is no new shopper. */
export async function hasPaidOrder(q: Queryable, userId: number): Promise<boolean> {
  return !!(await q.maybeOne('SELECT 1 FROM orders WHERE user_id = $1 AND status = ANY($2::text[]) LIMIT 1', [userId, PAID_STATUSES]))
}

/** Binds the friend to the inviter, once: the first inviter wins (the primary key), and two shoppers never invite each other. */
export async function bind(q: Queryable, friendId: number, inviterId: number, at: Date): Promise<boolean> {
  const r = await q.maybeOne(
    `INSERT INTO referrals (friend_id, inviter_id, status, invited_at)
     SELECT $1, $2, 'invited', $3 WHERE NOT EXISTS (SELECT 1 FROM referrals WHERE friend_id = $2 AND inviter_id = $1)
     ON CONFLICT (friend_id) DO NOTHING RETURNING friend_id`,
    [friendId, inviterId, at],
  )
  return r !== null
}

export async function friendsOf(q: Queryable, inviterId: number): Promise<ReferralView['friends']> {
  const r = await q.query<{ nickname: string; status: ReferralStatus; invited_at: Date }>(
    `SELECT u.nickname, r.status, r.invited_at FROM referrals r JOIN users u ON u.id = r.friend_id
     WHERE r.inviter_id = $1 ORDER BY r.invited_at DESC LIMIT 100`,
    [inviterId],
  )
  return r.rows.map((x) => ({ nickname: x.nickname, status: x.status, at: iso(x.invited_at) }))
}

/** Referrals waiting out their order's after-sales window that has ended by `at` (the order received, windowDays ago). */
export async function dueReferrals(q: Queryable, at: Date, windowDays: number, limit: number): Promise<number[]> {
  const r = await q.query<{ friend_id: number }>(
    `SELECT r.friend_id FROM referrals r JOIN orders o ON o.id = r.order_id
     WHERE r.status = 'ordered' AND o.received_at IS NOT NULL AND o.received_at + $2 * interval '1 day' <= $1
     ORDER BY r.ordered_at LIMIT $3`,
    [at, windowDays, limit],
  )
  return r.rows.map((x) => x.friend_id)
}
