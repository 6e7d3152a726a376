import type { ProductDetail, ProductSummary } from '../../../src/domain/contract'
import { livePromotions, productOffer } from '../../../src/domain/promotions/offers'
import type { Promotion } from '../../../src/domain/promotions/types'

/** A SKU as the offer computation needs it; the catalog reads it with the product. */
export interface OfferSku {
  skuId: number
  price: number
  stock: number
}

/** A summary before its offer: offers are computed at answer time, never cached with the catalog rows. */
export type RawSummary = Omit<ProductSummary, 'offer'> & { offerSkus: OfferSku[] }

/**
 * Offers start, end and sell out on their own clock, so the catalog cache keeps the rows and
 * every answer prices them against the live promotions (themselves cached briefly).
 */
export function withOffers(items: readonly RawSummary[], promotions: readonly Promotion[], now: number): ProductSummary[] {
  const live = livePromotions(promotions, now)
  return items.map(({ offerSkus, ...p }) => {
    const offer = live.length ? productOffer(live, { productId: p.id, categoryId: p.categoryId, skus: offerSkus }, now) : null
    return { ...p, offer: offer && { price: offer.price, memberPrice: offer.memberPrice, labels: offer.labels } }
  })
}

export function detailWithOffer(p: Omit<ProductDetail, 'offer'>, promotions: readonly Promotion[], now: number): ProductDetail {
  const live = livePromotions(promotions, now)
  const offer = live.length ? productOffer(live, { productId: p.id, categoryId: p.categoryId, skus: p.skus.map((s) => ({ skuId: s.id, price: s.price, stock: s.stock })) }, now) : null
  return { ...p, offer }
}
