/**
 * What a product page and a list card show before anything is in the cart: the lowest price
 * anyone pays now, the member price, the labels and the live limited-time offer for the
 * countdown. Uses the engine's own rules (isLive, inScope, memberUnitPrice, labels) so the
 * card never promises a price the cart won't give. Linear in promotions × SKUs: the server
 * calls it for every listed product.
 */
import type { Fen } from '../money'
import { fullDiscountLabel, fullReductionLabel, LIMITED_TIME_LABEL, MEMBER_PRICE_LABEL, nForNLabel } from './labels'
import type { OrderPromotion } from './order-stage'
import { inScope, isLive } from './scope'
import { memberUnitPrice } from './unit-stage'
import type { LimitedTimePromotion, ProductOffer, Promotion } from './types'

export interface OfferProduct {
  productId: number
  categoryId: number
  skus: readonly { skuId: number; price: Fen; stock: number }[]
}

/** The label a card shows for an order-level promotion: its first tier, what gets you in. */
export function promotionLabel(p: OrderPromotion): string {
  switch (p.kind) {
    case 'n_for_n':
      return nForNLabel(p.count, p.price)
    case 'full_reduction':
      return fullReductionLabel(p.basis, p.tiers[0].threshold, p.tiers[0].off, p.repeat)
    case 'full_discount':
      return fullDiscountLabel(p.basis, p.tiers[0].threshold, p.tiers[0].percent)
  }
}

/** Only the promotions running at `now`: filter once, then call productOffer per product. */
export function livePromotions(promotions: readonly Promotion[], now: number): Promotion[] {
  return promotions.filter((p) => isLive(p, now))
}

export function productOffer(promotions: readonly Promotion[], product: OfferProduct, now: number): ProductOffer | null {
  if (product.skus.length === 0) return null
  // A sold-out SKU is not a price anyone can pay; a sold-out product still shows its prices.
  const inStock = product.skus.filter((s) => s.stock > 0)
  const skus = inStock.length > 0 ? inStock : product.skus
  let price = Number.POSITIVE_INFINITY
  for (const s of skus) if (s.price < price) price = s.price

  let limited: ProductOffer['limited'] = null
  let limitedBest = Number.POSITIVE_INFINITY
  let memberPrice: Fen | null = null
  const orderLevel: OrderPromotion[] = []
  for (const p of promotions) {
    if (!isLive(p, now)) continue
    if (p.kind === 'limited_time') {
      const offer = limitedOffer(p, skus)
      if (!offer) continue
      if (offer.lowest < price) price = offer.lowest
      if (offer.lowest < limitedBest || (offer.lowest === limitedBest && limited && (p.endsAt < limited.endsAt || (p.endsAt === limited.endsAt && p.id < limited.promotionId)))) {
        limitedBest = offer.lowest
        limited = { promotionId: p.id, name: p.name, endsAt: p.endsAt, perUserLimit: p.perUserLimit, skus: offer.skus }
      }
    } else if (p.kind === 'member_price') {
      for (const s of skus) {
        const mp = memberUnitPrice(p, { skuId: s.skuId, productId: product.productId, categoryId: product.categoryId, unitPrice: s.price })
        if (mp !== null && mp < s.price && (memberPrice === null || mp < memberPrice)) memberPrice = mp
      }
    } else if (inScope(p.scope, product)) {
      orderLevel.push(p)
    }
  }

  const labels: string[] = []
  if (limited) labels.push(LIMITED_TIME_LABEL)
  orderLevel.sort((a, b) => a.stacking.priority - b.stacking.priority || a.id - b.id)
  for (const p of orderLevel) labels.push(promotionLabel(p))
  if (memberPrice !== null) labels.push(MEMBER_PRICE_LABEL)
  if (labels.length === 0) return null
  return { price, memberPrice, labels, limited }
}

/** The offer's items on these SKUs that still sell below the regular price. */
function limitedOffer(p: LimitedTimePromotion, skus: OfferProduct['skus']): { lowest: Fen; skus: { skuId: number; price: Fen; stockLeft: number }[] } | null {
  let lowest = Number.POSITIVE_INFINITY
  const out: { skuId: number; price: Fen; stockLeft: number }[] = []
  for (const item of p.items) {
    if (item.stockLeft <= 0) continue
    const sku = skus.find((s) => s.skuId === item.skuId)
    if (!sku || item.price >= sku.price) continue
    out.push({ skuId: item.skuId, price: item.price, stockLeft: item.stockLeft })
    if (item.price < lowest) lowest = item.price
  }
  return out.length > 0 ? { lowest, skus: out } : null
}
