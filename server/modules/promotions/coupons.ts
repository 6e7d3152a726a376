import type { Coupon, CouponCenterEntry, CouponStatus, Paged } from '../../../src/domain/contract'
import type { Scope } from '../../../src/domain/promotions/types'
import type { Db, Queryable } from '../../db'
import { AppError, conflict, notFound } from '../../lib/errors'
import { batchTerms, type CouponBatchRow } from './batch-row'
import { scopeText } from './repository'

interface CouponRow {
  id: number
  batch_id: number
  title: string
  type: 'amount' | 'percent'
  value: number
  cap: number | null
  threshold: number
  scope: Scope
  valid_from: Date
  valid_to: Date
  status: 'available' | 'used'
  order_id: number | null
  used_at: Date | null
  with_other_coupons: boolean
}

const COUPON_COLUMNS = `c.id, c.batch_id, b.title, b.type, b.value, b.cap, b.threshold, b.scope, c.valid_from, c.valid_to, c.status, c.order_id, c.used_at, b.with_other_coupons`

function toCoupon(r: CouponRow, now: Date, categories: ReadonlyMap<number, string>): Coupon {
  const validTo = new Date(r.valid_to)
  const status: CouponStatus = r.status === 'used' ? 'used' : validTo <= now ? 'expired' : 'usable'
  return {
    id: r.id,
    batchId: r.batch_id,
    title: r.title,
    type: r.type,
    value: r.value,
    cap: r.cap,
    threshold: r.threshold,
    scope: r.scope,
    scopeText: scopeText(r.scope, categories),
    validFrom: new Date(r.valid_from).toISOString(),
    validTo: validTo.toISOString(),
    status,
    orderId: r.order_id,
    usedAt: r.used_at ? new Date(r.used_at).toISOString() : null,
    withOtherCoupons: r.with_other_coupons,
  }
}

// usable: claimed and still valid (a coupon not yet valid is listed too, with its validFrom);
// expired: never used and past validTo; used: on an order (paid, or unpaid and not yet ended).
const STATUS_WHERE: Record<CouponStatus, string> = {
  usable: "c.status = 'available' AND c.valid_to > $2",
  // ($2 is named so every status binds the same parameters.)
  used: "c.status = 'used' AND $2::timestamptz IS NOT NULL",
  expired: "c.status = 'available' AND c.valid_to <= $2",
}
const STATUS_ORDER: Record<CouponStatus, string> = {
  usable: 'c.valid_to, c.id',
  used: 'c.used_at DESC, c.id DESC',
  expired: 'c.valid_to DESC, c.id DESC',
}

/** The caller's own coupons in one status; every query names the user. */
export async function listMine(
  db: Queryable,
  q: { userId: number; status: CouponStatus; page: number; pageSize: number; now: Date; categories: ReadonlyMap<number, string> },
): Promise<Paged<Coupon>> {
  const where = `c.user_id = $1 AND ${STATUS_WHERE[q.status]}`
  const [rows, count] = await Promise.all([
    db.query<CouponRow>(
      `SELECT ${COUPON_COLUMNS} FROM user_coupons c JOIN coupon_batches b ON b.id = c.batch_id WHERE ${where} ORDER BY ${STATUS_ORDER[q.status]} LIMIT $3 OFFSET $4`,
      [q.userId, q.now, q.pageSize, (q.page - 1) * q.pageSize],
    ),
    db.one<{ n: number }>(`SELECT count(*)::int AS n FROM user_coupons c WHERE ${where}`, [q.userId, q.now]),
  ])
  return { items: rows.rows.map((r) => toCoupon(r, q.now, q.categories)), total: count.n, page: q.page, pageSize: q.pageSize }
}

type BatchRow = Pick<CouponBatchRow, 'id' | 'title' | 'type' | 'value' | 'cap' | 'threshold' | 'scope' | 'valid_from' | 'valid_to' | 'valid_days' | 'total' | 'issued' | 'per_user_limit'> & {
  claimed: number
}

/** The batches open for claiming now (sold-out ones too, marked "已领完"); claimed counts are the caller's. */
export async function couponCenter(db: Queryable, userId: number | null, now: Date, categories: ReadonlyMap<number, string>): Promise<CouponCenterEntry[]> {
  const r = await db.query<BatchRow>(
    `SELECT b.id, b.title, b.type, b.value, b.cap, b.threshold, b.scope, b.valid_from, b.valid_to, b.valid_days, b.total, b.issued, b.per_user_limit,
       COALESCE((SELECT count(*)::int FROM user_coupons c WHERE c.batch_id = b.id AND c.user_id = $2), 0) AS claimed
     FROM coupon_batches b
     WHERE b.ended_at IS NULL AND b.claim_starts_at <= $1 AND b.claim_ends_at > $1 AND (b.valid_to IS NULL OR b.valid_to > $1)
     ORDER BY b.id`,
    [now, userId ?? 0],
  )
  return r.rows.map((b) => {
    const terms = batchTerms(b)
    const reason = terms.remaining <= 0 ? '已领完' : b.claimed >= b.per_user_limit ? '已达领取上限' : null
    return {
      batchId: b.id,
      ...terms,
      scopeText: scopeText(b.scope, categories),
      claimed: b.claimed,
      canClaim: reason === null,
      reason,
    }
  })
}

class OverLimit extends Error {}

/**
 * Claims one coupon of a batch. One transaction: the conditional increment of `issued` takes
 * the batch row's lock, so concurrent claims of a batch run one after another from there and
 * `issued` can't pass `total` (the CHECK would refuse it anyway); the per-user count is then
 * read under that lock, and a claim over the limit rolls the increment back.
 */
export async function claim(db: Db, batchId: number, userId: number, now: Date, categories: ReadonlyMap<number, string>): Promise<Coupon> {
  try {
    const id = await db.tx(async (q) => {
      const b = await q.maybeOne<{ per_user_limit: number; valid_from: Date | null; valid_to: Date | null; valid_days: number | null }>(
        `UPDATE coupon_batches SET issued = issued + 1
         WHERE id = $1 AND issued < total AND ended_at IS NULL AND claim_starts_at <= $2 AND claim_ends_at > $2 AND (valid_to IS NULL OR valid_to > $2)
         RETURNING per_user_limit, valid_from, valid_to, valid_days`,
        [batchId, now],
      )
      if (!b) throw await whyNot(q, batchId, now)
      const from = b.valid_days === null ? (b.valid_from as Date) : now
      const to = b.valid_days === null ? (b.valid_to as Date) : new Date(now.getTime() + b.valid_days * 86_400_000)
      const row = await q.maybeOne<{ id: number }>(
        `INSERT INTO user_coupons (batch_id, user_id, status, valid_from, valid_to, claimed_at)
         SELECT $1, $2, 'available', $3, $4, $5
         WHERE (SELECT count(*) FROM user_coupons WHERE batch_id = $1 AND user_id = $2) < $6
         RETURNING id`,
        [batchId, userId, from, to, now, b.per_user_limit],
      )
      if (!row) throw new OverLimit()
      return row.id
    })
    const r = await db.one<CouponRow>(`SELECT ${COUPON_COLUMNS} FROM user_coupons c JOIN coupon_batches b ON b.id = c.batch_id WHERE c.id = $1`, [id])
    return toCoupon(r, now, categories)
  } catch (err) {
    if (err instanceof OverLimit) throw conflict('CLAIM_LIMIT', '已达领取上限')
    throw err
  }
}

async function whyNot(q: Queryable, batchId: number, now: Date): Promise<AppError> {
  const b = await q.maybeOne<{ issued: number; total: number; ended_at: Date | null; claim_starts_at: Date; claim_ends_at: Date; valid_to: Date | null }>(
    'SELECT issued, total, ended_at, claim_starts_at, claim_ends_at, valid_to FROM coupon_batches WHERE id = $1',
    [batchId],
  )
  if (!b) return notFound('优惠券', 'COUPON_BATCH_NOT_FOUND')
  if (b.ended_at || new Date(b.claim_ends_at) <= now || (b.valid_to && new Date(b.valid_to) <= now)) return conflict('CLAIM_CLOSED', '该优惠券已停止领取')
  if (new Date(b.claim_starts_at) > now) return conflict('CLAIM_NOT_STARTED', '该优惠券还未开始领取')
  return conflict('COUPONS_GONE', '优惠券已领完')
}

/**
 * Issues one coupon of a batch to a shopper inside the caller's transaction (the points mall's
 * coupon items): the batch's `issued` goes up under the same conditional update as a claim, so
 * the batch's total still holds; the claim window and the batch's per-user limit are the coupon
 * centre's and don't apply (the mall item has its own stock and limit). A batch ended, expired
 * or issued out answers 409 COUPONS_GONE and the caller's transaction rolls back.
 */
export async function issueIn(q: Queryable, batchId: number, userId: number, now: Date): Promise<number> {
  const b = await q.maybeOne<{ valid_from: Date | null; valid_to: Date | null; valid_days: number | null }>(
    `UPDATE coupon_batches SET issued = issued + 1
     WHERE id = $1 AND issued < total AND ended_at IS NULL AND (valid_to IS NULL OR valid_to > $2)
     RETURNING valid_from, valid_to, valid_days`,
    [batchId, now],
  )
  if (!b) throw conflict('COUPONS_GONE', '该优惠券已发完或已停止发放')
  const from = b.valid_days === null ? (b.valid_from as Date) : now
  const to = b.valid_days === null ? (b.valid_to as Date) : new Date(now.getTime() + b.valid_days * 86_400_000)
  const row = await q.one<{ id: number }>(
    `INSERT INTO user_coupons (batch_id, user_id, status, valid_from, valid_to, claimed_at) VALUES ($1, $2, 'available', $3, $4, $5) RETURNING id`,
    [batchId, userId, from, to, now],
  )
  return row.id
}
