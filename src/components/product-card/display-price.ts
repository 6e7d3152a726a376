import type { Fen } from '@/domain/money'

interface Priced {
  price: Fen
  originalPrice: Fen | null
  offer: { price: Fen } | null
}

/**
 * The price a list card or the product page shows: the server's offer price when a live offer
 * makes it lower, with the regular price crossed out; otherwise the price and its list price.
 */
export function displayPrice(p: Priced): { fen: Fen; crossed: Fen | null; onOffer: boolean } {
  if (p.offer && p.offer.price < p.price) return { fen: p.offer.price, crossed: p.price, onOffer: true }
  return { fen: p.price, crossed: p.originalPrice, onOffer: false }
}
