import type { Paged } from '../../../src/domain/contract'
import { maskNickname, WITHDRAWAL_HOLDING, type AdminPromoter, type CommissionItem, type CommissionState, type PromoterCustomer, type PromoterStatus } from '../../../src/domain/promoters'
import type { Queryable } from '../../db'
import { iso } from '../../lib/rows'

export interface PromoterRow {
  id: number
  user_id: number
  status: PromoterStatus
  parent_id: number | null
  scene: string
  applied_at: Date
  decided_at: Date | null
}

export async function promoterOfUser(q: Queryable, userId: number, lock = false): Promise<PromoterRow | null> {
  return q.maybeOne<PromoterRow>(`SELECT * FROM promoters WHERE user_id = $1${lock ? ' FOR UPDATE' : ''}`, [userId])
}

/** A promoter's money: pending, released, and what withdrawals (the withdrawals module's table) hold or paid. */
export interface Figures {
  pending: number
  released: number
  withdrawable: number
  withdrawn: number
}

// Sums per promoter as a reusable SQL fragment (`holding`: the parameter naming the statuses that hold a withdrawal's money).
const FIGURES = (holding: string) => `
  COALESCE((SELECT sum(c.accrued - c.reversed - c.released) FROM commissions c WHERE c.promoter_id = p.id), 0)::int AS pending,
  COALESCE((SELECT sum(c.released) FROM commissions c WHERE c.promoter_id = p.id), 0)::int AS released,
  COALESCE((SELECT sum(w.amount) FROM withdrawals w WHERE w.promoter_id = p.id AND w.status = ANY(${holding}::text[])), 0)::int AS held,
  COALESCE((SELECT sum(w.amount) FROM withdrawals w WHERE w.promoter_id = p.id AND w.status = 'succeeded'), 0)::int AS withdrawn,
  (SELECT count(*) FROM promoter_bindings b WHERE b.promoter_id = p.id)::int AS customers,
  (SELECT count(*) FROM promoters r WHERE r.parent_id = p.id)::int AS recruits`

interface FigureCols {
  pending: number
  released: number
  held: number
  withdrawn: number
  customers: number
  recruits: number
}

const figuresOf = (r: FigureCols): Figures => ({ pending: r.pending, released: r.released, withdrawable: r.released - r.held, withdrawn: r.withdrawn })

export async function figures(q: Queryable, promoterId: number): Promise<Figures & { customers: number; recruits: number }> {
  const r = await q.one<FigureCols>(`SELECT ${FIGURES('$2')} FROM promoters p WHERE p.id = $1`, [promoterId, WITHDRAWAL_HOLDING])
  return { ...figuresOf(r), customers: r.customers, recruits: r.recruits }
}

type AdminRow = PromoterRow & FigureCols & { nickname: string; platform: string }

const adminView = (r: AdminRow): AdminPromoter => ({
  id: r.id,
  userId: r.user_id,
  status: r.status,
  nickname: r.nickname,
  platform: r.platform,
  scene: r.scene,
  parentId: r.parent_id,
  customers: r.customers,
  pending: r.pending,
  released: r.released,
  withdrawable: r.released - r.held,
  appliedAt: iso(r.applied_at),
  decidedAt: iso(r.decided_at),
})

export interface AdminFilter {
  status?: PromoterStatus
  /** A nickname fragment, or a promoter / user id. */
  q?: string
  page: number
  pageSize: number
}

export async function listAdmin(q: Queryable, f: AdminFilter): Promise<Paged<AdminPromoter>> {
  const params: unknown[] = []
  const where: string[] = []
  if (f.status) where.push(`p.status = $${params.push(f.status)}`)
  if (f.q) {
    const n = /^\d{1,9}$/.test(f.q) ? Number(f.q) : 0
    where.push(`(u.nickname ILIKE $${params.push(`%${f.q.replace(/[\\%_]/g, '\\$&')}%`)} OR p.id = $${params.push(n)} OR p.user_id = $${params.length})`)
  }
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : ''
  const total = await q.one<{ total: number }>(`SELECT count(*)::int AS total FROM promoters p JOIN users u ON u.id = p.user_id ${whereSql}`, params)
  const rows = await q.query<AdminRow>(
    `SELECT p.*, u.nickname, u.platform, ${FIGURES(`$${params.push(WITHDRAWAL_HOLDING)}`)} FROM promoters p JOIN users u ON u.id = p.user_id ${whereSql}
     ORDER BY p.applied_at DESC, p.id DESC LIMIT $${params.push(f.pageSize)} OFFSET $${params.push((f.page - 1) * f.pageSize)}`,
    params,
  )
  return { items: rows.rows.map(adminView), total: total.total, page: f.page, pageSize: f.pageSize }
}

export async function findAdmin(q: Queryable, id: number): Promise<AdminPromoter | null> {
  const r = await q.maybeOne<AdminRow>(`SELECT p.*, u.nickname, u.platform, ${FIGURES('$2')} FROM promoters p JOIN users u ON u.id = p.user_id WHERE p.id = $1`, [id, WITHDRAWAL_HOLDING])
  return r && adminView(r)
}

// The state of a (order, level) group, in SQL as stateOf() says it per line: anything released → released; all reversed → reversed.
const STATE_SQL = `CASE WHEN sum(c.released) > 0 THEN 'released' WHEN sum(c.reversed) >= sum(c.accrued) THEN 'reversed' ELSE 'pending' END`

/** A promoter's commission, one item per order and level (its lines summed), newest first. */
export async function listCommissions(q: Queryable, promoterId: number, f: { state?: CommissionState; page: number; pageSize: number }, windowDays: number): Promise<Paged<CommissionItem>> {
  const params: unknown[] = [promoterId]
  const having = f.state ? `HAVING ${STATE_SQL} = $${params.push(f.state)}` : ''
  const grouped = `SELECT c.order_id, c.level, sum(c.base)::int AS base, sum(c.accrued)::int AS accrued, sum(c.reversed)::int AS reversed, sum(c.released)::int AS released,
      min(c.created_at) AS created_at, max(c.released_at) AS released_at, ${STATE_SQL} AS state
    FROM commissions c WHERE c.promoter_id = $1 GROUP BY c.order_id, c.level ${having}`
  const total = await q.one<{ total: number }>(`SELECT count(*)::int AS total FROM (${grouped}) g`, params)
  const rows = await q.query<{
    order_id: number
    level: 1 | 2
    base: number
    accrued: number
    reversed: number
    released: number
    created_at: Date
    released_at: Date | null
    state: CommissionState
    order_no: string
    nickname: string
    received_at: Date | null
  }>(
    `SELECT g.*, o.order_no, u.nickname, o.received_at FROM (${grouped}) g JOIN orders o ON o.id = g.order_id JOIN users u ON u.id = o.user_id
     ORDER BY g.created_at DESC, g.order_id DESC, g.level LIMIT $${params.push(f.pageSize)} OFFSET $${params.push((f.page - 1) * f.pageSize)}`,
    params,
  )
  const items = rows.rows.map(
    (r): CommissionItem => ({
      orderId: r.order_id,
      orderNo: r.order_no,
      level: r.level,
      buyer: maskNickname(r.nickname),
      base: r.base,
      accrued: r.accrued,
      reversed: r.reversed,
      released: r.released,
      pending: r.accrued - r.reversed - r.released,
      state: r.state,
      createdAt: iso(r.created_at),
      releaseAt:
        r.state === 'released' ? iso(r.released_at) : r.state === 'pending' && r.received_at ? new Date(new Date(r.received_at).getTime() + windowDays * 86_400_000).toISOString() : null,
    }),
  )
  return { items, total: total.total, page: f.page, pageSize: f.pageSize }
}

/** The customers bound to a promoter (the row stays theirs until another promoter takes the customer), with their paid orders since binding. */
export async function listCustomers(q: Queryable, promoterId: number, page: number, pageSize: number): Promise<{ items: PromoterCustomer[]; total: number }> {
  const total = await q.one<{ total: number }>('SELECT count(*)::int AS total FROM promoter_bindings WHERE promoter_id = $1', [promoterId])
  const rows = await q.query<{ nickname: string; bound_at: Date; locked_until: Date; orders: number }>(
    `SELECT u.nickname, b.bound_at, b.locked_until,
       (SELECT count(*) FROM orders o WHERE o.user_id = b.user_id AND o.paid_at >= b.bound_at)::int AS orders
     FROM promoter_bindings b JOIN users u ON u.id = b.user_id WHERE b.promoter_id = $1
     ORDER BY b.bound_at DESC, b.user_id DESC LIMIT $2 OFFSET $3`,
    [promoterId, pageSize, (page - 1) * pageSize],
  )
  return { items: rows.rows.map((r) => ({ nickname: maskNickname(r.nickname), boundAt: iso(r.bound_at), lockedUntil: iso(r.locked_until), orders: r.orders })), total: total.total }
}

/** Promoters this one recruited (newest first, the latest 100). */
export async function listRecruits(q: Queryable, promoterId: number): Promise<{ items: { nickname: string; joinedAt: string }[] }> {
  const rows = await q.query<{ nickname: string; joined_at: Date }>(
    `SELECT u.nickname, COALESCE(p.decided_at, p.applied_at) AS joined_at FROM promoters p JOIN users u ON u.id = p.user_id
     WHERE p.parent_id = $1 ORDER BY p.applied_at DESC, p.id DESC LIMIT 100`,
    [promoterId],
  )
  return { items: rows.rows.map((r) => ({ nickname: maskNickname(r.nickname), joinedAt: iso(r.joined_at) })) }
}
