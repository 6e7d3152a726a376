import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { ProductDetail } from '@/domain/contract'
import { formatFen } from '@/domain/money'
import { commissionOf } from '@/domain/promoters'
import { route } from '@/routes'
import { fetchPromoterMe } from '@/services/promoters'
import { useIsLoggedIn } from '@/store/session'

/**
 * 分享赚: for an approved promoter, what sharing this product earns at level 1 on the price
 * shown (the shop's rate; the server's own figures, with any product rate, stay authoritative).
 * Taps open the product's poster. Nothing for anyone else.
 */
export default function ShareEarn({ product }: { product: ProductDetail }) {
  const loggedIn = useIsLoggedIn()
  const [rateBp, setRateBp] = useState<number | null>(null)
  useEffect(() => {
    let live = true
    ;(loggedIn ? fetchPromoterMe() : Promise.resolve(null)).then(
      (me) => live && setRateBp(me?.status === 'approved' ? me.settings.level1RateBp : null),
      () => live && setRateBp(null),
    )
    return () => {
      live = false
    }
  }, [loggedIn])
  if (rateBp === null) return null
  const earn = commissionOf(product.offer?.price ?? product.price, rateBp)
  if (earn <= 0) return null
  return (
    <View className="product-section product-spec-row product-share-earn" onClick={() => void Taro.navigateTo({ url: route.poster(product.id) })}>
      <Text className="product-spec-row__label">分享赚</Text>
      <Text className="product-spec-row__value product-share-earn__value">{`好友下单你赚 ${formatFen(earn)}`}</Text>
      <Text className="product-spec-row__arrow">生成海报 ›</Text>
    </View>
  )
}
