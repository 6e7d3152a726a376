import type { ProductDetail } from '@/domain/contract'
import type { GroupDealView } from '@/domain/groups'

/**
 * The product as the deal sells it, for the SKU sheet: only the deal's SKUs, at their group
 * price, with the deal's own stock left (a group order takes from both, so the lower counts),
 * and no limited-time offer (group orders are priced by the deal alone).
 */
export function dealProduct(product: ProductDetail, deal: Pick<GroupDealView, 'skus' | 'price'>): ProductDetail {
  const bySku = new Map(deal.skus.map((s) => [s.skuId, s]))
  const skus = product.skus
    .filter((s) => bySku.has(s.id))
    .map((s) => {
      const d = bySku.get(s.id)!
      return { ...s, price: d.price, stock: Math.min(s.stock, d.stockLeft) }
    })
  return { ...product, skus, price: deal.price, originalPrice: product.price, offer: null, stock: skus.reduce((n, s) => n + s.stock, 0) }
}
