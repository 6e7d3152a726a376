import type { Db, Queryable } from '../db'
import type { SeedPromotions, SeedSkuRef } from './types'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const COUPON_FRIENDLY = ['limited_time', 'member_price', 'n_for_n', 'full_reduction', 'full_discount']

/**
 * The demo shop's promotions, live from the moment of seeding: a limited-time offer that ends
 * in three days (the product page counts down days and hours), 满减 tiers on everything, 任选3件
 * on snacks, a member price on beauty, and three coupon batches in the centre.
 */
export const DEMO_PROMOTIONS: SeedPromotions = {
  promotions: [
    {
      kind: 'limited_time',
      name: '限时秒杀',
      startsInHours: 0,
      endsInHours: 3 * 24 + 5,
      stacking: { combinesWith: ['full_reduction', 'coupon'], priority: 0 },
      perUserLimit: 2,
      items: [
        { productKey: 'earbuds-anc', specs: { 颜色: '月光白', 版本: '标准版' }, price: 19900, stock: 50 },
        { productKey: 'earbuds-anc', specs: { 颜色: '曜石黑', 版本: '标准版' }, price: 19900, stock: 50 },
        { productKey: 'power-bank', specs: { 颜色: '白色', 容量: '10000mAh' }, price: 6900, stock: 100 },
        { productKey: 'thermos', specs: { 颜色: '星空黑', 容量: '500ml' }, price: 6900, stock: 80 },
      ],
    },
    {
      kind: 'full_reduction',
      name: '全场满减',
      startsInHours: 0,
      endsInHours: 30 * 24,
      stacking: { combinesWith: ['limited_time', 'member_price', 'n_for_n', 'coupon'], priority: 30 },
      scope: { type: 'all' },
      basis: 'amount',
      tiers: [
        { threshold: 19900, off: 2000 },
        { threshold: 29900, off: 4000 },
      ],
      repeat: false,
      cap: 4000,
    },
    {
      kind: 'n_for_n',
      name: '零食任选3件99元',
      startsInHours: 0,
      endsInHours: 30 * 24,
      // N元N件 is already the deal: it adds 满减 on top but takes no coupons.
      stacking: { combinesWith: ['member_price', 'full_reduction'], priority: 10 },
      scope: { type: 'categories', categoryKeys: ['snacks'] },
      count: 3,
      price: 9900,
    },
    {
      kind: 'member_price',
      name: '会员价',
      startsInHours: 0,
      endsInHours: 30 * 24,
      stacking: { combinesWith: ['n_for_n', 'full_reduction', 'full_discount', 'coupon'], priority: 0 },
      scope: { type: 'categories', categoryKeys: ['beauty'] },
      percent: 95,
    },
  ],
  couponBatches: [
    {
      title: '满100减10',
      type: 'amount',
      value: 1000,
      cap: null,
      threshold: 10000,
      scope: { type: 'all' },
      claimDays: 30,
      validity: { fixedDays: 30 },
      total: 1000,
      perUserLimit: 1,
      withOtherCoupons: true,
      combinesWith: COUPON_FRIENDLY,
    },
    {
      title: '数码9折券',
      type: 'percent',
      value: 90,
      cap: 3000,
      threshold: 0,
      scope: { type: 'categories', categoryKeys: ['digital'] },
      claimDays: 30,
      validity: { days: 7 },
      total: 500,
      perUserLimit: 1,
      withOtherCoupons: true,
      combinesWith: COUPON_FRIENDLY,
    },
    {
      title: '家居无门槛5元券',
      type: 'amount',
      value: 500,
      cap: null,
      threshold: 0,
      scope: { type: 'products', productKeys: ['mug-ceramic', 'towel-set', 'storage-box', 'thermos'] },
      claimDays: 30,
      validity: { days: 14 },
      total: 2000,
      perUserLimit: 2,
      withOtherCoupons: true,
      combinesWith: COUPON_FRIENDLY,
    },
  ],
}

type Scope = SeedPromotions['couponBatches'][number]['scope']

async function resolveScope(q: Queryable, scope: Scope): Promise<unknown> {
  if (scope.type === 'all') return scope
  if (scope.type === 'products') {
    const r = await q.query<{ id: number }>('SELECT id FROM products WHERE key = ANY($1::text[]) ORDER BY id', [scope.productKeys])
    return { type: 'products', productIds: r.rows.map((x) => x.id) }
  }
  const r = await q.query<{ id: number }>('SELECT id FROM categories WHERE key = ANY($1::text[]) ORDER BY id', [scope.categoryKeys])
  return { type: 'categories', categoryIds: r.rows.map((x) => x.id) }
}

async function skuOf(q: Queryable, ref: SeedSkuRef): Promise<number | null> {
  const r = await q.maybeOne<{ id: number }>('SELECT k.id FROM skus k JOIN products p ON p.id = k.product_id WHERE p.key = $1 AND k.specs::jsonb = $2::jsonb', [
    ref.productKey,
    JSON.stringify(ref.specs),
  ])
  return r?.id ?? null
}

/**
 * Seeds the promotions once per database, claimed by its own meta row: a shop seeded before
 * promotions existed gets them on its next start, and two servers starting together seed once.
 * Products or SKUs the shop doesn't have are skipped.
 */
export async function seedPromotions(db: Db, seed: SeedPromotions, now: Date): Promise<boolean> {
  return db.tx(async (q) => {
    const claimed = await q.query(`INSERT INTO meta (key, value) VALUES ('seeded_promotions', $1) ON CONFLICT (key) DO NOTHING RETURNING key`, [now.toISOString()])
    if (claimed.rowCount === 0) return false
    const at = (hours: number) => new Date(now.getTime() + hours * HOUR)
    for (const p of seed.promotions) {
      const { kind, name, startsInHours, endsInHours, stacking } = p
      let rules: Record<string, unknown>
      if (p.kind === 'limited_time') rules = { perUserLimit: p.perUserLimit }
      else if (p.kind === 'member_price') rules = { scope: await resolveScope(q, p.scope), percent: p.percent, items: [] }
      else if (p.kind === 'n_for_n') rules = { scope: await resolveScope(q, p.scope), count: p.count, price: p.price }
      else if (p.kind === 'full_reduction') rules = { scope: await resolveScope(q, p.scope), basis: p.basis, tiers: p.tiers, repeat: p.repeat, cap: p.cap }
      else rules = { scope: await resolveScope(q, p.scope), basis: p.basis, tiers: p.tiers, cap: p.cap }
      const r = await q.one<{ id: number }>('INSERT INTO promotions (kind, name, starts_at, ends_at, stacking, rules, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id', [
        kind,
        name,
        at(startsInHours),
        at(endsInHours),
        JSON.stringify(stacking),
        JSON.stringify(rules),
        now,
      ])
      if (p.kind === 'limited_time') {
        for (const i of p.items) {
          const sku = await skuOf(q, i)
          if (sku !== null) await q.query('INSERT INTO promotion_items (promotion_id, sku_id, price, stock) VALUES ($1, $2, $3, $4)', [r.id, sku, i.price, i.stock])
        }
      }
    }
    for (const b of seed.couponBatches) {
      const fixed = 'fixedDays' in b.validity ? b.validity.fixedDays : null
      await q.query(
        `INSERT INTO coupon_batches (title, type, value, cap, threshold, scope, claim_starts_at, claim_ends_at, valid_from, valid_to, valid_days, total, per_user_limit, with_other_coupons, combines_with, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $7)`,
        [
          b.title,
          b.type,
          b.value,
          b.cap,
          b.threshold,
          JSON.stringify(await resolveScope(q, b.scope)),
          now,
          new Date(now.getTime() + b.claimDays * DAY),
          fixed === null ? null : now,
          fixed === null ? null : new Date(now.getTime() + fixed * DAY),
          'days' in b.validity ? b.validity.days : null,
          b.total,
          b.perUserLimit,
          b.withOtherCoupons,
          JSON.stringify(b.combinesWith),
        ],
      )
    }
    return true
  })
}
