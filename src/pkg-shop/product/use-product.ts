import { useRouter } from '@tarojs/taro'
import { getProduct } from '@/services/catalog'
import { useAsyncData } from '@/services/catalog-hooks'
import { ApiError } from '@/services/http'

/** Reads ?id= and loads the product; a malformed id or a 404 is "not found", not an error to retry. */
export function useProduct() {
  const { params } = useRouter()
  const id = Number(params.id)
  const valid = Number.isSafeInteger(id) && id > 0
  const product = useAsyncData(() => (valid ? getProduct(id) : Promise.reject(new ApiError(404, 'NOT_FOUND', '商品不存在'))), String(params.id))
  const notFound = !valid || (product.status === 'error' && product.error instanceof ApiError && product.error.status === 404)
  return { id, product, notFound }
}
