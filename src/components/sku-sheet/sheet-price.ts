import { displayPrice } from '@/components/product-card/display-price'
import type { ProductDetail, Sku } from '@/domain/contract'
import type { Fen } from '@/domain/money'

/**
 * The sheet's price: the chosen SKU's live limited-time price (the server's, while the offer
 * still has stock for it) with its regular price crossed out, else its price; before a SKU is
 * chosen, the product's lowest.
 */
export function sheetPrice(product: ProductDetail, sku: Sku | undefined): { fen: Fen; crossed: Fen | null } {
  if (!sku) {
    const shown = displayPrice(product)
    return { fen: shown.fen, crossed: shown.onOffer ? shown.crossed : null }
  }
  const offer = product.offer?.limited?.skus.find((s) => s.skuId === sku.id && s.stockLeft > 0)
  return offer && offer.price < sku.price ? { fen: offer.price, crossed: sku.price } : { fen: sku.price, crossed: null }
}
