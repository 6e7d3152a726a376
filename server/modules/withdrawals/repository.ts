import crypto from 'node:crypto'
import { WITHDRAWAL_HOLDING, withdrawalStatusesAllowing, type AdminWithdrawal, type WithdrawalEvent, type WithdrawalStatus, type WithdrawalView } from '../../../src/domain/promoters'
import type { Queryable } from '../../db'
import { iso } from '../../lib/rows'

/** The shop's day (daily limits): Asia/Shanghai, whatever the server's zone. */
export const SHOP_TZ = 'Asia/Shanghai'

export type Channel = WithdrawalView['channel']

export interface WithdrawalRow {
  id: number
  promoter_id: number
  idempotency_key: string
  out_bill_no: string
  amount: number
  channel: Channel
  open_id: string
  status: WithdrawalStatus
  platform_bill_no: string | null
  package_info: string | null
  failure: string | null
  reviewed_by: string | null
  submitted_at: Date | string | null
  created_at: Date | string
  updated_at: Date | string
  finished_at: Date | string | null
}

/** The confirm sheet's ids (wx.requestMerchantTransfer's mchId / appId) for a channel. */
export type ConfirmIds = (channel: Channel) => { mchId: string; appId: string } | null

export function viewOf(r: WithdrawalRow, ids: ConfirmIds): WithdrawalView {
  const c = r.status === 'waiting_confirm' && r.package_info ? ids(r.channel) : null
  return {
    id: r.id,
    amount: r.amount,
    status: r.status,
    channel: r.channel,
    confirm: c && r.package_info ? { ...c, packageInfo: r.package_info } : null,
    failure: r.failure,
    createdAt: iso(r.created_at),
    finishedAt: iso(r.finished_at),
    outBillNo: r.out_bill_no,
  }
}

export interface PromoterRef {
  id: number
  status: string
  platform: 'weapp' | 'alipay' | 'h5'
  openId: string
}

/** The caller's promoter row and what the platform knows them by (users.open_id, else external_id). */
export async function promoterOfUser(q: Queryable, userId: number): Promise<PromoterRef | null> {
  const r = await q.maybeOne<{ id: number; status: string; platform: PromoterRef['platform']; open_id: string | null; external_id: string }>(
    'SELECT p.id, p.status, u.platform, u.open_id, u.external_id FROM promoters p JOIN users u ON u.id = p.user_id WHERE p.user_id = $1',
    [userId],
  )
  return r && { id: r.id, status: r.status, platform: r.platform, openId: r.open_id ?? r.external_id }
}

/**
 * A promoter's money: released commission, what withdrawals hold or paid, what they paid.
 * withdrawable = released − held. Other modules (promoters' GET /me) read it from here.
 */
export async function withdrawalTotals(q: Queryable, promoterId: number): Promise<{ released: number; held: number; withdrawn: number; withdrawable: number }> {
  const r = await q.one<{ released: number; held: number; withdrawn: number }>(
    `SELECT (SELECT COALESCE(sum(released), 0)::int FROM commissions WHERE promoter_id = $1) AS released,
            (SELECT COALESCE(sum(amount), 0)::int FROM withdrawals WHERE promoter_id = $1 AND status = ANY($2::text[])) AS held,
            (SELECT COALESCE(sum(amount), 0)::int FROM withdrawals WHERE promoter_id = $1 AND status = 'succeeded') AS withdrawn`,
    [promoterId, WITHDRAWAL_HOLDING],
  )
  return { ...r, withdrawable: r.released - r.held }
}

/** What the promoter's withdrawals took today (shop time), those still holding or paid. */
export async function takenToday(q: Queryable, promoterId: number, now: Date): Promise<number> {
  const r = await q.one<{ n: number }>(
    `SELECT COALESCE(sum(amount), 0)::int AS n FROM withdrawals
      WHERE promoter_id = $1 AND status = ANY($2::text[])
        AND created_at >= (($3::timestamptz AT TIME ZONE '${SHOP_TZ}')::date::timestamp AT TIME ZONE '${SHOP_TZ}')`,
    [promoterId, WITHDRAWAL_HOLDING, now],
  )
  return r.n
}

/** 'W' + the shop's yyyymmdd + 12 random [0-9A-Z]: 21 characters, as both platforms allow (5–32 of [0-9A-Za-z]). */
export function newOutBillNo(now: Date): string {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: SHOP_TZ, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now).replace(/-/g, '')
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'
  let tail = ''
  for (const b of crypto.randomBytes(12)) tail += alphabet[b % alphabet.length]
  return `W${day}${tail}`
}

export function findByKey(q: Queryable, promoterId: number, key: string): Promise<WithdrawalRow | null> {
  return q.maybeOne<WithdrawalRow>('SELECT * FROM withdrawals WHERE promoter_id = $1 AND idempotency_key = $2', [promoterId, key])
}

export function findById(q: Queryable, id: number): Promise<WithdrawalRow | null> {
  return q.maybeOne<WithdrawalRow>('SELECT * FROM withdrawals WHERE id = $1', [id])
}

export function findByOutBillNo(q: Queryable, outBillNo: string): Promise<WithdrawalRow | null> {
  return q.maybeOne<WithdrawalRow>('SELECT * FROM withdrawals WHERE out_bill_no = $1', [outBillNo])
}

export async function insertWithdrawal(
  q: Queryable,
  w: { promoterId: number; key: string; outBillNo: string; amount: number; channel: Channel; openId: string; status: WithdrawalStatus; now: Date },
): Promise<WithdrawalRow> {
  return q.one<WithdrawalRow>(
    `INSERT INTO withdrawals (promoter_id, idempotency_key, out_bill_no, amount, channel, open_id, status, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING *`,
    [w.promoterId, w.key, w.outBillNo, w.amount, w.channel, w.openId, w.status, w.now],
  )
}

const FINISHED: readonly WithdrawalStatus[] = ['succeeded', 'failed', 'rejected']

/**
 * The one way a withdrawal's status moves: conditional on the machine table (the statuses the
 * event may start from), so a repeated notify, a racing query and an admin click move it once.
 * Answers the row when this call moved it.
 */
export async function moveWithdrawal(
  q: Queryable,
  id: number,
  event: WithdrawalEvent,
  to: WithdrawalStatus,
  set: { platformBillNo?: string | null; packageInfo?: string; failure?: string; reviewedBy?: string; submitted?: boolean },
  now: Date,
): Promise<WithdrawalRow | null> {
  return q.maybeOne<WithdrawalRow>(
    `UPDATE withdrawals SET status = $3, updated_at = $4,
            platform_bill_no = COALESCE($5, platform_bill_no), package_info = COALESCE($6, package_info),
            failure = COALESCE($7, failure), reviewed_by = COALESCE($8, reviewed_by),
            submitted_at = CASE WHEN $9::boolean THEN COALESCE(submitted_at, $4) ELSE submitted_at END,
            finished_at = CASE WHEN $3 = ANY($10::text[]) THEN $4 ELSE finished_at END
      WHERE id = $1 AND status = ANY($2::text[]) RETURNING *`,
    [id, withdrawalStatusesAllowing(event), to, now, set.platformBillNo ?? null, set.packageInfo ?? null, set.failure ?? null, set.reviewedBy ?? null, !!set.submitted, FINISHED],
  )
}

export async function listMine(q: Queryable, promoterId: number): Promise<WithdrawalRow[]> {
  return (await q.query<WithdrawalRow>('SELECT * FROM withdrawals WHERE promoter_id = $1 ORDER BY created_at DESC, id DESC LIMIT 100', [promoterId])).rows
}

export async function listAdmin(
  q: Queryable,
  f: { status?: WithdrawalStatus; page: number; pageSize: number },
  ids: ConfirmIds,
): Promise<{ items: AdminWithdrawal[]; total: number; page: number; pageSize: number }> {
  const cond = f.status ? 'WHERE w.status = $1' : ''
  const params: unknown[] = f.status ? [f.status] : []
  const total = await q.one<{ n: number }>(`SELECT count(*)::int AS n FROM withdrawals w ${cond}`, params)
  const rows = await q.query<WithdrawalRow & { nickname: string }>(
    `SELECT w.*, u.nickname FROM withdrawals w JOIN promoters p ON p.id = w.promoter_id JOIN users u ON u.id = p.user_id ${cond}
      ORDER BY w.created_at DESC, w.id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, f.pageSize, (f.page - 1) * f.pageSize],
  )
  return { items: rows.rows.map((r) => adminViewOf(r, ids)), total: total.n, page: f.page, pageSize: f.pageSize }
}

export function adminViewOf(r: WithdrawalRow & { nickname: string }, ids: ConfirmIds): AdminWithdrawal {
  return { ...viewOf(r, ids), promoterId: r.promoter_id, nickname: r.nickname, reviewedBy: r.reviewed_by }
}

export function findAdmin(q: Queryable, id: number): Promise<(WithdrawalRow & { nickname: string }) | null> {
  return q.maybeOne('SELECT w.*, u.nickname FROM withdrawals w JOIN promoters p ON p.id = w.promoter_id JOIN users u ON u.id = p.user_id WHERE w.id = $1', [id])
}

/** The sweep's work: processing rows the platform never answered for, and waiting / processing ones quiet for `quietMs`. */
export async function dueForSweep(q: Queryable, now: Date, quietMs: number): Promise<WithdrawalRow[]> {
  const rows = await q.query<WithdrawalRow>(
    `SELECT * FROM withdrawals
      WHERE (status = 'processing' AND submitted_at IS NULL)
         OR (status IN ('processing', 'waiting_confirm') AND updated_at < $1)
      ORDER BY id LIMIT 100`,
    [new Date(now.getTime() - quietMs)],
  )
  return rows.rows
}
