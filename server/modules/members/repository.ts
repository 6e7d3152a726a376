import type { Queryable } from '../../db'
import type { MemberListEntry } from '../../../src/domain/admin-contract'
export type { MemberListEntry }

/**
 * Light membership: a row per member. Member prices (src/domain/promotions, kind
 * member_price) apply while it is active and within its dates. The credit issue builds
 * paid membership on top of this table.
 */
export const MEMBER_SQL = `EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = $1 AND m.status = 'active' AND m.started_at <= $2 AND (m.ends_at IS NULL OR m.ends_at > $2))`

export async function isMember(q: Queryable, userId: number, now: Date): Promise<boolean> {
  return (await q.one<{ member: boolean }>(`SELECT ${MEMBER_SQL} AS member`, [userId, now])).member
}


export interface Membership {
  userId: number
  status: 'active' | 'ended'
  source: string
  startedAt: string
  endsAt: string | null
}

interface Row {
  user_id: number
  status: 'active' | 'ended'
  source: string
  started_at: Date
  ends_at: Date | null
}

const view = (r: Row): Membership => ({
  userId: r.user_id,
  status: r.status,
  source: r.source,
  startedAt: new Date(r.started_at).toISOString(),
  endsAt: r.ends_at ? new Date(r.ends_at).toISOString() : null,
})

/** Starts (or restarts) a membership; a running one keeps its start. */
export async function activate(q: Queryable, userId: number, opts: { source: string; endsAt: Date | null; now: Date }): Promise<Membership> {
  const r = await q.one<Row>(
    `INSERT INTO memberships (user_id, status, source, started_at, ends_at) VALUES ($1, 'active', $2, $3, $4)
     ON CONFLICT (user_id) DO UPDATE SET status = 'active', source = EXCLUDED.source, ends_at = EXCLUDED.ends_at,
       started_at = CASE WHEN memberships.status = 'active' THEN memberships.started_at ELSE EXCLUDED.started_at END
     RETURNING *`,
    [userId, opts.source, opts.now, opts.endsAt],
  )
  return view(r)
}

/** Ends a membership now; null when the user never had one. */
export async function end(q: Queryable, userId: number, now: Date): Promise<Membership | null> {
  const r = await q.maybeOne<Row>(
    `UPDATE memberships SET status = 'ended', ends_at = CASE WHEN ends_at IS NULL OR ends_at > $2 THEN $2 ELSE ends_at END WHERE user_id = $1 RETURNING *`,
    [userId, now],
  )
  return r ? view(r) : null
}

/** Admin: memberships, most recently started first, with the shopper's name and platform. */
export async function listMembers(q: Queryable, page: number, pageSize: number): Promise<{ items: MemberListEntry[]; total: number; page: number; pageSize: number }> {
  const [rows, count] = await Promise.all([
    q.query<Row & { nickname: string; platform: MemberListEntry['platform']; period_end: Date | null }>(
      `SELECT m.*, u.nickname, u.platform FROM memberships m JOIN users u ON u.id = m.user_id
       ORDER BY m.started_at DESC, m.user_id DESC LIMIT $1 OFFSET $2`,
      [pageSize, (page - 1) * pageSize],
    ),
    q.one<{ n: number }>('SELECT count(*)::int AS n FROM memberships'),
  ])
  const items = rows.rows.map((r) => ({
    userId: r.user_id,
    nickname: r.nickname,
    platform: r.platform,
    tier: r.source,
    status: r.status,
    startedAt: new Date(r.started_at).toISOString(),
    // A credit-backed membership runs period by period: it lasts until its period's end unless ended.
    expiresAt: r.ends_at ? new Date(r.ends_at).toISOString() : r.period_end ? new Date(r.period_end).toISOString() : null,
  }))
  return { items, total: count.n, page, pageSize }
}

// ---- Light membership (credit/membership.ts): the period columns of a credit-backed membership. ----

/** A confirmed light membership: active from `at`, its first period, its credit order and fee. */
export async function startCreditMembership(q: Queryable, userId: number, p: { at: Date; periodEnd: Date | string; creditOrderId: number; fee: number }): Promise<void> {
  await q.query(
    `INSERT INTO memberships (user_id, status, source, started_at, ends_at, period_start, period_end, auto_renew, credit_order_id, fee)
     VALUES ($1, 'active', 'credit', $2, NULL, $2, $3, true, $4, $5)
     ON CONFLICT (user_id) DO UPDATE SET status = 'active', source = 'credit', started_at = $2, ends_at = NULL, period_start = $2, period_end = $3, credit_order_id = $4, fee = $5`,
    [userId, p.at, p.periodEnd, p.creditOrderId, p.fee],
  )
}

export async function setAutoRenew(q: Queryable, userId: number, autoRenew: boolean): Promise<void> {
  await q.query('UPDATE memberships SET auto_renew = $2 WHERE user_id = $1', [userId, autoRenew])
}

export async function setPeriod(q: Queryable, userId: number, start: Date | string, end: Date | string): Promise<void> {
  await q.query('UPDATE memberships SET period_start = $2, period_end = $3 WHERE user_id = $1', [userId, start, end])
}

export async function endAt(q: Queryable, userId: number, at: Date): Promise<void> {
  await q.query("UPDATE memberships SET status = 'ended', ends_at = $2 WHERE user_id = $1", [userId, at])
}
