import type { Paged } from '../../../src/domain/contract'
import type { Scope } from '../../../src/domain/promotions/types'
import type { Db, Queryable } from '../../db'
import { badInput, notFound } from '../../lib/errors'
import { iso } from '../../lib/rows'
import { recordAudit, type AdminIdentity } from '../staff'
import { batchTerms, type CouponBatchRow } from './batch-row'
import { PROMOTION_SELECT, toPromotion } from './repository'
import { DEFAULT_STACKING, type CouponBatchInput, type PromotionInput } from './schemas'
import type { AdminPromotion, AdminCouponBatch } from '../../../src/domain/admin-contract'
export type { AdminPromotion, AdminCouponBatch }

async function checkScope(q: Queryable, scope: Scope): Promise<void> {
  if (scope.type === 'products') {
    const r = await q.query<{ id: number }>('SELECT id FROM products WHERE id = ANY($1::int[])', [scope.productIds])
    const missing = scope.productIds.filter((id) => !r.rows.some((x) => x.id === id))
    if (missing.length) throw badInput(`scope.productIds: 商品不存在（id ${missing.join('、')}）`)
  }
  if (scope.type === 'categories') {
    const r = await q.query<{ id: number }>('SELECT id FROM categories WHERE id = ANY($1::int[])', [scope.categoryIds])
    const missing = scope.categoryIds.filter((id) => !r.rows.some((x) => x.id === id))
    if (missing.length) throw badInput(`scope.categoryIds: 分类不存在（id ${missing.join('、')}）`)
  }
}

/** The SKUs' regular prices; unknown ids (and archived SKUs, no longer sold) are a 400 naming them. */
async function skuPrices(q: Queryable, skuIds: number[], field: string): Promise<Map<number, number>> {
  const r = await q.query<{ id: number; price: number }>('SELECT id, price FROM skus WHERE id = ANY($1::int[]) AND NOT archived', [skuIds])
  const prices = new Map(r.rows.map((x) => [x.id, x.price]))
  const missing = skuIds.filter((id) => !prices.has(id))
  if (missing.length) throw badInput(`${field}: 商品规格不存在（skuId ${missing.join('、')}）`)
  return prices
}

function statusOf(p: { startsAt: number; endsAt: number }, endedAt: Date | null, now: Date): AdminPromotion['status'] {
  if (endedAt) return 'ended'
  if (now.getTime() < p.startsAt) return 'scheduled'
  return now.getTime() < p.endsAt ? 'running' : 'over'
}

async function readPromotions(q: Queryable, where: string, params: unknown[], now: Date): Promise<AdminPromotion[]> {
  const r = await q.query<Parameters<typeof toPromotion>[0] & { ended_at: Date | null; stock: { skuId: number; stock: number; sold: number }[] | null }>(
    `${PROMOTION_SELECT.replace(
      'FROM promotions p',
      `, p.ended_at, (SELECT json_agg(json_build_object('skuId', i.sku_id, 'stock', i.stock, 'sold', i.sold) ORDER BY i.sku_id) FROM promotion_items i WHERE i.promotion_id = p.id) AS stock
      FROM promotions p`,
    )} ${where}`,
    params,
  )
  return r.rows.map((row) => {
    const p = toPromotion(row)
    return {
      ...p,
      status: statusOf(p, row.ended_at, now),
      endedAt: row.ended_at ? new Date(row.ended_at).toISOString() : null,
      ...(p.kind === 'limited_time' ? { stock: row.stock ?? [] } : {}),
    }
  })
}

export async function createPromotion(db: Db, input: PromotionInput, now: Date): Promise<AdminPromotion> {
  if (input.endsAt <= now) throw badInput('endsAt: 结束时间必须晚于现在')
  const stacking = { ...DEFAULT_STACKING[input.kind], ...input.stacking }
  stacking.priority ??= DEFAULT_STACKING[input.kind].priority
  const id = await db.tx(async (q) => {
    let rules: Record<string, unknown>
    if (input.kind === 'limited_time') {
      const prices = await skuPrices(q, input.items.map((i) => i.skuId), 'items')
      const dear = input.items.find((i) => i.price >= (prices.get(i.skuId) as number))
      if (dear) throw badInput(`items: 限时价必须低于原价（skuId ${dear.skuId} 原价 ${((prices.get(dear.skuId) as number) / 100).toFixed(2)} 元）`)
      rules = { perUserLimit: input.perUserLimit }
    } else if (input.kind === 'member_price') {
      await checkScope(q, input.scope)
      if (input.items.length) {
        const prices = await skuPrices(q, input.items.map((i) => i.skuId), 'items')
        const dear = input.items.find((i) => i.price >= (prices.get(i.skuId) as number))
        if (dear) throw badInput(`items: 会员价必须低于原价（skuId ${dear.skuId}）`)
      }
      rules = { scope: input.scope, percent: input.percent, items: input.items }
    } else if (input.kind === 'n_for_n') {
      await checkScope(q, input.scope)
      rules = { scope: input.scope, count: input.count, price: input.price }
    } else if (input.kind === 'full_reduction') {
      await checkScope(q, input.scope)
      rules = { scope: input.scope, basis: input.basis, tiers: input.tiers, repeat: input.repeat, cap: input.cap }
    } else {
      await checkScope(q, input.scope)
      rules = { scope: input.scope, basis: input.basis, tiers: input.tiers, cap: input.cap }
    }
    const r = await q.one<{ id: number }>(
      'INSERT INTO promotions (kind, name, starts_at, ends_at, stacking, rules, created_at, min_level) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id',
      [input.kind, input.name, input.startsAt, input.endsAt, JSON.stringify(stacking), JSON.stringify(rules), now, input.kind === 'member_price' ? input.minLevel : null],
    )
    if (input.kind === 'limited_time') {
      await q.query(
        `INSERT INTO promotion_items (promotion_id, sku_id, price, stock)
         SELECT $1, x.sku_id, x.price, x.stock FROM json_to_recordset($2::json) AS x(sku_id int, price int, stock int)`,
        [r.id, JSON.stringify(input.items.map((i) => ({ sku_id: i.skuId, price: i.price, stock: i.stock })))],
      )
    }
    return r.id
  })
  return (await readPromotions(db, 'WHERE p.id = $1', [id], now))[0]
}

export async function listPromotions(db: Queryable, page: number, pageSize: number, now: Date): Promise<Paged<AdminPromotion>> {
  const [items, count] = await Promise.all([
    readPromotions(db, 'ORDER BY p.id DESC LIMIT $1 OFFSET $2', [pageSize, (page - 1) * pageSize], now),
    db.one<{ n: number }>('SELECT count(*)::int AS n FROM promotions'),
  ])
  return { items, total: count.n, page, pageSize }
}

/** Ends a promotion now: it stops pricing at once. Ending it again changes nothing. */
export async function endPromotion(db: Queryable, id: number, now: Date): Promise<AdminPromotion> {
  await db.query('UPDATE promotions SET ended_at = $2 WHERE id = $1 AND ended_at IS NULL', [id, now])
  const p = (await readPromotions(db, 'WHERE p.id = $1', [id], now))[0]
  if (!p) throw notFound('活动', 'PROMOTION_NOT_FOUND')
  return p
}

/** A batch row with its coupons counted (user_coupons_batch_status_idx). */
const BATCH_SELECT = `SELECT b.*,
  (SELECT count(*)::int FROM user_coupons c WHERE c.batch_id = b.id) AS claimed,
  (SELECT count(*)::int FROM user_coupons c WHERE c.batch_id = b.id AND c.status = 'used') AS used
  FROM coupon_batches b`

function batchView(b: CouponBatchRow & { claimed?: number; used?: number }): AdminCouponBatch {
  return {
    id: b.id,
    ...batchTerms(b),
    scope: b.scope,
    claimStartsAt: iso(b.claim_starts_at),
    claimEndsAt: iso(b.claim_ends_at),
    issued: b.issued,
    withOtherCoupons: b.with_other_coupons,
    combinesWith: b.combines_with,
    endedAt: b.ended_at ? iso(b.ended_at) : null,
    claimed: b.claimed ?? 0,
    used: b.used ?? 0,
  }
}

/** Coupons combine with every promotion kind unless the admin narrows it. */
const ALL_PROMOTIONS = ['limited_time', 'member_price', 'n_for_n', 'full_reduction', 'full_discount']

export async function createCouponBatch(db: Queryable, input: CouponBatchInput, now: Date): Promise<AdminCouponBatch> {
  if (input.claimEndsAt <= now) throw badInput('claimEndsAt: 领取结束时间必须晚于现在')
  if ('to' in input.validity && input.validity.to <= now) throw badInput('validity: 有效期结束必须晚于现在')
  await checkScope(db, input.scope)
  const fixed = 'from' in input.validity ? input.validity : null
  const r = await db.one<CouponBatchRow>(
    `INSERT INTO coupon_batches (title, type, value, cap, threshold, scope, claim_starts_at, claim_ends_at, valid_from, valid_to, valid_days, total, per_user_limit, with_other_coupons, combines_with, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING *`,
    [
      input.title,
      input.type,
      input.value,
      input.cap,
      input.threshold,
      JSON.stringify(input.scope),
      input.claimStartsAt,
      input.claimEndsAt,
      fixed?.from ?? null,
      fixed?.to ?? null,
      'days' in input.validity ? input.validity.days : null,
      input.total,
      input.perUserLimit,
      input.withOtherCoupons,
      JSON.stringify(input.combinesWith ?? ALL_PROMOTIONS),
      now,
    ],
  )
  return batchView(r)
}

export async function listCouponBatches(db: Queryable, page: number, pageSize: number): Promise<Paged<AdminCouponBatch>> {
  const [rows, count] = await Promise.all([
    db.query<CouponBatchRow & { claimed: number; used: number }>(`${BATCH_SELECT} ORDER BY b.id DESC LIMIT $1 OFFSET $2`, [pageSize, (page - 1) * pageSize]),
    db.one<{ n: number }>('SELECT count(*)::int AS n FROM coupon_batches'),
  ])
  return { items: rows.rows.map(batchView), total: count.n, page, pageSize }
}

/** Stops claims now; coupons already claimed stay usable until their validTo. */
export async function endCouponBatch(db: Queryable, id: number, now: Date): Promise<AdminCouponBatch> {
  await db.query('UPDATE coupon_batches SET ended_at = $2 WHERE id = $1 AND ended_at IS NULL', [id, now])
  const r = await db.maybeOne<CouponBatchRow & { claimed: number; used: number }>(`${BATCH_SELECT} WHERE b.id = $1`, [id])
  if (!r) throw notFound('优惠券批次', 'COUPON_BATCH_NOT_FOUND')
  return batchView(r)
}

// The merchant's changes, each with its audit row (staff module) in the change's transaction.
// createPromotion runs its own transaction (the offer rows with it): its audit row follows the commit.

export async function createPromotionByAdmin(db: Db, actor: AdminIdentity, input: PromotionInput, now: Date): Promise<AdminPromotion> {
  const p = await createPromotion(db, input, now)
  await recordAudit(db, actor, { action: 'promotion.create', entity: 'promotion', entityId: p.id, after: { kind: p.kind, name: p.name, startsAt: p.startsAt, endsAt: p.endsAt } })
  return p
}

export function endPromotionByAdmin(db: Db, actor: AdminIdentity, id: number, now: Date): Promise<AdminPromotion> {
  return db.tx(async (q) => {
    const ended = await endPromotion(q, id, now)
    await recordAudit(q, actor, { action: 'promotion.end', entity: 'promotion', entityId: id, after: { status: ended.status, endedAt: ended.endedAt } })
    return ended
  })
}

export function createCouponBatchByAdmin(db: Db, actor: AdminIdentity, input: CouponBatchInput, now: Date): Promise<AdminCouponBatch> {
  return db.tx(async (q) => {
    const made = await createCouponBatch(q, input, now)
    await recordAudit(q, actor, { action: 'coupon_batch.create', entity: 'coupon_batch', entityId: made.id, after: { title: made.title, type: made.type, value: made.value, total: made.total } })
    return made
  })
}

export function endCouponBatchByAdmin(db: Db, actor: AdminIdentity, id: number, now: Date): Promise<AdminCouponBatch> {
  return db.tx(async (q) => {
    const b = await endCouponBatch(q, id, now)
    await recordAudit(q, actor, { action: 'coupon_batch.end', entity: 'coupon_batch', entityId: id, after: { endedAt: b.endedAt, claimed: b.claimed, used: b.used } })
    return b
  })
}
