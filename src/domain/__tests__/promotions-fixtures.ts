/** Small builders for promotions engine tests: only what a case changes is spelled out. */
import type { DiscountKind, EngineLine, FullDiscountPromotion, FullReductionPromotion, HeldCoupon, LimitedTimePromotion, MemberPricePromotion, NForNPromotion, PricingInput } from '../promotions'

export const NOW = Date.UTC(2026, 10, 11, 12, 0, 0)
export const HOUR = 3_600_000
export const ALL_KINDS: DiscountKind[] = ['limited_time', 'member_price', 'n_for_n', 'full_reduction', 'full_discount', 'coupon']

const window = { startsAt: NOW - HOUR, endsAt: NOW + HOUR }
const open = (priority = 0) => ({ combinesWith: [...ALL_KINDS], priority })

export const line = (skuId: number, unitPrice: number, quantity = 1, over: Partial<EngineLine> = {}): EngineLine => ({ skuId, productId: skuId * 10, categoryId: 1, unitPrice, quantity, ...over })

export const limited = (id: number, items: LimitedTimePromotion['items'], over: Partial<LimitedTimePromotion> = {}): LimitedTimePromotion => ({ id, kind: 'limited_time', name: '限时', ...window, stacking: open(), items, perUserLimit: null, ...over })

export const memberPrice = (id: number, over: Partial<MemberPricePromotion> = {}): MemberPricePromotion => ({ id, kind: 'member_price', name: '会员', ...window, stacking: open(), scope: { type: 'all' }, percent: 90, items: [], ...over })

export const nForN = (id: number, count: number, price: number, over: Partial<NForNPromotion> = {}): NForNPromotion => ({ id, kind: 'n_for_n', name: 'N元N件', ...window, stacking: open(), scope: { type: 'all' }, count, price, ...over })

export const reduction = (id: number, tiers: FullReductionPromotion['tiers'], over: Partial<FullReductionPromotion> = {}): FullReductionPromotion => ({ id, kind: 'full_reduction', name: '满减', ...window, stacking: open(), scope: { type: 'all' }, basis: 'amount', tiers, repeat: false, cap: null, ...over })

export const discountTiers = (id: number, tiers: FullDiscountPromotion['tiers'], over: Partial<FullDiscountPromotion> = {}): FullDiscountPromotion => ({ id, kind: 'full_discount', name: '满折', ...window, stacking: open(), scope: { type: 'all' }, basis: 'amount', tiers, cap: null, ...over })

export const coupon = (id: number, over: Partial<HeldCoupon> = {}): HeldCoupon => ({
  id,
  batchId: id,
  title: '满100减10',
  type: 'amount',
  value: 1000,
  cap: null,
  threshold: 0,
  scope: { type: 'all' },
  validFrom: NOW - HOUR,
  validTo: NOW + HOUR,
  stacking: { combinesWith: [...ALL_KINDS], withOtherCoupons: true },
  ...over,
})

export const input = (over: Partial<PricingInput> = {}): PricingInput => ({ lines: [], now: NOW, member: false, promotions: [], coupons: [], couponChoice: 'best', purchased: {}, ...over })
