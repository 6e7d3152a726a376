// What other modules may use of catalog: they import it from here, never from its files (lint-enforced).
export { withOffers } from './offers'
export type { OfferSku, RawSummary } from './offers'
export { skusForSale, specText } from './repository'
export type { SkuForSale } from './repository'
export { catalogAdminRoutes } from './admin-routes'
export { fileTooLarge, imageUploadLimits, LocalImageStore, MAX_IMAGE_BYTES, processImage, readImageUpload, uploadImage, type ImageStore } from './images'
export { imageUrl } from './admin-schemas'
export { shopperPhotoUpload, type ShopperPhotoUpload } from './photo-upload'
