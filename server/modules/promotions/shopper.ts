import type { DiscountKind, HeldCoupon, Scope } from '../../../src/domain/promotions/types'
import type { Queryable } from '../../db'
import type { ShopperLevels } from './context'
import { MEMBER_SQL } from '../members'
import { parseJson } from '../../lib/rows'

/** What the engine needs to know about the shopper: member or not, offer units bought, coupons held, member level. */
export interface Shopper {
  member: boolean
  /** Limited-time promotion id -> units this shopper already bought at its price. */
  purchased: Record<number, number>
  /** Claimed, unused, not yet expired coupons (a coupon not yet valid is held: the verdict says so). */
  coupons: HeldCoupon[]
  /** Member level rank (0 = the base level) and its free-shipping threshold (null = the shop's). */
  level: number
  freeShippingThreshold: number | null
}

export const GUEST: Shopper = { member: false, purchased: {}, coupons: [], level: 0, freeShippingThreshold: null }

interface HeldJson {
  id: number
  batchId: number
  title: string
  type: 'amount' | 'percent'
  value: number
  cap: number | null
  threshold: number
  scope: Scope
  validFrom: string
  validTo: string
  withOtherCoupons: boolean
  combinesWith: DiscountKind[]
}

export function toHeld(c: HeldJson): HeldCoupon {
  return {
    id: c.id,
    batchId: c.batchId,
    title: c.title,
    type: c.type,
    value: c.value,
    cap: c.cap,
    threshold: c.threshold,
    scope: c.scope,
    validFrom: Date.parse(c.validFrom),
    validTo: Date.parse(c.validTo),
    stacking: { combinesWith: c.combinesWith, withOtherCoupons: c.withOtherCoupons },
  }
}

/**
 * All of it in one statement: every priced cart and order reads it, and a round trip is the
 * cost that matters on PostgreSQL.
 */
export async function loadShopper(q: Queryable, userId: number, now: Date, levels?: ShopperLevels): Promise<Shopper> {
  const [r, level] = await Promise.all([shopperRow(q, userId, now), levels ? levels.shopperIn(q, userId) : { level: 0, freeShippingThreshold: null }])
  const purchased: Record<number, number> = {}
  for (const p of parseJson(r.purchased)) purchased[p.p] = p.q
  return { member: r.member, purchased, coupons: parseJson(r.coupons).map(toHeld), level: level.level, freeShippingThreshold: level.freeShippingThreshold }
}

function shopperRow(q: Queryable, userId: number, now: Date) {
  return q.one<{ member: boolean; purchased: { p: number; q: number }[]; coupons: HeldJson[] }>(
    `SELECT ${MEMBER_SQL} AS member,
       COALESCE((SELECT json_agg(json_build_object('p', promotion_id, 'q', quantity)) FROM promotion_purchases WHERE user_id = $1 AND quantity > 0), '[]'::json) AS purchased,
       COALESCE((
         SELECT json_agg(json_build_object('id', c.id, 'batchId', c.batch_id, 'title', b.title, 'type', b.type, 'value', b.value, 'cap', b.cap,
           'threshold', b.threshold, 'scope', b.scope, 'validFrom', c.valid_from, 'validTo', c.valid_to,
           'withOtherCoupons', b.with_other_coupons, 'combinesWith', b.combines_with) ORDER BY c.id)
         FROM user_coupons c JOIN coupon_batches b ON b.id = c.batch_id
         WHERE c.user_id = $1 AND c.status = 'available' AND c.valid_to > $2
       ), '[]'::json) AS coupons`,
    [userId, now],
  )
}
