import { z } from 'zod'
import { PROMOTION_KINDS } from '../../../src/domain/promotions/types'
import { id, text } from '../../lib/validate'

/**
 * What an admin may send to create promotions and coupon batches. Every rule the engine
 * relies on (ascending tiers, percent 1-99, an end after the start) is checked here, with a
 * message a shop keeper can act on; existence of SKUs, products and categories is checked
 * against the database by admin.ts.
 */
const DISCOUNT_KINDS = [...PROMOTION_KINDS, 'coupon'] as const

const fen = (label: string) => z.number({ error: `${label}必须是整数（分）` }).int(`${label}必须是整数（分）`).min(0, `${label}不能为负`).max(100_000_000, `${label}过大`)
const positiveFen = (label: string) => fen(label).min(1, `${label}必须大于 0`)
const percent = (label: string) => z.number({ error: `${label}必须是 1 到 99 的整数` }).int(`${label}必须是 1 到 99 的整数`).min(1, `${label}必须是 1 到 99 的整数`).max(99, `${label}必须是 1 到 99 的整数`)
const time = (label: string) => z.iso.datetime({ offset: true, error: `${label}必须是 ISO 时间，如 2026-11-11T00:00:00+08:00` }).transform((s) => new Date(s))

export const ScopeSchema = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('all') }),
    z.object({ type: z.literal('products'), productIds: z.array(id, { error: 'productIds 必须是商品 id 列表' }).min(1, '请至少选择一个商品').max(500, '最多 500 个商品') }),
    z.object({ type: z.literal('categories'), categoryIds: z.array(id, { error: 'categoryIds 必须是分类 id 列表' }).min(1, '请至少选择一个分类').max(50, '最多 50 个分类') }),
  ],
  { error: 'scope.type 只能是 all、products、categories' },
)

const StackingSchema = z.object({
  combinesWith: z.array(z.enum(DISCOUNT_KINDS, { error: `combinesWith 只能包含 ${DISCOUNT_KINDS.join('、')}` })).max(DISCOUNT_KINDS.length),
  priority: z.number({ error: 'priority 必须是整数' }).int('priority 必须是整数').min(0, 'priority 不能为负').max(1000, 'priority 最大 1000').optional(),
})

const common = {
  name: text(30, '活动名称', { min: 1 }),
  startsAt: time('开始时间'),
  endsAt: time('结束时间'),
  stacking: StackingSchema.optional(),
}

const basis = z.enum(['amount', 'quantity'], { error: 'basis 只能是 amount（按金额）或 quantity（按件数）' }).default('amount')
const threshold = z.number({ error: '门槛必须是正整数' }).int('门槛必须是正整数').min(1, '门槛必须大于 0').max(100_000_000, '门槛过大')

function ascending<T extends { threshold: number }>(tiers: T[]): boolean {
  return tiers.every((t, i) => i === 0 || t.threshold > tiers[i - 1].threshold)
}

const LimitedTime = z.object({
  kind: z.literal('limited_time'),
  ...common,
  items: z
    .array(z.object({ skuId: id, price: fen('限时价'), stock: z.number({ error: '活动库存必须是整数' }).int('活动库存必须是整数').min(1, '活动库存至少 1 件').max(1_000_000, '活动库存过大') }), {
      error: 'items 必须是商品规格列表',
    })
    .min(1, '请至少选择一个商品规格')
    .max(200, '最多 200 个商品规格')
    .refine((items) => new Set(items.map((i) => i.skuId)).size === items.length, '同一商品规格只能出现一次'),
  perUserLimit: z.number({ error: '每人限购必须是整数' }).int('每人限购必须是整数').min(1, '每人限购至少 1 件').max(999, '每人限购最多 999 件').nullable().default(null),
})

const MemberPrice = z
  .object({
    kind: z.literal('member_price'),
    ...common,
    scope: ScopeSchema,
    percent: percent('会员折扣 percent').nullable().default(null),
    items: z.array(z.object({ skuId: id, price: fen('会员价') })).max(500, '最多 500 个商品规格').default([]),
    // A level tier (金卡会员价): every shopper of this level rank or higher (src/domain/levels.ts); null: the paid membership's price.
    minLevel: z.number({ error: 'minLevel 必须是 0 到 10 的整数' }).int('minLevel 必须是 0 到 10 的整数').min(0, 'minLevel 必须是 0 到 10 的整数').max(10, 'minLevel 必须是 0 到 10 的整数').nullable().default(null),
  })
  .refine((p) => p.percent !== null || p.items.length > 0, '请设置会员折扣 percent 或逐个规格的会员价 items')

const NForN = z.object({
  kind: z.literal('n_for_n'),
  ...common,
  scope: ScopeSchema,
  count: z.number({ error: '件数必须是整数' }).int('件数必须是整数').min(2, '件数至少 2 件').max(99, '件数最多 99 件'),
  price: positiveFen('组合价'),
})

const FullReduction = z
  .object({
    kind: z.literal('full_reduction'),
    ...common,
    scope: ScopeSchema,
    basis,
    tiers: z.array(z.object({ threshold, off: positiveFen('减免金额') }), { error: 'tiers 必须是档位列表' }).min(1, '请至少设置一档').max(10, '最多 10 档'),
    repeat: z.boolean({ error: 'repeat 必须是 true 或 false' }).default(false),
    cap: positiveFen('封顶金额').nullable().default(null),
  })
  .refine((p) => ascending(p.tiers), { message: '档位门槛必须从低到高排列且不能重复', path: ['tiers'] })
  .refine((p) => p.tiers.every((t, i) => i === 0 || t.off > p.tiers[i - 1].off), { message: '更高的档位必须减得更多', path: ['tiers'] })
  .refine((p) => p.basis !== 'amount' || p.tiers.every((t) => t.off < t.threshold), { message: '减免金额必须小于门槛', path: ['tiers'] })
  .refine((p) => !p.repeat || p.tiers.length === 1, { message: '每满减（repeat）只能设置一档', path: ['repeat'] })

const FullDiscount = z
  .object({
    kind: z.literal('full_discount'),
    ...common,
    scope: ScopeSchema,
    basis,
    tiers: z.array(z.object({ threshold, percent: percent('折扣 percent') }), { error: 'tiers 必须是档位列表' }).min(1, '请至少设置一档').max(10, '最多 10 档'),
    cap: positiveFen('封顶金额').nullable().default(null),
  })
  .refine((p) => ascending(p.tiers), { message: '档位门槛必须从低到高排列且不能重复', path: ['tiers'] })
  .refine((p) => p.tiers.every((t, i) => i === 0 || t.percent < p.tiers[i - 1].percent), { message: '更高的档位折扣必须更低（percent 更小）', path: ['tiers'] })

export const PromotionInput = z
  .discriminatedUnion('kind', [LimitedTime, MemberPrice, NForN, FullReduction, FullDiscount], { error: `kind 只能是 ${PROMOTION_KINDS.join('、')}` })
  .refine((p) => p.endsAt > p.startsAt, { message: '结束时间必须晚于开始时间', path: ['endsAt'] })
export type PromotionInput = z.output<typeof PromotionInput>

export const CouponBatchInput = z
  .object({
    title: text(20, '券名称', { min: 1 }),
    type: z.enum(['amount', 'percent'], { error: 'type 只能是 amount（满减券）或 percent（折扣券）' }),
    value: z.number({ error: 'value 必须是整数' }).int('value 必须是整数').min(1, 'value 必须大于 0').max(100_000_000, 'value 过大'),
    cap: positiveFen('封顶金额').nullable().default(null),
    threshold: fen('使用门槛').default(0),
    scope: ScopeSchema.default({ type: 'all' }),
    claimStartsAt: time('领取开始时间'),
    claimEndsAt: time('领取结束时间'),
    validity: z.union([z.object({ from: time('有效期开始'), to: time('有效期结束') }), z.object({ days: z.number().int('有效天数必须是整数').min(1, '有效天数至少 1 天').max(365, '有效天数最多 365 天') })], {
      error: 'validity 必须是 {from, to} 或 {days}',
    }),
    total: z.number({ error: '发行总量必须是整数' }).int('发行总量必须是整数').min(1, '发行总量至少 1 张').max(10_000_000, '发行总量过大'),
    perUserLimit: z.number({ error: '每人限领必须是整数' }).int('每人限领必须是整数').min(1, '每人限领至少 1 张').max(100, '每人限领最多 100 张').default(1),
    withOtherCoupons: z.boolean({ error: 'withOtherCoupons 必须是 true 或 false' }).default(true),
    combinesWith: z.array(z.enum(PROMOTION_KINDS, { error: `combinesWith 只能包含 ${PROMOTION_KINDS.join('、')}` })).max(PROMOTION_KINDS.length).optional(),
  })
  .refine((b) => b.type !== 'percent' || b.value <= 99, { message: '折扣券的 value 是支付比例，必须是 1 到 99（90 = 9 折）', path: ['value'] })
  .refine((b) => b.type !== 'amount' || b.cap === null, { message: '满减券不能设置封顶金额', path: ['cap'] })
  .refine((b) => b.type !== 'amount' || b.threshold === 0 || b.value < b.threshold, { message: '减免金额必须小于使用门槛', path: ['value'] })
  .refine((b) => b.claimEndsAt > b.claimStartsAt, { message: '领取结束时间必须晚于开始时间', path: ['claimEndsAt'] })
  .refine((b) => !('from' in b.validity) || b.validity.to > b.validity.from, { message: '有效期结束必须晚于开始', path: ['validity'] })
  .refine((b) => !('to' in b.validity) || b.validity.to > b.claimStartsAt, { message: '有效期结束必须晚于领取开始时间', path: ['validity'] })
export type CouponBatchInput = z.output<typeof CouponBatchInput>

/** When the admin doesn't say: what each kind shares a line with, and the order-level stage order. */
export const DEFAULT_STACKING: Record<(typeof PROMOTION_KINDS)[number], { combinesWith: (typeof DISCOUNT_KINDS)[number][]; priority: number }> = {
  limited_time: { combinesWith: ['full_reduction', 'full_discount', 'coupon'], priority: 0 },
  member_price: { combinesWith: ['n_for_n', 'full_reduction', 'full_discount', 'coupon'], priority: 0 },
  n_for_n: { combinesWith: ['member_price', 'full_reduction', 'full_discount'], priority: 10 },
  full_discount: { combinesWith: ['limited_time', 'member_price', 'n_for_n', 'full_reduction', 'coupon'], priority: 20 },
  full_reduction: { combinesWith: ['limited_time', 'member_price', 'n_for_n', 'full_discount', 'coupon'], priority: 30 },
}
