import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { priceLines } from '../pricing'
import { CouponChoiceError, PROMOTION_KINDS, priceCart, type HeldCoupon, type PricingInput, type Promotion, type Scope } from '../promotions'
import { ALL_KINDS, NOW } from './promotions-fixtures'

const SKUS = [1, 2, 3, 4, 5, 6]
const productOf = (sku: number) => sku * 10
const categoryOf = (sku: number) => 1 + (sku % 3)

const scope: fc.Arbitrary<Scope> = fc.oneof(
  fc.constant({ type: 'all' as const }),
  fc.record({ type: fc.constant('products' as const), productIds: fc.subarray(SKUS.map(productOf)) }),
  fc.record({ type: fc.constant('categories' as const), categoryIds: fc.subarray([1, 2, 3]) }),
)
const stacking = fc.record({ combinesWith: fc.subarray(ALL_KINDS), priority: fc.integer({ min: 0, max: 3 }) })
// Mostly live, sometimes over or not started: the engine must ignore those.
const window = fc.constantFrom({ startsAt: NOW - 1000, endsAt: NOW + 1000 }, { startsAt: NOW, endsAt: NOW + 1 }, { startsAt: NOW - 1000, endsAt: NOW }, { startsAt: NOW + 1, endsAt: NOW + 1000 })
const price = fc.integer({ min: 0, max: 40_000 })

const tiers = <T>(off: fc.Arbitrary<T>) =>
  fc.uniqueArray(fc.integer({ min: 1, max: 60_000 }), { minLength: 1, maxLength: 3 }).chain((ts) => fc.tuple(...ts.sort((a, b) => a - b).map((threshold) => off.map((o) => ({ threshold, o })))))

const promotion = (id: number): fc.Arbitrary<Promotion> =>
  fc.constantFrom(...PROMOTION_KINDS).chain((kind): fc.Arbitrary<Promotion> => {
    const base = { id: fc.constant(id), name: fc.constant(`p${id}`), stacking }
    switch (kind) {
      case 'limited_time':
        return fc.record({ ...base, kind: fc.constant(kind), window, items: fc.array(fc.record({ skuId: fc.constantFrom(...SKUS), price, stockLeft: fc.integer({ min: 0, max: 5 }) }), { maxLength: 4 }), perUserLimit: fc.option(fc.integer({ min: 0, max: 6 })) }).map(({ window: w, ...p }) => ({ ...p, ...w }))
      case 'member_price':
        return fc.record({ ...base, kind: fc.constant(kind), window, scope, percent: fc.option(fc.integer({ min: 50, max: 100 })), items: fc.array(fc.record({ skuId: fc.constantFrom(...SKUS), price }), { maxLength: 3 }) }).map(({ window: w, ...p }) => ({ ...p, ...w }))
      case 'n_for_n':
        return fc.record({ ...base, kind: fc.constant(kind), window, scope, count: fc.integer({ min: 1, max: 4 }), price }).map(({ window: w, ...p }) => ({ ...p, ...w }))
      case 'full_reduction':
        return fc
          .record({ ...base, kind: fc.constant(kind), window, scope, basis: fc.constantFrom('amount' as const, 'quantity' as const), t: tiers(fc.integer({ min: 0, max: 20_000 })), repeat: fc.boolean(), cap: fc.option(fc.integer({ min: 0, max: 30_000 })) })
          .map(({ window: w, t, ...p }) => ({ ...p, ...w, tiers: t.map(({ threshold, o }) => ({ threshold: p.basis === 'quantity' ? Math.ceil(threshold / 6000) : threshold, off: o })).filter((x, i, a) => i === 0 || x.threshold > a[i - 1].threshold) }))
      case 'full_discount':
        return fc
          .record({ ...base, kind: fc.constant(kind), window, scope, basis: fc.constantFrom('amount' as const, 'quantity' as const), t: tiers(fc.integer({ min: 50, max: 99 })), cap: fc.option(fc.integer({ min: 0, max: 30_000 })) })
          .map(({ window: w, t, ...p }) => ({ ...p, ...w, tiers: t.map(({ threshold, o }) => ({ threshold: p.basis === 'quantity' ? Math.ceil(threshold / 6000) : threshold, percent: o })).filter((x, i, a) => i === 0 || x.threshold > a[i - 1].threshold) }))
    }
  })

const coupon = (id: number, friendly = false): fc.Arbitrary<HeldCoupon> =>
  fc
    .record({
      batchId: fc.integer({ min: 1, max: 4 }),
      percent: fc.boolean(),
      value: fc.integer({ min: 0, max: 20_000 }),
      pct: fc.integer({ min: 50, max: 100 }),
      cap: fc.option(fc.integer({ min: 0, max: 10_000 })),
      threshold: fc.integer({ min: 0, max: friendly ? 10_000 : 50_000 }),
      scope,
      validTo: fc.constantFrom(NOW, NOW + 1, NOW + 5000, NOW + 9000),
      combinesWith: fc.subarray(ALL_KINDS),
      withOtherCoupons: friendly ? fc.integer({ min: 0, max: 4 }).map((n) => n > 0) : fc.boolean(),
    })
    .map((c) => ({
      id,
      batchId: c.batchId,
      title: `c${id}`,
      type: c.percent ? 'percent' : 'amount',
      value: c.percent ? c.pct : c.value,
      cap: c.percent ? c.cap : null,
      threshold: c.threshold,
      scope: c.scope,
      validFrom: NOW - 1,
      validTo: c.validTo,
      stacking: { combinesWith: c.combinesWith, withOtherCoupons: c.withOtherCoupons },
    }))

/** A cart with promotions and held coupons; `friendly` coupons stack more often (low thresholds, mostly withOtherCoupons). */
const cartOf = (o: { promotions: [number, number]; coupons: [number, number]; friendly: boolean }): fc.Arbitrary<PricingInput> =>
  fc
    .record({
      skus: fc.uniqueArray(fc.constantFrom(...SKUS), { maxLength: 6 }),
      prices: fc.array(price, { minLength: 6, maxLength: 6 }),
      quantities: fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 6, maxLength: 6 }),
      member: fc.boolean(),
      promotionCount: fc.integer({ min: o.promotions[0], max: o.promotions[1] }),
      couponCount: fc.integer({ min: o.coupons[0], max: o.coupons[1] }),
      purchased: fc.integer({ min: 0, max: 4 }),
    })
    .chain((c) =>
      fc.record({
        lines: fc.constant(c.skus.map((skuId, i) => ({ skuId, productId: productOf(skuId), categoryId: categoryOf(skuId), unitPrice: c.prices[i], quantity: c.quantities[i] }))),
        now: fc.constant(NOW),
        member: fc.constant(c.member),
        promotions: fc.tuple(...Array.from({ length: c.promotionCount }, (_, i) => promotion(i + 1))),
        coupons: fc.tuple(...Array.from({ length: c.couponCount }, (_, i) => coupon(100 + i, o.friendly))),
        couponChoice: fc.constant('best' as const),
        purchased: fc.constant(Object.fromEntries(Array.from({ length: c.promotionCount }, (_, i) => [i + 1, c.purchased]))),
      }),
    )

const cart = cartOf({ promotions: [0, 6], coupons: [0, 6], friendly: false })
const couponHeavy = cartOf({ promotions: [0, 2], coupons: [3, 7], friendly: true })

const runs = { numRuns: 400 }

// Hundreds of carts per property (thousands of prices for the brute force): generous time on a busy machine.
describe('priceCart properties', { timeout: 60_000 }, () => {
  it('total is never negative and never above the undiscounted total; totals add up', () => {
    fc.assert(
      fc.property(cart, (input) => {
        const r = priceCart(input)
        const plain = priceLines(input.lines)
        expect(r.total).toBeGreaterThanOrEqual(0)
        expect(r.total).toBeLessThanOrEqual(plain.total)
        expect(r.subtotal).toBe(plain.subtotal)
        expect(r.total).toBe(r.subtotal - r.discount + r.shipping)
        expect(r.discount).toBe(r.applied.reduce((n, a) => n + a.amount, 0))
      }),
      runs,
    )
  })

  it('every discount\'s line shares add up to it, and every line\'s shares to its discount; payable = lineTotal - discount >= 0', () => {
    fc.assert(
      fc.property(cart, (input) => {
        const r = priceCart(input)
        const perLine = new Map<number, number>()
        for (const a of r.applied) {
          expect(a.amount).toBeGreaterThan(0)
          expect(a.lines.reduce((n, l) => n + l.amount, 0)).toBe(a.amount)
          for (const l of a.lines) {
            expect(l.amount).toBeGreaterThan(0)
            expect(Number.isSafeInteger(l.amount)).toBe(true)
            perLine.set(l.skuId, (perLine.get(l.skuId) ?? 0) + l.amount)
          }
        }
        for (const l of r.lines) {
          expect(l.discount).toBe(perLine.get(l.skuId) ?? 0)
          expect(l.payable).toBe(l.lineTotal - l.discount)
          expect(l.payable).toBeGreaterThanOrEqual(0)
        }
        expect(r.lines.reduce((n, l) => n + l.discount, 0)).toBe(r.discount)
      }),
      runs,
    )
  })

  it('limited-time units never pass the offer\'s stock or the shopper\'s remaining limit', () => {
    fc.assert(
      fc.property(cart, (input) => {
        const r = priceCart(input)
        for (const a of r.applied) {
          if (a.kind !== 'limited_time') continue
          const p = input.promotions.find((x) => x.id === a.id)
          if (p?.kind !== 'limited_time') throw new Error('limited_time entry without its promotion')
          const units = a.units ?? []
          if (p.perUserLimit !== null) expect(units.reduce((n, u) => n + u.quantity, 0)).toBeLessThanOrEqual(Math.max(0, p.perUserLimit - (input.purchased[p.id] ?? 0)))
          for (const u of units) expect(u.quantity).toBeLessThanOrEqual(Math.max(...p.items.filter((i) => i.skuId === u.skuId).map((i) => i.stockLeft)))
        }
      }),
      runs,
    )
  })

  it('is deterministic', () => {
    fc.assert(
      fc.property(cart, (input) => {
        expect(priceCart(structuredClone(input))).toEqual(priceCart(input))
      }),
      { numRuns: 100 },
    )
  })

  it.each([
    ['any cart', cart],
    ['many stackable coupons', couponHeavy],
  ])('the best combination is the cheapest of every subset of held coupons the shopper could choose (%s)', (_, carts) => {
    fc.assert(
      fc.property(carts, (input) => {
        const best = priceCart(input)
        let cheapest = Number.POSITIVE_INFINITY
        let fewest = Number.POSITIVE_INFINITY
        const ids = input.coupons.map((c) => c.id)
        for (let mask = 0; mask < 1 << ids.length; mask++) {
          const chosen = ids.filter((_, i) => mask & (1 << i))
          let total: number
          try {
            total = priceCart({ ...input, couponChoice: chosen }).total
          } catch (e) {
            if (e instanceof CouponChoiceError) continue
            throw e
          }
          if (total < cheapest || (total === cheapest && chosen.length < fewest)) {
            cheapest = total
            fewest = chosen.length
          }
        }
        expect(best.total).toBe(cheapest)
        expect(best.selectedCouponIds.length).toBe(fewest)
        // Choosing the engine's pick explicitly prices the same.
        expect(priceCart({ ...input, couponChoice: best.selectedCouponIds })).toEqual(best)
      }),
      { numRuns: 500 },
    )
  })

  it('a usable coupon\'s verdict is what it takes off when chosen alone', () => {
    fc.assert(
      fc.property(cart, (input) => {
        const r = priceCart(input)
        r.coupons.forEach((v, i) => {
          expect(v.couponId).toBe(input.coupons[i].id)
          if (!v.usable) {
            expect(v.reason).not.toBeNull()
            expect(v.discount).toBe(0)
            return
          }
          const alone = priceCart({ ...input, couponChoice: [v.couponId] })
          expect(alone.applied.find((a) => a.kind === 'coupon')?.amount ?? 0).toBe(v.discount)
        })
      }),
      { numRuns: 200 },
    )
  })
})
