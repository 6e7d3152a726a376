import { Lifestyle, View } from '@tarojs/components'

/** Inlined at build time (config defineConstants); empty: the shop has no life account configured. */
const PUBLIC_ID = process.env.TARO_APP_LIFESTYLE_ID ?? ''

/** Alipay's <lifestyle> follow button for the store's life account, only when its public id is configured. */
export default function LifestyleFollow() {
  if (!PUBLIC_ID) return null
  return (
    <View className="lifestyle-follow">
      <Lifestyle publicId={PUBLIC_ID} memo="关注店铺生活号，上新和优惠不错过" />
    </View>
  )
}
