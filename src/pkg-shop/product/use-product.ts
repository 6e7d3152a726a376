import { useEffect } from 'react'
import { useRouter } from '@tarojs/taro'
import { parseSceneId } from '@/domain/sharing'
import { attributeScene, resolveScene } from '@/services/attribution'
import { getProduct } from '@/services/catalog'
import { useAsyncData } from '@/services/catalog-hooks'
import { ApiError } from '@/services/http'

const NOT_FOUND = () => new ApiError(404, 'NOT_FOUND', '商品不存在')

/**
 * Reads ?id= and loads the product; a malformed id or a 404 is "not found", not an error to retry.
 * Opened from a mini-program code there is only ?scene=: GET /api/scenes/:id says which product.
 * A scene on the page (code or chat share) is attributed; an unknown one is ignored.
 */
export function useProduct() {
  const { params } = useRouter()
  const scene = parseSceneId(params.scene)
  const given = Number(params.id)
  const valid = Number.isSafeInteger(given) && given > 0
  const product = useAsyncData(async () => {
    if (valid) return getProduct(given)
    const target = scene ? await resolveScene(scene) : null
    if (target?.productId) return getProduct(target.productId)
    throw NOT_FOUND()
  }, `${String(params.id)}:${scene ?? ''}`)
  useEffect(() => void attributeScene(scene), [scene])
  const id = valid ? given : (product.data?.id ?? NaN)
  const notFound = (!valid && !scene) || (product.status === 'error' && product.error instanceof ApiError && product.error.status === 404)
  return { id, product, notFound }
}
