import { Image, ScrollView, Text, View } from '@tarojs/components'
import type { ReviewView } from '@/domain/reviews'
import { previewImages } from '@/platform/media'

/** 买家秀: every photo of the featured reviews in one strip; a tap previews them all from that one. */
export default function BuyerShow({ reviews }: { reviews: ReviewView[] }) {
  const photos = reviews.flatMap((r) => r.photos)
  if (photos.length === 0) return null
  return (
    <View className="buyer-show">
      <Text className="buyer-show__title">{`买家秀 (${photos.length})`}</Text>
      <ScrollView className="buyer-show__strip" scrollX>
        {photos.map((url, i) => (
          <Image key={`${url}-${i}`} className="buyer-show__photo" src={url} mode="aspectFill" onClick={() => previewImages(photos, url)} />
        ))}
      </ScrollView>
    </View>
  )
}
