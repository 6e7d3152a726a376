// What other modules may use of catalog: they import it from here, never from its files (lint-enforced).
export { withOffers } from './offers'
export type { OfferSku, RawSummary } from './offers'
export { skusForSale, specText } from './repository'
export type { SkuForSale } from './repository'
export { catalogAdminRoutes } from './admin-routes'
export { imageUploadLimits, LocalImageStore, processImage, readImageUpload, type ImageStore } from './images'
export { shopperPhotoUpload, type ShopperPhotoUpload } from './photo-upload'
