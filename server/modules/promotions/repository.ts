import type { Promotion, Scope, Stacking } from '../../../src/domain/promotions/types'
import type { Queryable } from '../../db'
import { parseJson } from '../../lib/rows'

/**
 * The promotions running now, as the engine takes them. Read often (every priced cart, every
 * catalog answer), so they are kept in memory for a short ttl; this server drops the copy
 * whenever it changes a promotion or an offer's stock (admin endpoints, orders), so its own
 * shoppers never see a stale offer. Order creation never trusts the copy for limited-time
 * stock: it locks the rows and prices with what it read under the lock (orders/service.ts).
 */
export interface LivePromotions {
  /** Not ended and not over (the engine checks startsAt/endsAt against its own now). */
  promotions: Promotion[]
  /** Category names, for coupon scope texts ("限「数码」分类"). */
  categories: Map<number, string>
  /** Limited-time promotion ids by SKU: the SKUs whose orders must lock an offer row. */
  limitedBySku: Map<number, number[]>
}

interface PromotionRow {
  id: number
  kind: Promotion['kind']
  name: string
  /** A Date from a row, ISO text from JSON (loadLive). */
  starts_at: Date | string
  ends_at: Date | string
  stacking: Stacking
  rules: Record<string, unknown>
  items: { skuId: number; price: number; stockLeft: number }[] | null
  /** member_price: the level tier (migration 030); null for every other promotion. */
  min_level: number | null
}

export function toPromotion(r: PromotionRow): Promotion {
  const base = { id: r.id, name: r.name, startsAt: new Date(r.starts_at).getTime(), endsAt: new Date(r.ends_at).getTime(), stacking: r.stacking }
  const rules = r.rules as never
  if (r.kind === 'limited_time') {
    return { ...base, kind: 'limited_time', items: r.items ?? [], perUserLimit: (r.rules.perUserLimit as number | null | undefined) ?? null }
  }
  // A level tier only when set: a plain member price reads as it always did.
  const tier = r.kind === 'member_price' && r.min_level !== null && r.min_level !== undefined ? { minLevel: r.min_level } : {}
  return { ...(rules as object), ...base, kind: r.kind, ...tier } as Promotion
}

export const PROMOTION_SELECT = `SELECT p.id, p.kind, p.name, p.starts_at, p.ends_at, p.stacking, p.rules, p.min_level,
  CASE WHEN p.kind = 'limited_time' THEN (
    SELECT json_agg(json_build_object('skuId', i.sku_id, 'price', i.price, 'stockLeft', i.stock - i.sold) ORDER BY i.sku_id)
    FROM promotion_items i WHERE i.promotion_id = p.id
  ) END AS items
  FROM promotions p`

/**
 * The live set and the category names in one statement and one row, both as JSON: every
 * catalog answer reads them when its cache is off, and on the embedded database each row and
 * column that comes back is decoded in JS (issue 20's profile), while one JSON text is parsed
 * natively. Timestamps arrive as ISO text, which toPromotion reads as it reads Dates.
 */
const LIVE_SELECT = `SELECT
  (SELECT COALESCE(json_agg(x ORDER BY x.id), '[]') FROM (${PROMOTION_SELECT} WHERE p.ended_at IS NULL AND p.ends_at > $1) x) AS promotions,
  (SELECT COALESCE(json_agg(json_build_object('id', id, 'name', name)), '[]') FROM categories) AS categories`

export async function loadLive(db: Queryable, now: Date): Promise<LivePromotions> {
  const r = await db.one<{ promotions: PromotionRow[] | string; categories: { id: number; name: string }[] | string }>(LIVE_SELECT, [now])
  const promotions = parseJson(r.promotions).map(toPromotion)
  const limitedBySku = new Map<number, number[]>()
  for (const p of promotions) {
    if (p.kind !== 'limited_time') continue
    for (const i of p.items) limitedBySku.set(i.skuId, [...(limitedBySku.get(i.skuId) ?? []), p.id])
  }
  return { promotions, categories: new Map(parseJson(r.categories).map((c) => [c.id, c.name])), limitedBySku }
}

/** The live set, loaded at most once per ttl (concurrent misses share one read). */
export class PromotionCache {
  private entry: { at: number; value: Promise<LivePromotions> } | null = null

  constructor(
    private readonly db: Queryable,
    private readonly ttlMs: number,
    private readonly now: () => Date,
  ) {}

  get(): Promise<LivePromotions> {
    const at = Date.now()
    if (this.entry && at - this.entry.at < this.ttlMs) return this.entry.value
    const value = loadLive(this.db, this.now())
    const entry = { at, value }
    // A failed read is not kept.
    value.catch(() => {
      if (this.entry === entry) this.entry = null
    })
    this.entry = entry
    return value
  }

  clear(): void {
    this.entry = null
  }
}

/** "全场通用", "限指定商品", "限「数码」分类". */
export function scopeText(scope: Scope, categories: ReadonlyMap<number, string>): string {
  if (scope.type === 'all') return '全场通用'
  if (scope.type === 'products') return '限指定商品'
  const names = scope.categoryIds.map((id) => categories.get(id)).filter((n): n is string => !!n)
  return names.length ? `限${names.map((n) => `「${n}」`).join('')}分类` : '限指定分类'
}
