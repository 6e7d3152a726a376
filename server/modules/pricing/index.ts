// What other modules may use of pricing: they import it from here, never from its files (lint-enforced).
export { CouponIds, LineItems, loadSkus, mergeLines, previewItems, pricePreview, priceWithEngine, skuNotFound, toPreview } from './service'
export type { PricingContext } from './service'
