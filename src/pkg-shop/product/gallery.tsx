import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Image, Swiper, SwiperItem, Text, View } from '@tarojs/components'

/** The product's images, swipeable, with a "2/5" counter; a tap opens the full-screen preview. */
export default function Gallery({ images }: { images: string[] }) {
  const [current, setCurrent] = useState(0)
  const preview = (url: string) => void Taro.previewImage({ urls: images, current: url }).catch(() => undefined)
  return (
    <View className="product-gallery">
      <Swiper className="product-gallery__swiper" circular={images.length > 1} onChange={(e) => setCurrent(e.detail.current)}>
        {images.map((url) => (
          <SwiperItem key={url}>
            <Image className="product-gallery__image" src={url} mode="aspectFill" onClick={() => preview(url)} />
          </SwiperItem>
        ))}
      </Swiper>
      {images.length > 1 ? (
        <View className="product-gallery__indicator">
          <Text>
            {current + 1}/{images.length}
          </Text>
        </View>
      ) : null}
    </View>
  )
}
