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

/**
 * The finished JSON of an answer, kept while the rows and the live promotions it was made
 * from are the very same objects (both caches hand out one object per ttl) and for at most
 * `ttlMs`, so an offer that starts or ends shows within that time. The list endpoint is the
 * busiest read: without this every answer would price 20 cards and stringify them again.
 */
export class AnswerMemo {
  private entries = new Map<string, { deps: readonly unknown[]; at: number; json: string }>()

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 1000,
  ) {}

  get(key: string, deps: readonly unknown[], make: () => string): string {
    const now = Date.now()
    const hit = this.entries.get(key)
    if (hit && now - hit.at < this.ttlMs && hit.deps.every((d, i) => d === deps[i])) return hit.json
    const json = make()
    if (this.entries.size >= this.maxEntries) this.entries.clear()
    this.entries.set(key, { deps, at: now, json })
    return json
  }
}
