import { getToken } from '../api/client'
import { IMAGE_UPLOAD_URL } from '../api/catalog'

/** The largest picture POST /api/admin/images takes. */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024

/** What every picture Upload in the console shares: the endpoint, its field, the types it takes and the bearer header. */
export const imageUploadProps = () => ({
  listType: 'picture-card' as const,
  action: IMAGE_UPLOAD_URL,
  name: 'file',
  accept: 'image/jpeg,image/png,image/webp,image/gif',
  headers: { authorization: `Bearer ${getToken() ?? ''}` },
})
