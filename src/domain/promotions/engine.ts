/**
 * priceCart: lines, shopper, promotions and coupons in; one price with its breakdown out.
 * The rules are written out in ./types.ts; this file only runs the stages in order.
 * Pure and deterministic: the clock is an input (`now`), nothing random, no I/O.
 */
import { shippingFor } from '../pricing'
import type { WorkLine } from './cart-state'
import { applySelection, bestSelection, chosenSelection, planCoupons } from './coupons'
import { applyOrderStage, liveOrderPromotions } from './order-stage'
import { applyUnitStage } from './unit-stage'
import type { LineResult, PricingInput, PricingResult } from './types'
import { validateInput } from './validate'

export function priceCart(input: PricingInput): PricingResult {
  validateInput(input)
  const lines: WorkLine[] = input.lines.map((l, index) => {
    const lineTotal = l.unitPrice * l.quantity
    // Spelled out, not spread: spreading into a wider object is slow on V8 and this runs per price.
    return { skuId: l.skuId, productId: l.productId, categoryId: l.categoryId, unitPrice: l.unitPrice, quantity: l.quantity, index, lineTotal, payable: lineTotal, under: [], labels: [] }
  })
  let subtotal = 0
  let itemCount = 0
  for (const l of lines) {
    subtotal += l.lineTotal
    itemCount += l.quantity
  }
  // An empty cart (or one of free goods only) ships nothing, as priceLines always did.
  const empty = subtotal === 0

  const unitApplied = applyUnitStage(lines, input.promotions, input.now, input.member, input.purchased, input.level ?? 0)
  const { applied: orderApplied, nudges } = applyOrderStage(lines, liveOrderPromotions(input.promotions, input.now))
  let goods = 0
  for (const l of lines) goods += l.payable

  const plans = planCoupons(lines, input.coupons, input.now)
  // Free shipping is judged on the goods at their regular price: a discount never costs the
  // shopper the free shipping they had without it (so the total never exceeds the
  // undiscounted one). See rule 4 in ./types.ts. A member level may lower the threshold (0: always
  // free); a pickup order (门店自提) ships nothing.
  const { shipping, freeShippingGap } = input.pickup ? { shipping: 0, freeShippingGap: 0 } : shippingFor(subtotal, empty, input.freeShippingThreshold)
  const totalFor = (couponDiscount: number) => goods - couponDiscount + shipping
  const selection = input.couponChoice === 'best' ? bestSelection(plans, lines, goods, totalFor) : chosenSelection(plans, lines, input.couponChoice)
  const couponApplied = applySelection(lines, selection)

  const applied = [...unitApplied, ...orderApplied, ...couponApplied]
  let discount = 0
  for (const a of applied) discount += a.amount
  const selectedCouponIds = selection.plans.map((p) => p.coupon.id)

  return {
    lines: lines.map(
      (l): LineResult => ({
        skuId: l.skuId,
        productId: l.productId,
        quantity: l.quantity,
        unitPrice: l.unitPrice,
        lineTotal: l.lineTotal,
        discount: l.lineTotal - l.payable,
        payable: l.payable,
        labels: [...new Set(l.labels)],
      }),
    ),
    itemCount,
    subtotal,
    discount,
    shipping,
    total: subtotal - discount + shipping,
    freeShippingGap,
    applied,
    coupons: plans.map((p) => ({ couponId: p.coupon.id, usable: p.usable, reason: p.reason, discount: p.discount, selected: selectedCouponIds.includes(p.coupon.id) })),
    selectedCouponIds,
    nudges,
  }
}
